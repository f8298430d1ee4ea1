import Foundation
import GRDB
import GatehouseCSV
public import GatehouseCore

extension BatchPipeline {
    // MARK: Approve

    /// Records one officer's approval; returns the batch as it now stands.
    /// - Throws: `BatchError.notAllowed` when the batch is not awaiting approval or the officer already approved.
    @discardableResult
    public func approve(batchID: String, officer: String) throws -> BatchInfo {
        try workspace.database.write { db in
            guard let info = try Self.batch(id: batchID, db: db) else {
                throw BatchError(.unknownBatch, "no batch \(batchID)")
            }
            let agreement = try Workspace.agreement(id: info.agreementID, version: info.agreementVersion, in: db)
            var lifecycle = BatchLifecycle(
                state: info.state, approvals: info.approvals,
                requiredApprovals: agreement?.twoPersonRelease == false ? 1 : 2)
            switch lifecycle.handle(.approve(officer: officer)) {
            case .recordApproval(let officer, _):
                try db.execute(
                    sql: "INSERT INTO approvals (batch_id, officer, approved_at) VALUES (?, ?, ?)",
                    arguments: [batchID, officer, timestamp])
                try db.execute(
                    sql: "UPDATE batches SET state = ? WHERE id = ?", arguments: [lifecycle.state.rawValue, batchID])
                try BatchLedger.append([.approval(.init(batchID: batchID, officerID: officer))], at: ledgerTime, in: db)
            case .refuse(let why):
                throw BatchError(.notAllowed, why)
            default:
                throw BatchError(.notAllowed, "unexpected approval state")
            }
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
    }

    /// Evaluates every decision again under the agreement and the orders in force now, and records
    /// what is released. If the order registry cannot be read, nothing is released.
    /// - Throws: `BatchError.notAllowed` unless the batch is approved (or part-released by a killed run).
    public func release(batchID: String, ordersOverride: Result<[CourtOrder], any Error>? = nil) throws
        -> ReleaseSummary
    {
        guard let info = try batch(id: batchID) else { throw BatchError(.unknownBatch, "no batch \(batchID)") }
        guard let agreement = try workspace.agreement(id: info.agreementID, version: info.agreementVersion) else {
            throw BatchError(.unknownAgreement, "the batch's agreement is missing")
        }
        var lifecycle = BatchLifecycle(
            state: info.state, approvals: info.approvals, requiredApprovals: agreement.twoPersonRelease ? 2 : 1)
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
        var summary = ReleaseSummary()
        while true {
            let chunk = try workspace.database.read { db -> [(Int, String, Outcome, String?, Bool)] in
                let cursor = try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT d.row_number, d.request_id, d.outcome, d.record_id, d.address_verified FROM decisions d
                        WHERE d.batch_id = ? AND NOT EXISTS
                            (SELECT 1 FROM disclosures x WHERE x.batch_id = d.batch_id AND x.row_number = d.row_number)
                        ORDER BY d.row_number LIMIT ?
                        """,
                    arguments: [batchID, chunkSize])
                var rows: [(Int, String, Outcome, String?, Bool)] = []
                while let row = try cursor.next() {
                    rows.append((row[0], row[1], Outcome(rawValue: row[2]) ?? .rejected, row[3], row[4]))
                }
                return rows
            }
            if chunk.isEmpty { break }
            try workspace.database.write { db in
                let insert = try db.makeStatement(sql: Self.insertDisclosureSQL)
                var events: [LedgerEvent] = []
                for (number, requestID, outcome, recordID, addressVerified) in chunk {
                    let row = try Self.writeDisclosure(
                        batchID: batchID, rowNumber: number, requestID: requestID, outcome: outcome,
                        recordID: recordID, addressVerified: addressVerified || legacy, policy: policy,
                        timestamp: timestamp, statement: insert, db: db)
                    summary.rows += 1
                    if let event = row.event {
                        summary.released += 1
                        if row.disclosure.releases(.lastKnownAddress) { summary.releasedWithAddress += 1 }
                        events.append(event)
                    }
                    if outcome == .verified && !row.withheld.isEmpty { summary.withheld += 1 }
                }
                try BatchLedger.append(events, at: ledgerTime, in: db)
            }
        }
        try workspace.database.write { db in
            try db.execute(
                sql: "UPDATE batches SET state = 'released', released_at = ? WHERE id = ? AND state = 'approved'",
                arguments: [timestamp, batchID])
        }
        try writeCheckpoint()
        return summary
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
    public func writeResponses(batchID: String, to path: String) throws -> Int {
        let header = try responseHeader(batchID: batchID)
        let writer = try CSVWriter(path: path, header: header)
        var count = 0
        var after = 0
        while true {
            let page = try responseRows(batchID: batchID, after: after, limit: chunkSize)
            for row in page.rows { try writer.write(row) }
            count += page.rows.count
            guard let last = page.last else { break }
            after = last
        }
        try writer.close()
        return count
    }

    /// The response file's header for a released batch: `request_id, result_code, result_label`,
    /// then the columns of the fields the agreement permits.
    /// - Throws: `BatchError` `.unknownBatch`, `.notReleased`.
    public func responseHeader(batchID: String) throws -> [String] {
        ["request_id", "result_code", "result_label"] + (try responseValueColumns(batchID: batchID))
    }

    /// Up to `limit` rows of the response file after row number `after`, in row order, and the
    /// last row number read (nil when there were none): the file read in pages, so that a
    /// server can stream it.
    /// - Throws: `BatchError` `.unknownBatch`, `.notReleased`.
    public func responseRows(batchID: String, after: Int, limit: Int) throws -> (rows: [[String]], last: Int?) {
        let valueColumns = try responseValueColumns(batchID: batchID)
        return try workspace.database.read { db in
            let cursor = try Row.fetchCursor(
                db,
                sql: """
                    SELECT row_number, request_id, result_code, released_values FROM disclosures
                    WHERE batch_id = ? AND row_number > ? ORDER BY row_number LIMIT ?
                    """,
                arguments: [batchID, after, limit])
            let decoder = JSONDecoder()
            var rows: [[String]] = []
            var last: Int?
            while let row = try cursor.next() {
                last = row[0]
                let code = ResponseCode(rawValue: row[2]) ?? .withheld
                let json: String = row[3]
                let values = (try? decoder.decode([String: String].self, from: Data(json.utf8))) ?? [:]
                rows.append([row[1], String(code.rawValue), code.label] + valueColumns.map { values[$0] ?? "" })
            }
            return (rows, last)
        }
    }

    private func responseValueColumns(batchID: String) throws -> [String] {
        guard let info = try batch(id: batchID) else { throw BatchError(.unknownBatch, "no batch \(batchID)") }
        guard info.state == .released else {
            throw BatchError(
                .notReleased, "batch \(batchID) is \(info.state.rawValue): responses exist once it is released")
        }
        let agreement = try workspace.agreement(id: info.agreementID, version: info.agreementVersion)
        let permitted = (agreement?.permittedFields ?? []).filter { $0 != .verification }.sorted()
        return Self.columns(for: permitted)
    }
}
