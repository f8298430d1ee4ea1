import Foundation
import GatehouseCore
import GatehouseStore
import Hummingbird
import NIOCore
import NIOPosix

/// What every route handler shares: JSON answers, path parameters, small bodies, ownership.
enum Reply {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return encoder
    }()

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try encoder.encode(value)
        return Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func text(_ text: String, contentType: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: contentType], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

extension GatehouseRequestContext {
    /// A path parameter, recorded as the call's object id. Ids are letters, digits, `.`, `_`, `-`.
    func objectID(_ name: String) throws -> String {
        guard let value = parameters.get(name), !value.isEmpty, value.utf8.count <= 128,
            value.utf8.allSatisfy({ Self.isIDByte($0) })
        else { throw Problem.notFound("object") }
        note.objectID = value
        return value
    }

    static func isIDByte(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
            || byte == 0x2E || byte == 0x5F || byte == 0x2D
    }

    /// For a requester: the object's agreement must be its own, else the object answers exactly as
    /// a missing one (and the call is recorded as denied).
    func requireOwn(agreementID: String, kind: String) throws {
        let caller = try caller()
        guard caller.role == .requester else { return }
        guard caller.agreementID == agreementID else {
            note.deniedObject = true
            throw Problem.notFound(kind)
        }
    }
}

extension Request {
    /// The whole body as text, up to the context's limit (JSON and YAML documents only).
    func bodyText(context: GatehouseRequestContext) async throws -> String {
        let buffer = try await body.collect(upTo: context.maxUploadSize)
        guard let text = String(validating: buffer.readableBytesView, as: UTF8.self) else {
            throw Problem.badRequest("the body is not UTF-8 text")
        }
        return text
    }

    /// The body decoded from JSON.
    func decodeJSON<T: Decodable>(_ type: T.Type, context: GatehouseRequestContext) async throws -> T {
        let buffer = try await body.collect(upTo: context.maxUploadSize)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(T.self, from: Data(buffer.readableBytesView))
        } catch let error as DecodingError {
            throw Problem.badRequest(DocumentDecodingText.describe(error))
        }
    }

    /// The media type of the body, without parameters, lowercased.
    var mediaType: String {
        (headers[.contentType] ?? "").split(separator: ";").first.map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        } ?? ""
    }
}

/// Blocking store work (a batch stored, a release of a million rows) runs on NIO's thread pool,
/// off the cooperative threads that answer the other requests.
func offloaded<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await NIOThreadPool.singleton.runIfActive(work)
}

extension ServerState {
    /// Fail closed: nothing is decided or released while the order registry cannot be read.
    func requireOrders() throws {
        guard readiness.ordersReadable() else {
            throw Problem.unavailable("the court-order registry cannot be read; nothing is decided or released")
        }
    }
}
