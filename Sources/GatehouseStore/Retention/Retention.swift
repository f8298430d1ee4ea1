public import Foundation
import GRDB
public import GatehouseCore

/// Purges what an agreement's retention says is no longer kept: a batch's request rows and the
/// values released to the requester, `retention_days` after its release (after its submission
/// when it was never released). The decisions, the disclosures' fields, result codes and record
/// ids (the accounting of disclosures) and the ledger are kept.
///
/// `gatehouse retention run` calls `run()`; the server calls it once a day. Each batch is purged
/// in one transaction with a `retention` ledger entry (kind 22) and a checkpoint, so a purge is
/// either whole or not at all, and `gatehouse audit` and the response file know it happened.
public struct Retention: Sendable {
    public let workspace: Workspace
    /// The moment the run acts at (injected so tests control dates).
    public let now: Date

    public init(workspace: Workspace, now: Date = Date()) {
        self.workspace = workspace
        self.now = now
    }

    /// One batch's retention as it stands.
    public struct Status: Sendable, Hashable {
        public var batchID: String
        /// The agreement's retention in days (its latest version), or nil when it keeps everything.
        public var days: Int?
        /// The first day the batch's values may be purged (`YYYY-MM-DD`), when `days` is set.
        public var purgeFrom: String?
        /// When it was purged, or nil.
        public var purgedAt: String?
    }

    /// What one run purged.
    public struct Purge: Sendable, Hashable {
        public var batchID: String
        public var days: Int
        public var requestRows: Int
        public var disclosures: Int
    }

    /// The retention of one batch.
    public func status(batchID: String) throws -> Status? {
        try workspace.database.read { db in try Self.status(batchID: batchID, db: db) }
    }

    static func status(batchID: String, db: Database) throws -> Status? {
        guard
            let row = try Row.fetchOne(
                db,
                sql: "SELECT agreement_id, state, submitted_at, released_at, purged_at FROM batches WHERE id = ?",
                arguments: [batchID])
        else { return nil }
        let agreement = try Workspace.agreement(id: row[0], in: db)
        let from: String = (row[3] as String?) ?? row[2]
        var status = Status(batchID: batchID, days: agreement?.retentionDays, purgedAt: row[4])
        if let days = status.days, let start = ISO8601DateFormatter().date(from: from) {
            status.purgeFrom = String(start.addingTimeInterval(Double(days) * 86_400).ISO8601Format().prefix(10))
        }
        return status
    }

    /// Purges every batch whose retention has run out, and returns what it purged.
    ///
    /// A batch still being decided is left until it is decided; a rejected one holds no rows.
    /// - Complexity: one UPDATE per table per batch purged.
    public func run() throws -> [Purge] {
        let today = String(now.ISO8601Format().prefix(10))
        let timestamp = now.ISO8601Format()
        let signer = try LedgerKeys.load(from: workspace.keysDirectory)
        let candidates = try workspace.database.read { db in
            try String.fetchAll(
                db,
                sql: "SELECT id FROM batches WHERE purged_at IS NULL AND state IN ('awaiting_approval', 'approved', 'released') ORDER BY submitted_at, id"
            ).compactMap { try Self.status(batchID: $0, db: db) }
        }
        var purges: [Purge] = []
        for status in candidates {
            guard let days = status.days, let from = status.purgeFrom, from <= today else { continue }
            let purge = try workspace.database.write { db -> Purge in
                try db.execute(
                    sql: """
                        UPDATE batch_rows SET sealed = NULL, tin = '', given_name = '', middle_name = '', surname = '',
                            birth_date = '', address_line1 = '', address_line2 = '', city = '', state = '', postcode = '',
                            case_reference = '' WHERE batch_id = ?
                        """, arguments: [status.batchID])
                let rows = db.changesCount
                let disclosures =
                    try Int.fetchOne(
                        db, sql: "SELECT count(*) FROM disclosures WHERE batch_id = ? AND fields <> ''",
                        arguments: [status.batchID]) ?? 0
                try db.execute(
                    sql: "UPDATE disclosures SET sealed_values = NULL, released_values = '' WHERE batch_id = ?",
                    arguments: [status.batchID])
                try db.execute(
                    sql: "UPDATE batches SET purged_at = ? WHERE id = ?", arguments: [timestamp, status.batchID])
                try LedgerStore.append(
                    [
                        .retention(
                            .init(
                                batchID: status.batchID, days: UInt64(days), requestRows: UInt64(rows),
                                disclosures: UInt64(disclosures)))
                    ], at: LedgerTimestamp(secondsSince1970: now.timeIntervalSince1970), in: db)
                try LedgerStore.checkpoint(in: db, signer: signer)
                return Purge(batchID: status.batchID, days: days, requestRows: rows, disclosures: disclosures)
            }
            purges.append(purge)
        }
        return purges
    }

    /// The batches the ledger records as purged.
    static func purgedBatches(in db: Database) throws -> Set<String> {
        var purged: Set<String> = []
        for data in try Data.fetchAll(
            db, sql: "SELECT entry FROM ledger_entries WHERE kind = \(GuardSchema.retentionKind)")
        {
            if case .retention(let e) = try? LedgerEntry(decoding: [UInt8](data)).event { purged.insert(e.batchID) }
        }
        return purged
    }
}
