public import GatehouseCore
import Foundation
import GRDB

/// `gatehouse audit`: the whole log verified (`LedgerStore.verify`), then every row of every
/// table the ledger covers compared with its entry, each difference named by table and row.
public struct WorkspaceAudit: Sendable {
    /// What the audit found.
    public struct Report: Sendable, CustomStringConvertible {
        /// The log's own verification.
        public var ledger: LedgerStore.VerifyReport
        /// Rows checked, by table.
        public var checked: [String: Int] = [:]
        /// Every row that differs from the ledger.
        public var mismatches: [LedgerMismatch] = []

        /// True when the log is intact and every row agrees with it.
        public var isClean: Bool { ledger.isIntact && mismatches.isEmpty }

        public var description: String {
            let counts = checked.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            var lines = ["ledger: \(ledger)", "rows checked: \(counts)"]
            if mismatches.isEmpty {
                lines.append(isClean ? "audit: every row agrees with the ledger" : "audit: the ledger itself is not intact")
            } else {
                lines.append("audit: \(mismatches.count) row(s) differ from the ledger:")
                lines += mismatches.map { "  \($0)" }
            }
            return lines.joined(separator: "\n")
        }
    }

    public let workspace: Workspace
    /// Rows read per query.
    public var chunkSize = 20_000

    public init(workspace: Workspace) {
        self.workspace = workspace
    }

    /// Runs the audit in one read transaction (a consistent snapshot).
    /// - Complexity: O(n) in the rows and entries; memory O(chunk + entries linked).
    public func run() throws -> Report {
        let verifier = try LedgerKeys.loadVerifier(from: workspace.keysDirectory)
        let keyring = try workspace.dataKeyring()
        return try workspace.database.read { db in
            var report = Report(ledger: try LedgerStore.verify(in: db, verifier: verifier))
            let sparse = try LedgerGuard.sparseEntries(in: db)
            report.mismatches += try LedgerGuard.documentMismatches(sparse: sparse, in: db)
            report.mismatches += try LedgerGuard.coverage(
                of: sparse.filter {
                    switch $0.entry?.event {
                    case .batchReceived?, .approval?, .agreementChanged?, .orderChanged?: true
                    default: false
                    }
                }, verifier: verifier, in: db)
            report.checked["agreements"] = try Int.fetchOne(db, sql: "SELECT count(*) FROM agreements") ?? 0
            report.checked["court_orders"] = try Int.fetchOne(db, sql: "SELECT count(*) FROM court_orders") ?? 0
            var linked = Set<Int>()
            let batches = try String.fetchAll(db, sql: "SELECT id FROM batches ORDER BY submitted_at, id")
            let received = Set(sparse.compactMap { item -> String? in
                if case .batchReceived(let e)? = item.entry?.event { return e.batchID }
                return nil
            })
            let purged = try Retention.purgedBatches(in: db)
            let marked = Set(try String.fetchAll(db, sql: "SELECT id FROM batches WHERE purged_at IS NOT NULL"))
            for batchID in marked.symmetricDifference(purged).sorted() {
                report.mismatches.append(
                    LedgerMismatch(
                        table: "batches", row: "batch \(batchID)",
                        detail: marked.contains(batchID)
                            ? "it is marked purged but the ledger records no purge"
                            : "the ledger records its purge but it is not marked purged"))
            }
            for batchID in batches {
                report.mismatches += try LedgerGuard.batchMismatches(batchID: batchID, sparse: sparse, in: db)
                report.checked["batches", default: 0] += 1
                report.checked["approvals", default: 0] +=
                    try Int.fetchOne(db, sql: "SELECT count(*) FROM approvals WHERE batch_id = ?", arguments: [batchID]) ?? 0
                try auditRows(
                    batchID: batchID, purged: purged.contains(batchID), verifier: verifier, keyring: keyring, db: db,
                    report: &report, linked: &linked)
            }
            for batchID in received.subtracting(batches).sorted() {
                report.mismatches.append(
                    LedgerMismatch(table: "batches", row: "batch \(batchID)", detail: "the ledger received it but the row is missing"))
            }
            // Every decision and release entry must be linked from a row: one that is not was deleted.
            let entries = try Row.fetchCursor(
                db, sql: "SELECT seq, entry FROM ledger_entries WHERE kind IN (2, 3, 21) ORDER BY seq")
            while let row = try entries.next() {
                let sequence: Int = row[0]
                guard !linked.contains(sequence), let entry = try? LedgerEntry(decoding: try row.bytes(atIndex: 1)) else {
                    continue
                }
                switch entry.event {
                case .decision(let e):
                    report.mismatches.append(
                        LedgerMismatch(
                            table: "decisions", row: "batch \(e.batchID) (request \(e.requestID))",
                            detail: "ledger entry \(sequence) records a decision that no row links to (a row was deleted)"))
                case .release(let e):
                    report.mismatches.append(
                        LedgerMismatch(
                            table: "disclosures", row: "batch \(e.batchID) (request \(e.requestID))",
                            detail: "ledger entry \(sequence) records a release that no row links to (a row was deleted)"))
                default: break
                }
            }
            return report
        }
    }

