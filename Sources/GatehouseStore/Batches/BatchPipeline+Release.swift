import Foundation
import GRDB
import GatehouseCSV
public import GatehouseCore

extension BatchPipeline {
    // MARK: Approve

    /// Records one officer's approval; returns the batch as it now stands.
    ///
    /// The batch row, its approvals and its agreement are checked against the ledger first: an
    /// approval row that the ledger does not record never counts.
    /// - Throws: `BatchError.notAllowed` when the batch is not awaiting approval or the officer
    ///   already approved; `.tampered` when a stored row differs from the ledger.
    @discardableResult
    public func approve(batchID: String, officer: String) throws -> BatchInfo {
        let verifier = try LedgerKeys.loadVerifier(from: workspace.keysDirectory)
        let signer = try LedgerKeys.load(from: workspace.keysDirectory)
        var refused: [LedgerMismatch] = []
        try workspace.database.write { db in
            guard let info = try Self.batch(id: batchID, db: db) else {
                throw BatchError(.unknownBatch, "no batch \(batchID)")
            }
            let checked = try LedgerGuard.batchPreconditions(
                batchID: batchID, agreementID: info.agreementID, verifier: verifier, in: db)
            guard checked.mismatches.isEmpty else {
                refused = checked.mismatches
                return
            }
            let agreement = try Workspace.agreement(id: info.agreementID, version: info.agreementVersion, in: db)
            var lifecycle = BatchLifecycle(
                state: info.state, approvals: checked.approvals,
                requiredApprovals: agreement?.twoPersonRelease == false ? 1 : 2)
            switch lifecycle.handle(.approve(officer: officer)) {
            case .recordApproval(let officer, _):
                try db.execute(
                    sql: "INSERT INTO approvals (batch_id, officer, approved_at) VALUES (?, ?, ?)",
                    arguments: [batchID, officer, timestamp])
                try db.execute(
                    sql: "UPDATE batches SET state = ? WHERE id = ?", arguments: [lifecycle.state.rawValue, batchID])
                try BatchLedger.append([.approval(.init(batchID: batchID, officerID: officer))], at: ledgerTime, in: db)
                // Signed with it, so that release can rely on the approval.
                try LedgerStore.checkpoint(in: db, signer: signer, at: ledgerTime)
            case .refuse(let why):
                throw BatchError(.notAllowed, why)
            default:
                throw BatchError(.notAllowed, "unexpected approval state")
            }
        }
        if !refused.isEmpty {
            throw LedgerGuard.refuse(step: "approve", subject: batchID, mismatches: refused, workspace: workspace)
        }
        return try batch(id: batchID)!
    }

    // MARK: Release

    /// What a release did.
    public struct ReleaseSummary: Sendable {
        public var rows = 0
        public var released = 0
        public var releasedWithAddress = 0
        public var withheld = 0
        /// Time spent reading the decisions with their ledger entries and checking both (and the
        /// batch, approvals and documents) against the signed checkpoint.
        public var checking: Duration = .zero
        /// Time spent in the whole release.
        public var total: Duration = .zero
    }

