import Foundation
import GatehouseCore
import GatehouseStore
import Hummingbird
import HummingbirdAuth
import HTTPTypes
import Logging
import NIOCore

/// Around every route: turns any error into a problem response, adds the call's warning
/// headers, and records every authenticated call — allowed or denied — as an `access` ledger
/// event (key id, role, on-behalf-of, route pattern, object id, verdict, status; never the
/// payload) before the answer leaves. If the event cannot be committed the answer is a 503:
/// nothing leaves that the ledger does not hold.
struct AccessMiddleware: RouterMiddleware {
    typealias Context = GatehouseRequestContext
    let state: ServerState
    /// `METHOD /pattern`.
    let route: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var response = await Self.responding(request, context: context, logger: state.logger) {
            try await next(request, context)
        }
        let note = context.note
        response.headers.append(contentsOf: note.headers)
        guard let caller = note.caller, !note.accessRecorded else { return response }
        let status = Int(response.status.code)
        let denied = note.deniedObject || [401, 403, 429].contains(status) || note.caller?.key.isUsable(on: state.today) == false
        let event = LedgerEvent.access(
            .init(
                keyID: caller.keyID, role: caller.role.rawValue, onBehalfOf: caller.onBehalfOf, route: route,
                objectID: note.objectID, verdict: denied ? .denied : .allowed, status: UInt64(status)))
        do {
            try await state.committer.append([event])
        } catch {
            return try Problem.unavailable("the ledger cannot be appended; nothing was released").response(
                from: request, context: context)
        }
        return response
    }

    /// The handler's response, or the problem response for what it threw.
    static func responding(
        _ request: Request, context: Context, logger: Logger, _ body: () async throws -> Response
    ) async -> Response {
        do {
            return try await body()
        } catch {
            return problemResponse(for: error, request: request, context: context, logger: logger)
        }
    }

    static func problemResponse(for error: any Error, request: Request, context: Context, logger: Logger) -> Response {
        let problem: Problem
        switch error {
        case let error as Problem:
            problem = error
        case let error as HTTPError:
            problem = Problem(
                error.status, code(for: error.status), error.status.reasonPhrase.lowercased(), headers: error.headers)
        case is NIOTooManyBytesError:
            problem = Problem(.contentTooLarge, .tooLarge, "the request body is too large")
        case let error as DecodingError:
            problem = .badRequest(DocumentDecodingText.describe(error))
        default:
            logger.error("unexpected error", metadata: ["error.type": "\(type(of: error))"])
            problem = .internalError
        }
        return (try? problem.response(from: request, context: context)) ?? Response(status: .internalServerError)
    }

    static func code(for status: HTTPResponse.Status) -> Problem.Code {
        switch status.code {
        case 400: .badRequest
        case 401: .unauthenticated
        case 403: .forbidden
        case 404: .notFound
        case 405: .methodNotAllowed
        case 413: .tooLarge
        case 415: .unsupportedMediaType
        case 503: .unavailable
        default: .internalError
        }
    }
}

/// The role rule of one route, evaluated by hummingbird-auth's `AuthorizationPolicyMiddleware`.
struct RolesPolicy: AuthorizationPolicy {
    let roles: Set<APIKey.Role>

    func isAuthorized(identity: Caller, request: Request) async throws -> Bool {
        roles.contains(identity.role)
    }
}

/// The per-key token bucket: 429 with `Retry-After` when a key calls faster than allowed.
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = GatehouseRequestContext
    let state: ServerState

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let caller = try context.caller()
        if let wait = state.rateLimiter.take(key: caller.keyID) {
            state.metrics.refused(Problem.Code.rateLimited.rawValue)
            throw Problem(
                .tooManyRequests, .rateLimited, "this key is calling faster than its rate limit",
                headers: [.retryAfter: String(wait)])
        }
        return try await next(request, context)
    }
}

/// One log line per request — request id, method, route pattern, status, duration, key id —
/// never a path, a query string, a header value or a body (they may hold a person's data).
/// Also the request metrics, and the `Gatehouse-Request-Id` header.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = GatehouseRequestContext
    let state: ServerState

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let start = ContinuousClock.now
        var response = await AccessMiddleware.responding(request, context: context, logger: state.logger) {
            try await next(request, context)
        }
        let duration = ContinuousClock.now - start
        let route = context.endpointPath.map { Endpoint.openAPIPath($0) } ?? "unmatched"
        let status = Int(response.status.code)
        response.headers[.requestID] = context.id
        state.metrics.request(route: route, method: request.method.rawValue, status: status, duration: duration)
        var metadata: Logger.Metadata = [
            "request_id": "\(context.id)", "method": "\(request.method.rawValue)", "route": "\(route)",
            "status": "\(status)", "ms": "\(Double(duration.nanoseconds) / 1e6)",
        ]
        if let caller = context.note.caller { metadata["key"] = "\(caller.keyID)" }
        if !context.note.objectID.isEmpty { metadata["object"] = "\(context.note.objectID)" }
        state.logger.info("request", metadata: metadata)
        return response
    }
}
