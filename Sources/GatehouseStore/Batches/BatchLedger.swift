import GatehouseCore
import GRDB

/// The one place the batch pipeline writes to the ledger, inside the caller's transaction.
enum BatchLedger {
    static func append(_ events: [LedgerEvent], at time: LedgerTimestamp, in db: Database) throws {
        guard !events.isEmpty else { return }
        // Wired to LedgerStore once the ledger store lands.
    }

    /// Writes a signed checkpoint for the log as it stands, when the workspace has a ledger key.
    static func checkpoint(workspace: Workspace) throws {
    }
}