    /// Evaluates every decision again under the agreement and the orders in force now, and records
    /// what is released. If the order registry cannot be read, nothing is released.
    ///
    /// Nothing stored is taken on trust: the batch row, its approvals, the agreement and order
    /// versions, and each decision are compared with their ledger entries, and those entries with
    /// the latest signed checkpoint, in the same transaction as the release of each chunk. On any
    /// difference the release stops, the refusal is a ledger entry (kind 20), and the batch is
    /// not released (no response file can be written).
    /// - Throws: `BatchError.notAllowed` unless the batch is approved (or part-released by a killed
    ///   run); `.tampered` when a stored row differs from the ledger.
    public func release(batchID: String, ordersOverride: Result<[CourtOrder], any Error>? = nil) throws
        -> ReleaseSummary
    {
        guard let info = try batch(id: batchID) else { throw BatchError(.unknownBatch, "no batch \(batchID)") }
        guard let agreement = try workspace.agreement(id: info.agreementID, version: info.agreementVersion) else {
            throw BatchError(.unknownAgreement, "the batch's agreement is missing")
        }
        let clock = ContinuousClock()
        let started = clock.now
        let verifier = try LedgerKeys.loadVerifier(from: workspace.keysDirectory)
        let signer = try LedgerKeys.load(from: workspace.keysDirectory)
        var checking: Duration = .zero
        let preconditions = try workspace.database.read { db in
            try LedgerGuard.batchPreconditions(
                batchID: batchID, agreementID: info.agreementID, verifier: verifier, in: db)
        }
        checking += clock.now - started
        var mismatches = preconditions.mismatches
        let required = agreement.twoPersonRelease ? 2 : 1
        if info.state == .approved, Set(preconditions.approvals).count < required {
            mismatches.append(
                LedgerMismatch(
                    table: "batches", row: "batch \(batchID)",
                    detail: "its state is approved but the ledger records \(Set(preconditions.approvals).count) of the \(required) approvals required"))
        }
        let (rowCount, decisionCount) = try workspace.database.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT count(*) FROM batch_rows WHERE batch_id = ?", arguments: [batchID]) ?? 0,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM decisions WHERE batch_id = ?", arguments: [batchID]) ?? 0
            )
        }
        if info.state == .approved, rowCount != info.rowCount || decisionCount != info.rowCount {
            mismatches.append(
                LedgerMismatch(
                    table: "decisions", row: "batch \(batchID)",
                    detail: "the ledger received \(info.rowCount) rows; \(rowCount) are stored and \(decisionCount) decided"))
        }
        if !mismatches.isEmpty {
            throw LedgerGuard.refuse(step: "release", subject: batchID, mismatches: mismatches, workspace: workspace)
        }
        // The approvals that count are the ledger's, not the table's.
        var lifecycle = BatchLifecycle(
            state: info.state, approvals: preconditions.approvals,
            requiredApprovals: agreement.twoPersonRelease ? 2 : 1)
        if case .refuse(let why) = lifecycle.handle(.release) { throw BatchError(.notAllowed, why) }
        // The agreement as it stands now (it may have been suspended since the decision).
        let current = (try? workspace.latestAgreement(id: info.agreementID)) ?? agreement
        let ordersResult = ordersOverride ?? Result { try workspace.orders() }
        let orders = (try? ordersResult.get()) ?? []
        var policyAgreement = agreement
        policyAgreement.status = current.status
        let policy = DisclosurePolicy(
            agreement: policyAgreement, orders: orders, on: today, registryReadable: (try? ordersResult.get()) != nil)
        // A legacy profile releases the address unconfirmed (the flaw); decisions record it as unconfirmed.
        let legacy = SufficiencyProfile.named(info.profile)?.isLegacy ?? false
        let keyring = try workspace.dataKeyring()
        var summary = ReleaseSummary()
        var refused: [LedgerMismatch] = []
        while refused.isEmpty {
            let wrote = try workspace.database.write { db -> Bool in
                var entries: [LedgerGuard.Entry] = []
                let cursor = try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT \(LedgerGuard.decisionColumns) FROM decisions d
                        LEFT JOIN ledger_entries e ON e.seq = d.ledger_seq
                        WHERE d.batch_id = ? AND NOT EXISTS
                            (SELECT 1 FROM disclosures x WHERE x.batch_id = d.batch_id AND x.row_number = d.row_number)
                        ORDER BY d.row_number LIMIT ?
                        """,
                    arguments: [batchID, chunkSize])
                let checkStarted = clock.now
                let (chunk, mismatches) = try LedgerGuard.readDecisions(
                    batchID: batchID, cursor: cursor, entries: &entries)
                if chunk.isEmpty { return false }
                refused = try mismatches + LedgerGuard.coverage(of: entries, verifier: verifier, in: db)
                checking += clock.now - checkStarted
                if !refused.isEmpty { return false }
                try writeDisclosures(
                    chunk.map(\.row), batchID: batchID, policy: policy, legacy: legacy, keyring: keyring,
                    summary: &summary, db: db)
                return true
            }
            if !wrote { break }
        }
        if !refused.isEmpty {
            throw LedgerGuard.refuse(step: "release", subject: batchID, mismatches: refused, workspace: workspace)
        }
        try workspace.database.write { db in
            try db.execute(
                sql: "UPDATE batches SET state = 'released', released_at = ? WHERE id = ? AND state = 'approved'",
                arguments: [timestamp, batchID])
            // Signed with it, so that the results can rely on every release entry.
            try LedgerStore.checkpoint(in: db, signer: signer, at: ledgerTime)
        }
        summary.checking = checking
        summary.total = clock.now - started
        return summary
    }

    /// Evaluates and stores the disclosures of checked decision rows, with their release entries.
    func writeDisclosures(
        _ rows: [LedgerCrossCheck.DecisionRow], batchID: String, policy: DisclosurePolicy, legacy: Bool,
        keyring: DataKeyring, summary: inout ReleaseSummary, db: Database
    ) throws {
        struct Pending {
            var row: LedgerCrossCheck.DecisionRow
            var disclosure: Disclosure
            var withheld: [WithheldField]
            var json: String
            var salt: [UInt8]?
            var event: Int?
        }
        var pending: [Pending] = []
        pending.reserveCapacity(rows.count)
        var events: [LedgerEvent] = []
        for row in rows {
            let outcome = Outcome(rawValue: row.outcome) ?? .rejected
            let disclosure = policy.evaluate(outcome: outcome, addressVerified: row.addressVerified || legacy)
            // Fields the agreement never permits are not "withheld" from this requester.
            let withheld = disclosure.withheld.filter { $0.reason != .withheldNotPermitted }
            var values: [String: String] = [:]
            if let recordID = row.recordID, !disclosure.released.isEmpty {
                values = try Self.releasedValues(disclosure.released, recordID: recordID, db: db)
            }
            let json = DocumentFiles.canonicalJSON(values)
            var item = Pending(row: row, disclosure: disclosure, withheld: withheld, json: json)
            if !disclosure.released.isEmpty {
                let salt = (0..<16).map { _ in UInt8.random(in: 0...255) }
                item.salt = salt
                item.event = events.count
                events.append(
                    .release(
                        .init(
                            batchID: batchID, requestID: row.requestID, fields: Self.columns(for: disclosure.released),
                            valuesHash: LedgerHash.of(releasedValues: json, salt: salt))))
            }
            pending.append(item)
        }
        let sequences = try LedgerStore.append(events, at: ledgerTime, in: db)
        let insert = try db.cachedStatement(
            sql: """
                INSERT INTO disclosures (batch_id, row_number, request_id, record_id, result_code, fields, withheld,
                    released_values, released_at, ledger_seq, values_salt, sealed_values)
                VALUES (?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?)
                """)
        for item in pending {
            let disclosure = item.disclosure
            try insert.execute(arguments: [
                batchID, item.row.rowNumber, item.row.requestID, disclosure.released.isEmpty ? nil : item.row.recordID,
                disclosure.resultCode.rawValue, disclosure.released.map(\.rawValue).joined(separator: ";"),
                item.withheld.map { "\($0.field.rawValue)=\($0.reason.rawValue)" }.joined(separator: ";"),
                timestamp, item.event.map { Int64(sequences[$0]) }, item.salt.map { Data($0) },
                try SealedValues.sealValues(item.json, batchID: batchID, row: item.row.rowNumber, keyring: keyring),
            ])
            summary.rows += 1
            if !disclosure.released.isEmpty {
                summary.released += 1
                if disclosure.releases(.lastKnownAddress) { summary.releasedWithAddress += 1 }
            }
            if item.row.outcome == Outcome.verified.rawValue && !item.withheld.isEmpty { summary.withheld += 1 }
        }
    }

    /// The response columns a field releases.
    static func columns(for fields: [DisclosureField]) -> [String] {
        fields.flatMap { field -> [String] in
            switch field {
            case .verification: ["result_code"]
            case .lastKnownAddress: ["address_line1", "address_line2", "city", "state", "postcode"]
            case .nameOnFile: ["given_name", "middle_name", "surname"]
            case .birthDate: ["birth_date"]
            case .tin: ["tin"]
            }
        }
    }

    /// The values of the released fields from the record (its current address: the latest `as_of`).
    static func releasedValues(_ fields: [DisclosureField], recordID: String, db: Database) throws -> [String: String] {
        var values: [String: String] = [:]
        if let person = try Row.fetchOne(
            db, sql: "SELECT tin, given_name, middle_name, surname, birth_date FROM records WHERE record_id = ?",
            arguments: [recordID])
        {
            if fields.contains(.nameOnFile) {
                values["given_name"] = person[1]
                values["middle_name"] = person[2]
                values["surname"] = person[3]
            }
            if fields.contains(.birthDate) { values["birth_date"] = person[4] }
            if fields.contains(.tin) { values["tin"] = person[0] }
        }
        if fields.contains(.lastKnownAddress),
            let address = try Row.fetchOne(
                db,
                sql: """
                    SELECT line1, line2, city, state, postcode FROM record_addresses WHERE record_id = ?
                    ORDER BY as_of DESC, id DESC LIMIT 1
                    """,
                arguments: [recordID])
        {
            values["address_line1"] = address[0]
            values["address_line2"] = address[1]
            values["city"] = address[2]
            values["state"] = address[3]
            values["postcode"] = address[4]
        }
        return values
    }

    // MARK: Responses

    /// Writes the requester's response file: `request_id`, the result code and label, and only the
    /// columns of fields the agreement permits (filled only where released). Never the internal
    /// record id.
    ///
    /// Every disclosure is checked first against its release entry (fields, sealed values), its
    /// decision and the decision's entry, and those entries against the latest signed checkpoint;
    /// the file is written beside `path` and moved into place only when every row holds up.
    /// - Throws: `.notReleased` before the release; `.tampered` when a stored row differs from
    ///   the ledger (no file is left at `path`).
    public func writeResponses(batchID: String, to path: String) throws -> Int {
        guard let info = try batch(id: batchID) else { throw BatchError(.unknownBatch, "no batch \(batchID)") }
        guard info.state == .released else {
            throw BatchError(
                .notReleased, "batch \(batchID) is \(info.state.rawValue): responses exist once it is released")
        }
        if let retention = try Retention(workspace: workspace, now: now).status(batchID: batchID),
            let purgedAt = retention.purgedAt
        {
            throw BatchError(
                .notReleased,
                "the responses of batch \(batchID) were purged on \(purgedAt.prefix(10)) under the agreement's retention (\(retention.days.map(String.init) ?? "?") days); the accounting of its disclosures is kept ('gatehouse accounting')"
            )
        }
        let verifier = try LedgerKeys.loadVerifier(from: workspace.keysDirectory)
        var mismatches = try workspace.database.read { db in
            try LedgerGuard.batchPreconditions(
                batchID: batchID, agreementID: info.agreementID, verifier: verifier, in: db
            ).mismatches
        }
        let agreement = try workspace.agreement(id: info.agreementID, version: info.agreementVersion)
        let permitted = (agreement?.permittedFields ?? []).filter { $0 != .verification }.sorted()
        let valueColumns = Self.columns(for: permitted)
        let keyring = try workspace.dataKeyring()
        let partial = path + ".partial"
        let writer = try CSVWriter(path: partial, header: ["request_id", "result_code", "result_label"] + valueColumns)
        var count = 0
        var after = 0
        let decoder = JSONDecoder()
        var lastRow = 0
        while mismatches.isEmpty {
            let (rows, chunkMismatches) = try workspace.database.read { db -> (Int, [LedgerMismatch]) in
                var entries: [LedgerGuard.Entry] = []
                var releaseEntries: [LedgerGuard.Entry] = []
                var chunkMismatches: [LedgerMismatch] = []
                var lines: [[String]] = []
                let cursor = try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT \(LedgerGuard.decisionColumns),
                            x.record_id, x.result_code, x.fields, x.released_values, x.ledger_seq, ex.entry, x.values_salt,
                            x.request_id, x.sealed_values
                        FROM disclosures x JOIN decisions d ON d.batch_id = x.batch_id AND d.row_number = x.row_number
                        LEFT JOIN ledger_entries e ON e.seq = d.ledger_seq
                        LEFT JOIN ledger_entries ex ON ex.seq = x.ledger_seq
                        WHERE x.batch_id = ? AND x.row_number > ? ORDER BY x.row_number LIMIT ?
                        """,
                    arguments: [batchID, after, chunkSize])
                let (read, found) = try LedgerGuard.readDecisions(batchID: batchID, cursor: cursor, entries: &entries) {
                    row, decision in
                    let fields: String = row[11]
                    let sequence: Int? = row[13]
                    let entryBytes = (row[14] as Data?).map { [UInt8]($0) }
                    let entry = entryBytes.flatMap { try? LedgerEntry(decoding: $0) }
                    if let sequence, let entryBytes {
                        releaseEntries.append(.init(sequence: sequence, bytes: entryBytes, entry: entry))
                    }
                    let json: String
                    do {
                        json = try SealedValues.values(
                            sealed: row[17], clear: row[12], batchID: batchID, row: decision.row.rowNumber,
                            keyring: keyring)
                    } catch {
                        chunkMismatches.append(
                            LedgerMismatch(
                                table: "disclosures", row: "batch \(batchID) row \(decision.row.rowNumber)",
                                detail: "\(error)"))
                        return
                    }
                    let disclosure = LedgerCrossCheck.DisclosureRow(
                        batchID: batchID, rowNumber: decision.row.rowNumber, requestID: row[16], recordID: row[9],
                        resultCode: row[10], fields: fields,
                        columns: Self.columns(
                            for: fields.split(separator: ";").compactMap { DisclosureField(rawValue: String($0)) }),
                        valuesJSON: json, salt: (row[15] as Data?).map { [UInt8]($0) })
                    chunkMismatches += LedgerCrossCheck.disclosure(
                        disclosure, sequence: sequence, entry: entry, decision: decision.logged)
                    let code = ResponseCode(rawValue: disclosure.resultCode) ?? .withheld
                    let values = (try? decoder.decode([String: String].self, from: Data(json.utf8))) ?? [:]
                    lines.append([disclosure.requestID, String(code.rawValue), code.label] + valueColumns.map { values[$0] ?? "" })
                }
                chunkMismatches += found
                chunkMismatches += try LedgerGuard.coverage(of: entries + releaseEntries, verifier: verifier, in: db)
                if chunkMismatches.isEmpty {
                    for line in lines { try writer.write(line) }
                }
                lastRow = read.last?.row.rowNumber ?? lastRow
                return (read.count, chunkMismatches)
            }
            after = lastRow
            mismatches += chunkMismatches
            count += rows
            if rows == 0 { break }
        }
        if mismatches.isEmpty, count != info.rowCount {
            mismatches.append(
                LedgerMismatch(
                    table: "disclosures", row: "batch \(batchID)",
                    detail: "the ledger received \(info.rowCount) rows; \(count) have a disclosure"))
        }
        try writer.close()
        guard mismatches.isEmpty else {
            try? FileManager.default.removeItem(atPath: partial)
            throw LedgerGuard.refuse(step: "results", subject: batchID, mismatches: mismatches, workspace: workspace)
        }
        try? FileManager.default.removeItem(atPath: path)
        try FileManager.default.moveItem(atPath: partial, toPath: path)
        return count
    }
}
