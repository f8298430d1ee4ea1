import Foundation
public import Hummingbird

/// The one error shape of the API: RFC 9457 problem details (`application/problem+json`) with
/// a stable `code`. A problem's text names identifiers and rules, never a person's data.
public struct Problem: Error, HTTPResponseError, Sendable {
    /// Stable problem codes, part of the API (documented in openapi.yaml). Never rename one.
    public enum Code: String, Sendable, CaseIterable {
        case unauthenticated = "UNAUTHENTICATED"
        case forbidden = "FORBIDDEN"
        case notFound = "NOT_FOUND"
        case methodNotAllowed = "METHOD_NOT_ALLOWED"
        case badRequest = "BAD_REQUEST"
        case unsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE"
        case manifestRejected = "MANIFEST_REJECTED"
        case invalidDocument = "INVALID_DOCUMENT"
        case conflict = "CONFLICT"
        case notReleased = "NOT_RELEASED"
        case tooLarge = "UPLOAD_TOO_LARGE"
        case quotaExceeded = "QUOTA_EXCEEDED"
        case rateLimited = "RATE_LIMITED"
        case probeLimit = "PROBE_LIMIT"
        case interactiveNotEnabled = "INTERACTIVE_NOT_ENABLED"
        case agreementNotUsable = "AGREEMENT_NOT_USABLE"
        case unavailable = "SERVICE_UNAVAILABLE"
        case internalError = "INTERNAL_ERROR"
    }

    public var status: HTTPResponse.Status
    public var code: Code
    public var detail: String
    /// Reason codes behind the problem (manifest reasons, quota reasons), sorted.
    public var reasons: [String]
    public var headers: HTTPFields

    public init(
        _ status: HTTPResponse.Status, _ code: Code, _ detail: String, reasons: [String] = [],
        headers: HTTPFields = [:]
    ) {
        self.status = status
        self.code = code
        self.detail = detail
        self.reasons = reasons
        self.headers = headers
    }

    /// The body, in RFC 9457 members plus `code` and `reasons`.
    struct Body: Encodable {
        var type: String
        var title: String
        var status: Int
        var code: String
        var detail: String
        var reasons: [String]?
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = Body(
            type: "https://gatehouse.invalid/problems/\(code.rawValue.lowercased().replacingOccurrences(of: "_", with: "-"))",
            title: status.reasonPhrase, status: Int(status.code), code: code.rawValue, detail: detail,
            reasons: reasons.isEmpty ? nil : reasons)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var headers = self.headers
        headers[.contentType] = "application/problem+json"
        let data = try encoder.encode(body)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    // MARK: Common problems

    static let unauthenticated = Problem(
        .unauthorized, .unauthenticated, "a valid API key is required (Authorization: Bearer …)",
        headers: [.wwwAuthenticate: "Bearer"])
    static func forbidden(_ route: String) -> Problem {
        Problem(.forbidden, .forbidden, "this key's role may not call \(route)")
    }
    /// The one answer for a missing object and for another agreement's object: same status, same body.
    static func notFound(_ kind: String) -> Problem {
        Problem(.notFound, .notFound, "no such \(kind)")
    }
    static func badRequest(_ detail: String) -> Problem { Problem(.badRequest, .badRequest, detail) }
    static func unavailable(_ detail: String) -> Problem {
        Problem(.serviceUnavailable, .unavailable, detail, headers: [.retryAfter: "5"])
    }
    static let internalError = Problem(.internalServerError, .internalError, "the server could not complete the call")
}