    /// The batch's request rows, decisions and disclosures, chunk by chunk.
    private func auditRows(
        batchID: String, purged: Bool, verifier: NoteVerifier, keyring: DataKeyring, db: Database, report: inout Report,
        linked: inout Set<Int>
    ) throws {
        var after = 0
        while true {
            var entries: [LedgerGuard.Entry] = []
            var found: [LedgerMismatch] = []
            var rows = 0
            let cursor = try Row.fetchCursor(
                db,
                sql: """
                    SELECT r.row_number, \(SealedValues.requestColumns),
                        d.row_number IS NOT NULL, d.request_id, d.outcome, d.record_id, d.reasons, d.address_verified,
                        d.agreement_version, d.ledger_seq, e.entry,
                        x.row_number IS NOT NULL, x.record_id, x.result_code, x.fields, x.released_values, x.ledger_seq,
                        ex.entry, x.values_salt, x.request_id, x.sealed_values
                    FROM batch_rows r
                    LEFT JOIN decisions d ON d.batch_id = r.batch_id AND d.row_number = r.row_number
                    LEFT JOIN ledger_entries e ON e.seq = d.ledger_seq
                    LEFT JOIN disclosures x ON x.batch_id = r.batch_id AND x.row_number = r.row_number
                    LEFT JOIN ledger_entries ex ON ex.seq = x.ledger_seq
                    WHERE r.batch_id = ? AND r.row_number > ? ORDER BY r.row_number LIMIT ?
                    """,
                arguments: [batchID, after, chunkSize])
            while let row = try cursor.next() {
                rows += 1
                let number: Int = row[0]
                after = number
                report.checked["batch_rows", default: 0] += 1
                guard row[15] as Bool else { continue }
                report.checked["decisions", default: 0] += 1
                let request: Request
                do {
                    request = try SealedValues.request(from: row, at: 1, batchID: batchID, rowNumber: number, keyring: keyring)
                } catch {
                    found.append(
                        LedgerMismatch(table: "batch_rows", row: "batch \(batchID) row \(number)", detail: "\(error)"))
                    continue
                }
                let decision = LedgerCrossCheck.DecisionRow(
                    batchID: batchID, rowNumber: number, requestID: row[16], outcome: row[17], recordID: row[18],
                    reasons: row[19], addressVerified: row[20], agreementVersion: row[21])
                let sequence: Int? = row[22]
                let bytes = (row[23] as Data?).map { [UInt8]($0) }
                let entry = bytes.flatMap { try? LedgerEntry(decoding: $0) }
                if let sequence, let bytes {
                    entries.append(.init(sequence: sequence, bytes: bytes, entry: entry))
                    if !linked.insert(sequence).inserted {
                        found.append(
                            LedgerMismatch(
                                table: "decisions", row: "batch \(batchID) row \(number)",
                                detail: "its ledger_seq \(sequence) is linked from another row too"))
                    }
                }
                found += LedgerCrossCheck.decision(
                    decision, sequence: sequence, entry: entry,
                    requestRowHash: purged ? nil : BatchPipeline.rowHash(request))
                guard row[24] as Bool else { continue }
                report.checked["disclosures", default: 0] += 1
                var logged: LedgerEvent.Decision?
                if case .decision(let e)? = entry?.event { logged = e }
                let fields: String = row[27]
                let valuesJSON: String
                do {
                    valuesJSON = try SealedValues.values(
                        sealed: row[33], clear: row[28], batchID: batchID, row: number, keyring: keyring)
                } catch {
                    found.append(
                        LedgerMismatch(table: "disclosures", row: "batch \(batchID) row \(number)", detail: "\(error)"))
                    continue
                }
                let releaseSequence: Int? = row[29]
                let releaseBytes = (row[30] as Data?).map { [UInt8]($0) }
                let releaseEntry = releaseBytes.flatMap { try? LedgerEntry(decoding: $0) }
                if let releaseSequence, let releaseBytes {
                    entries.append(.init(sequence: releaseSequence, bytes: releaseBytes, entry: releaseEntry))
                    linked.insert(releaseSequence)
                }
                let disclosure = LedgerCrossCheck.DisclosureRow(
                    batchID: batchID, rowNumber: number, requestID: row[32], recordID: row[25], resultCode: row[26],
                    fields: fields,
                    columns: BatchPipeline.columns(
                        for: fields.split(separator: ";").compactMap { DisclosureField(rawValue: String($0)) }),
                    valuesJSON: valuesJSON, salt: (row[31] as Data?).map { [UInt8]($0) })
                var checked = disclosure
                checked.valuesPurged = purged
                found += LedgerCrossCheck.disclosure(
                    checked, sequence: releaseSequence, entry: releaseEntry, decision: logged)
            }
            if rows == 0 { break }
            found += try LedgerGuard.coverage(of: entries, verifier: verifier, in: db)
            report.mismatches += found
        }
    }
}
