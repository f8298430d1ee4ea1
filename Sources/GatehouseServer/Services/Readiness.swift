import Foundation
public import GatehouseStore
import GRDB
import Synchronization

/// Whether the server may decide and release, and if not, why (`/readyz`). Fail closed: an
/// order registry that cannot be read, a ledger that cannot be appended, or no match index
/// means nothing is decided or released.
public final class Readiness: Sendable {
    /// A reason the server is not ready; stable codes.
    public enum Reason: String, Sendable, Hashable, CaseIterable, Codable {
        case indexLoading = "INDEX_LOADING"
        case orderRegistryUnreadable = "ORDER_REGISTRY_UNREADABLE"
        case ledgerNotAppendable = "LEDGER_NOT_APPENDABLE"

        var explanation: String {
            switch self {
            case .indexLoading: "the match index is not loaded yet"
            case .orderRegistryUnreadable: "the court-order registry cannot be read: nothing is decided or released"
            case .ledgerNotAppendable: "the ledger cannot be appended: nothing is decided or released"
            }
        }
    }

    private struct State {
        var indexLoaded = false
        var ledgerFailed = false
    }

    private let state = Mutex(State())
    let workspace: Workspace

    public init(workspace: Workspace) {
        self.workspace = workspace
    }

    func indexLoaded() { state.withLock { $0.indexLoaded = true } }
    func ledgerAppended() { state.withLock { $0.ledgerFailed = false } }
    func ledgerFailed() { state.withLock { $0.ledgerFailed = true } }

    /// Every reason the server is not ready now (empty when ready). Reads the order registry and
    /// checks the ledger tables can take a write (a write transaction that is rolled back).
    public func reasons() -> [Reason] {
        var reasons: [Reason] = []
        let current = state.withLock { $0 }
        if !current.indexLoaded { reasons.append(.indexLoading) }
        if (try? workspace.orders()) == nil { reasons.append(.orderRegistryUnreadable) }
        if current.ledgerFailed || !ledgerWritable() { reasons.append(.ledgerNotAppendable) }
        return reasons
    }

    /// Whether the order registry can be read now.
    func ordersReadable() -> Bool { (try? workspace.orders()) != nil }

    /// A write transaction that takes the write lock and is rolled back: fails when the database
    /// is read-only or locked out.
    private func ledgerWritable() -> Bool {
        do {
            try workspace.database.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) { .rollback }
            }
            return true
        } catch {
            return false
        }
    }
}
