public import GatehouseCore
public import GRDB

/// Court orders: every change (an amendment, a stay, a vacatur) is a new version.
extension Workspace {
    /// Stores `order` as a new version, as canonical JSON with its SHA-256.
    ///
    /// The version is the one the document states and must be above every stored version of the
    /// same id.
    /// - Returns: The stored version.
    /// - Throws: `WorkspaceError` `.staleVersion` when the version is not above the latest,
    ///   `.invalidDocument` when the order fails `problems()`.
    @discardableResult
    public func addOrder(_ order: CourtOrder) throws -> Int {
        try writeSigned { db in try DocumentStore.add(order, in: db) }
    }

    /// One version of an order (the latest when `version` is nil); nil when not stored.
    /// - Throws: `WorkspaceError` `.unreadableDocument` when the stored version cannot be decoded.
    public func order(id: String, version: Int? = nil) throws -> CourtOrder? {
        try database.read { db in try DocumentStore.fetch(CourtOrder.self, id: id, version: version, in: db) }
    }

    /// The latest version of an order; nil when not stored.
    public func latestOrder(id: String) throws -> CourtOrder? {
        try order(id: id, version: nil)
    }

    /// The latest version of every order, by id — active, stayed and vacated alike (the policy
    /// decides which apply).
    /// - Throws: `WorkspaceError` `.unreadableDocument` when any stored order cannot be decoded:
    ///   a registry that cannot be read releases nothing.
    public func orders() throws -> [CourtOrder] {
        try database.read { db in try Self.orders(in: db) }
    }

    /// Every stored version of an order, oldest first; empty when not stored.
    public func orderVersions(id: String) throws -> [DocumentVersion] {
        try database.read { db in try DocumentStore.versions(CourtOrder.self, id: id, in: db) }
    }

    /// Lifts an order: stores its latest version with status `vacated` as the next version.
    /// - Returns: The new version.
    /// - Throws: `WorkspaceError` `.unknownDocument` when no such order, `.invalidDocument` when
    ///   it is already vacated.
    @discardableResult
    public func liftOrder(id: String) throws -> CourtOrder {
        try setOrderStatus(id: id, .vacated)
    }

    /// Changes an order's status (a stay, a vacatur, a stay lifted) as the next version.
    /// - Throws: `WorkspaceError` `.unknownDocument` when no such order, `.invalidDocument` when
    ///   it already has that status or is vacated (a vacated order never binds again: add a new
    ///   order instead).
    @discardableResult
    public func setOrderStatus(id: String, _ status: CourtOrder.Status) throws -> CourtOrder {
        try writeSigned { db in
            try DocumentStore.amend(CourtOrder.self, id: id, in: db) { order in
                guard order.status != status else {
                    throw WorkspaceError(
                        .invalidDocument, "court order \(id) is already \(status.rawValue) (version \(order.version))")
                }
                guard order.status != .vacated else {
                    throw WorkspaceError(
                        .invalidDocument, "court order \(id) is vacated and cannot be reinstated; add a new order")
                }
                order.status = status
            }
        }
    }

    /// `orders()` inside a transaction the caller holds (to check orders and release atomically).
    public static func orders(in db: Database) throws -> [CourtOrder] {
        try DocumentStore.latestOfEach(CourtOrder.self, in: db)
    }
}
