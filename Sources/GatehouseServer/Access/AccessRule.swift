public import GatehouseStore

/// Who may call a route. Declared beside each route in the route table (`Endpoints`), so that
/// no route exists without one; the role × route test walks the router's own list.
public struct AccessRule: Sendable, Hashable {
    /// The roles that may call the route; empty for a public route (no key needed).
    public var roles: Set<APIKey.Role>
    /// What a requester may see of the route's object: only its own agreement's (others answer
    /// exactly as a missing id), or nothing is owned (the route names no object).
    public var ownership: Ownership

    public enum Ownership: Sendable, Hashable {
        /// The route names no object a requester could own.
        case none
        /// A requester sees only objects of its own agreement (batches, its agreement).
        case ownAgreement
    }

    public var isPublic: Bool { roles.isEmpty }

    public static let `public` = AccessRule(roles: [], ownership: .none)

    public static func roles(_ roles: APIKey.Role..., ownership: Ownership = .none) -> AccessRule {
        AccessRule(roles: Set(roles), ownership: ownership)
    }
}
