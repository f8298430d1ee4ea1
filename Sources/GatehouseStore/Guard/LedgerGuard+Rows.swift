import Foundation
import GRDB
import GatehouseCore

extension LedgerGuard {
    /// A decision row read with its ledger entry, checked.
    struct CheckedDecision {
        var row: LedgerCrossCheck.DecisionRow
        /// The entry, when it decodes to a decision.
        var logged: LedgerEvent.Decision?
    }

    /// The columns of `decisions` and its entry that `readDecisions` reads, `d` and `e` aliased.
    static let decisionColumns = """
        d.row_number, d.request_id, d.outcome, d.record_id, d.reasons, d.address_verified, d.agreement_version,
        d.ledger_seq, e.entry
        """

    /// Reads decision rows (selected with `decisionColumns` first, in row order) and compares
    /// each with its entry; the entries go into `entries` for a coverage check.
    ///
    /// - Returns: the rows, and every difference (including entries out of row order).
    static func readDecisions(
        batchID: String, cursor: RowCursor, offset: Int = 0, entries: inout [Entry],
        onRow: ((Row, CheckedDecision) throws -> Void)? = nil
    ) throws -> (rows: [CheckedDecision], mismatches: [LedgerMismatch]) {
        var rows: [CheckedDecision] = []
        var mismatches: [LedgerMismatch] = []
        var lastSequence = -1
        while let row = try cursor.next() {
            let decision = LedgerCrossCheck.DecisionRow(
                batchID: batchID, rowNumber: row[offset], requestID: row[offset + 1], outcome: row[offset + 2],
                recordID: row[offset + 3], reasons: row[offset + 4], addressVerified: row[offset + 5],
                agreementVersion: row[offset + 6])
            let sequence: Int? = row[offset + 7]
            var entry: LedgerEntry?
            if let sequence, let data = row[offset + 8] as Data? {
                let bytes = [UInt8](data)
                entry = try? LedgerEntry(decoding: bytes)
                entries.append(Entry(sequence: sequence, bytes: bytes, entry: entry))
                if entry == nil {
                    mismatches.append(
                        LedgerMismatch(table: "ledger_entries", row: "entry \(sequence)", detail: "its bytes do not decode"))
                }
                if sequence <= lastSequence {
                    mismatches.append(
                        LedgerMismatch(
                            table: "decisions", row: "batch \(batchID) row \(decision.rowNumber)",
                            detail: "its ledger_seq \(sequence) is out of row order (the entries were swapped)"))
                }
                lastSequence = sequence
            }
            mismatches += LedgerCrossCheck.decision(decision, sequence: sequence, entry: entry)
            var logged: LedgerEvent.Decision?
            if case .decision(let e)? = entry?.event { logged = e }
            let checked = CheckedDecision(row: decision, logged: logged)
            try onRow?(row, checked)
            rows.append(checked)
        }
        return (rows, mismatches)
    }

    /// The sparse entries one batch's steps rely on: its receipt and approvals, its agreement's
    /// versions and every court order's.
    static func entriesRelied(on batchID: String, agreementID: String, sparse: [Entry]) -> [Entry] {
        sparse.filter { item in
            switch item.entry?.event {
            case .batchReceived(let e)?: e.batchID == batchID
            case .approval(let e)?: e.batchID == batchID
            case .agreementChanged(let e)?: e.agreementID == agreementID
            case .orderChanged?: true
            default: false
            }
        }
    }

    /// Everything one step on a batch relies on as a whole: the agreement and order versions,
    /// the batch row and its approvals, each against its entry, and those entries against the
    /// latest signed checkpoint.
    static func batchPreconditions(batchID: String, agreementID: String, verifier: NoteVerifier, in db: Database)
        throws -> (mismatches: [LedgerMismatch], approvals: [String])
    {
        let sparse = try sparseEntries(in: db)
        var mismatches = try documentMismatches(sparse: sparse, in: db)
        mismatches += try batchMismatches(batchID: batchID, sparse: sparse, in: db)
        mismatches += try coverage(
            of: entriesRelied(on: batchID, agreementID: agreementID, sparse: sparse), verifier: verifier, in: db)
        return (mismatches, loggedApprovals(batchID: batchID, sparse: sparse))
    }
}
