public import Hummingbird

/// One route of the API with its access rule, declared together: the router is built from
/// the table of these (`Endpoints.all`), so a route cannot exist without a rule.
public struct Endpoint: Sendable {
    public typealias Handler = @Sendable (Request, GatehouseRequestContext) async throws -> Response

    public var method: HTTPRequest.Method
    /// The path as the OpenAPI document writes it (`/v1/batches/{id}`).
    public var path: String
    public var rule: AccessRule
    var handler: Handler

    init(_ method: HTTPRequest.Method, _ path: String, _ rule: AccessRule, _ handler: @escaping Handler) {
        self.method = method
        self.path = path
        self.rule = rule
        self.handler = handler
    }

    /// `METHOD /pattern`, as logs, metrics and access events name the route.
    public var route: String { "\(method.rawValue) \(path)" }

    /// The path as Hummingbird's router writes it (`/v1/batches/:id`, `/v1/log/tile/**`).
    var routerPath: String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { segment -> String in
            if segment == "{path}" { return "**" }
            if segment.hasPrefix("{"), segment.hasSuffix("}") { return ":" + segment.dropFirst().dropLast() }
            return String(segment)
        }.joined(separator: "/")
    }

    /// The OpenAPI form of a router path (`:id` → `{id}`, `**` → `{path}`).
    public static func openAPIPath(_ routerPath: String) -> String {
        routerPath.split(separator: "/", omittingEmptySubsequences: false).map { segment -> String in
            if segment == "**" { return "{path}" }
            if segment.hasPrefix(":") { return "{" + segment.dropFirst() + "}" }
            return String(segment)
        }.joined(separator: "/")
    }
}
