import Foundation
import GRDB
import GatehouseCore

extension BatchPipeline {
    /// The batch with `id`, or nil.
    public func batch(id: String) throws -> BatchInfo? {
        try workspace.database.read { db in try Self.batch(id: id, db: db) }
    }

    /// The live (not rejected) batch of `fileSHA256` under `agreementID`, or nil.
    public func batch(agreementID: String, fileSHA256: String) throws -> BatchInfo? {
        try workspace.database.read { db in
            guard
                let id = try String.fetchOne(
                    db,
                    sql: "SELECT id FROM batches WHERE agreement_id = ? AND file_sha256 = ? AND state <> 'rejected'",
                    arguments: [agreementID, fileSHA256])
            else { return nil }
            return try Self.batch(id: id, db: db)
        }
    }

    /// Every batch, oldest first.
    public func batches() throws -> [BatchInfo] {
        try workspace.database.read { db in
            try String.fetchAll(db, sql: "SELECT id FROM batches ORDER BY submitted_at, id").compactMap {
                try Self.batch(id: $0, db: db)
            }
        }
    }

    static func batch(id: String, db: Database) throws -> BatchInfo? {
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT id, agreement_id, agreement_version, file_sha256, file_name, state, problems, row_count, profile,
                        submitted_at, submitted_on, released_at FROM batches WHERE id = ?
                    """,
                arguments: [id])
        else { return nil }
        let problems: String = row[6]
        return BatchInfo(
            id: row[0], agreementID: row[1], agreementVersion: row[2], fileSHA256: row[3], fileName: row[4],
            state: BatchLifecycle.State(rawValue: row[5]) ?? .rejected,
            problems: problems.split(separator: ";").compactMap { ReasonCode(rawValue: String($0)) },
            rowCount: row[7], profile: row[8], submittedAt: row[9], submittedOn: row[10], releasedAt: row[11],
            approvals: try String.fetchAll(
                db, sql: "SELECT officer FROM approvals WHERE batch_id = ? ORDER BY approved_at, officer",
                arguments: [id]))
    }

    /// The funnel of a batch: submitted, rejected rows, insufficient (by reason), not found, ambiguous,
    /// verified, released, released with an address, withheld (by reason).
    public func funnel(batchID: String) throws -> BatchFunnel {
        try workspace.database.read { db in
            var funnel = BatchFunnel()
            funnel.submitted =
                try Int.fetchOne(db, sql: "SELECT count(*) FROM batch_rows WHERE batch_id = ?", arguments: [batchID])
                ?? 0
            let decisions = try Row.fetchCursor(
                db, sql: "SELECT outcome, reasons FROM decisions WHERE batch_id = ?", arguments: [batchID])
            while let row = try decisions.next() {
                funnel.decided += 1
                let reasons = (row[1] as String).split(separator: ";").compactMap { ReasonCode(rawValue: String($0)) }
                switch Outcome(rawValue: row[0]) {
                case .rejected: funnel.rejectedRows += 1
                case .insufficient:
                    funnel.insufficient += 1
                    for reason in reasons { funnel.insufficientByReason[reason, default: 0] += 1 }
                case .notFound:
                    funnel.notFound += 1
                    for reason in reasons { funnel.notFoundByReason[reason, default: 0] += 1 }
                case .ambiguous: funnel.ambiguous += 1
                case .verified: funnel.verified += 1
                case nil: break
                }
            }
            let disclosures = try Row.fetchCursor(
                db, sql: "SELECT fields, withheld FROM disclosures WHERE batch_id = ?", arguments: [batchID])
            while let row = try disclosures.next() {
                let fields: String = row[0]
                let withheld: String = row[1]
                if !fields.isEmpty {
                    funnel.released += 1
                    if fields.contains(DisclosureField.lastKnownAddress.rawValue) { funnel.releasedWithAddress += 1 }
                }
                if !withheld.isEmpty {
                    funnel.withheld += 1
                    for item in withheld.split(separator: ";") {
                        if let code = item.split(separator: "=").last.flatMap({ ReasonCode(rawValue: String($0)) }) {
                            funnel.withheldByReason[code, default: 0] += 1
                        }
                    }
                }
            }
            return funnel
        }
    }

    /// Every disclosure about one person: date, recipient, purpose, legal basis and fields — the
    /// accounting of disclosures a holder keeps for everyone. The look-up itself is logged.
    public func accounting(recordID: String, actor: String) throws -> [AccountingEntry] {
        try workspace.database.write { db in
            let cursor = try Row.fetchCursor(
                db,
                sql: """
                    SELECT x.released_at, x.batch_id, x.request_id, x.fields, b.agreement_id, b.agreement_version
                    FROM disclosures x JOIN batches b ON b.id = x.batch_id
                    WHERE x.record_id = ? AND x.fields <> '' ORDER BY x.released_at, x.batch_id, x.row_number
                    """,
                arguments: [recordID])
            var entries: [AccountingEntry] = []
            while let row = try cursor.next() {
                let agreement = try Workspace.agreement(id: row[4], version: row[5], in: db)
                entries.append(
                    AccountingEntry(
                        releasedAt: row[0], batchID: row[1], requestID: row[2],
                        recipient: agreement?.requester.agency ?? "", purpose: agreement?.purpose ?? "",
                        legalBasis: agreement?.legalBasis ?? [], agreementID: row[4], agreementVersion: row[5],
                        fields: (row[3] as String).split(separator: ";").map(String.init)))
            }
            try BatchLedger.append(
                [
                    .inspection(
                        .init(actor: actor, action: "accounting", subjectIDHash: LedgerHash.of(subjectID: recordID)))
                ],
                at: ledgerTime, in: db)
            return entries
        }
    }

    /// Records that `actor` was shown protected data about `subjectID` by `action` (an
    /// `inspection` ledger event, the subject's id hashed).
    public func recordInspection(actor: String, action: String, subjectID: String) throws {
        try workspace.database.write { db in
            try BatchLedger.append(
                [.inspection(.init(actor: actor, action: action, subjectIDHash: LedgerHash.of(subjectID: subjectID)))],
                at: ledgerTime, in: db)
        }
    }

    /// Batches whose decisions are unfinished (a killed run), oldest first.
    /// - Complexity: reads only the unfinished batches (a partial index on their state), not every
    ///   batch: a server holds one batch per single verification.
    public func unfinishedBatches() throws -> [BatchInfo] {
        try workspace.database.read { db in
            try String.fetchAll(
                db,
                sql: "SELECT id FROM batches WHERE state IN ('received', 'deciding') ORDER BY submitted_at, id"
            ).compactMap { try Self.batch(id: $0, db: db) }
        }
    }
}
