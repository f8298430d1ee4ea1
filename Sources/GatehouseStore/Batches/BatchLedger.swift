import GRDB
import GatehouseCore

/// The one place the batch pipeline writes to the ledger, inside the caller's transaction.
enum BatchLedger {
    static func append(_ events: [LedgerEvent], at time: LedgerTimestamp, in db: Database) throws {
        guard !events.isEmpty else { return }
        _ = try LedgerStore.append(events, at: time, in: db)
    }

    /// Writes a signed checkpoint for the log as it stands (at the end of every batch step).
    static func checkpoint(workspace: Workspace, at time: LedgerTimestamp) throws {
        let signer = try LedgerKeys.load(from: workspace.keysDirectory)
        try workspace.database.write { db in
            _ = try LedgerStore.checkpoint(in: db, signer: signer, at: time)
        }
    }
}
