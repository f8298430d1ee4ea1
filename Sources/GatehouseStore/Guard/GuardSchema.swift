import GRDB
import GatehouseCore

/// The links from the tables the pipeline acts on to the ledger entries that recorded them
/// (migration `hardening-ledger-links-v1`): `decisions.ledger_seq` and `disclosures.ledger_seq`
/// (the entry of the decision, of the release), `disclosures.values_salt` (the salt of the
/// release's values hash), and a partial index that finds the few entries of kinds acted on as
/// a whole (batches received, approvals, agreement and order changes, reviews, notices,
/// refusals) without reading the decisions and releases.
enum GuardSchema {
    /// The kinds the partial index holds. A query must name this exact list to use it.
    static let sparseKinds = "1, 4, 5, 6, 7, 8, 20"
    /// The retention purges, found by a partial index of their own (added with retention).
    static let retentionKind = "22"

    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("hardening-ledger-links-v1") { db in
            try db.execute(
                sql: """
                    ALTER TABLE decisions ADD COLUMN ledger_seq INTEGER;
                    ALTER TABLE disclosures ADD COLUMN ledger_seq INTEGER;
                    ALTER TABLE disclosures ADD COLUMN values_salt BLOB;
                    CREATE INDEX ledger_entries_sparse ON ledger_entries(kind) WHERE kind IN (\(sparseKinds));
                    """)
            try backfill(db)
        }
        // Protected values sealed at rest (DataKeyring, SealedValues): rows stored before this
        // keep their clear columns (NULL here) until `gatehouse keys rotate-data` seals them.
        migrator.registerMigration("hardening-retention-v1") { db in
            try db.execute(
                sql: """
                    ALTER TABLE batches ADD COLUMN purged_at TEXT;
                    CREATE INDEX ledger_entries_retention ON ledger_entries(kind) WHERE kind = 22;
                    """)
        }
        migrator.registerMigration("hardening-sealed-v1") { db in
            try db.execute(
                sql: """
                    ALTER TABLE batch_rows ADD COLUMN sealed BLOB;
                    ALTER TABLE disclosures ADD COLUMN sealed_values BLOB;
                    """)
        }
    }

    /// Links the decisions and disclosures of a workspace made before this migration to their
    /// entries: a batch's decision entries were appended in row order, so the k-th decision entry
    /// of a batch is its k-th decision row; likewise its release entries and the disclosure rows
    /// that released something.
    static func backfill(_ db: Database) throws {
        guard try Int.fetchOne(db, sql: "SELECT count(*) FROM decisions") ?? 0 > 0 else { return }
        var decisions: [String: [Int]] = [:]
        var releases: [String: [Int]] = [:]
        let entries = try Row.fetchCursor(db, sql: "SELECT seq, entry FROM ledger_entries WHERE kind IN (2, 3, 21) ORDER BY seq")
        while let row = try entries.next() {
            let seq: Int = row[0]
            guard let entry = try? LedgerEntry(decoding: try row.bytes(atIndex: 1)) else { continue }
            switch entry.event {
            case .decision(let e): decisions[e.batchID, default: []].append(seq)
            case .release(let e): releases[e.batchID, default: []].append(seq)
            default: break
            }
        }
        let setDecision = try db.makeStatement(
            sql: "UPDATE decisions SET ledger_seq = ? WHERE batch_id = ? AND row_number = ?")
        for (batch, seqs) in decisions {
            let rows = try Int.fetchAll(
                db, sql: "SELECT row_number FROM decisions WHERE batch_id = ? ORDER BY row_number", arguments: [batch])
            for (seq, number) in zip(seqs, rows) { try setDecision.execute(arguments: [seq, batch, number]) }
        }
        let setRelease = try db.makeStatement(
            sql: "UPDATE disclosures SET ledger_seq = ? WHERE batch_id = ? AND row_number = ?")
        for (batch, seqs) in releases {
            let rows = try Int.fetchAll(
                db, sql: "SELECT row_number FROM disclosures WHERE batch_id = ? AND fields <> '' ORDER BY row_number",
                arguments: [batch])
            for (seq, number) in zip(seqs, rows) { try setRelease.execute(arguments: [seq, batch, number]) }
        }
    }
}
