public import Foundation
import GRDB
public import GatehouseCSV
public import GatehouseCore

/// Runs batches through gate → match → policy → release on a workspace, durably.
///
/// Every step commits in transactions that also append its ledger events, so a process killed
/// at any point resumes (`decidePending`, `release`) with no decision lost or made twice: the
/// primary keys of `decisions` and `disclosures` make a second copy impossible.
public struct BatchPipeline: Sendable {
    public let workspace: Workspace
    /// The moment this run acts at (injected so tests control dates).
    public let now: Date
    /// Rows decided per transaction.
    public var chunkSize = 20_000
    /// A pause after each committed chunk (zero by default). The kill-and-resume test sets it,
    /// through `GATEHOUSE_TEST_CHUNK_PAUSE_MS`, so that a kill reliably lands mid-batch.
    public var chunkPause: Duration = .zero
    /// Whether an agreement naming a legacy (known-flawed) profile may be used; off by default.
    public var allowLegacyProfile = false

    public init(workspace: Workspace, now: Date = Date()) {
        self.workspace = workspace
        self.now = now
        // `2026-06-15T12:00:00Z`, as ISO8601DateFormatter in UTC writes it, without making one (a
        // server makes a pipeline per call).
        timestamp = now.ISO8601Format()
    }

    /// `YYYY-MM-DD` of `now`, in UTC.
    public var today: String { String(timestamp.prefix(10)) }

    /// ISO 8601 UTC timestamp of `now`, formatted once (a formatter per row cost more than
    /// deciding the row).
    public let timestamp: String

    var ledgerTime: LedgerTimestamp { LedgerTimestamp(secondsSince1970: now.timeIntervalSince1970) }

    // MARK: Submit

    /// The result of a submission.
    public struct Submission: Sendable {
        public var batch: BatchInfo
        /// The batch already existed (the same file under the same agreement).
        public var existing: Bool
    }

    /// Stores a batch file under an agreement with its manifest, checking the manifest and quotas.
    ///
    /// The same file under the same agreement returns the existing batch. A failing manifest or
    /// quota stores the batch as `rejected` with every reason and throws.
    /// - Throws: `BatchError` (unknown agreement, manifest rejected, quota exceeded), `CSVError`.
    /// - Parameters:
    ///   - path: The batch file.
    ///   - format: How the file is written (Requests CSV, or NDJSON with the same field names).
    ///   - batchID: The id to store the batch under (the server hands one out before the upload);
    ///     by default one derived from the agreement, the file's and the manifest's hashes.
    ///   - fileSHA256: The file's SHA-256 when the caller computed it while writing the file.
    ///   - fileName: The name recorded with the batch; by default the file's.
    public func submit(
        file path: String, agreementID: String, manifest: BatchManifest, manifestText: String,
        mapping: GatehouseCSV.ColumnMapping = GatehouseCSV.ColumnMapping(), format: RequestsFileFormat = .csv,
        batchID requestedID: String? = nil, fileSHA256: Hash32? = nil, fileName: String? = nil
    ) throws -> Submission {
        guard let agreement = try workspace.latestAgreement(id: agreementID) else {
            throw BatchError(
                .unknownAgreement, "no agreement '\(agreementID)' in this workspace (see 'gatehouse agreement list')")
        }
        if agreement.profile?.isLegacy == true && !allowLegacyProfile {
            throw BatchError(
                .notAllowed,
                "agreement \(agreementID) uses the '\(agreement.sufficiencyProfile)' profile, which reproduces a flawed rule; it needs --allow-legacy-profile"
            )
        }
        let fileHash: Hash32
        if let fileSHA256 {
            fileHash = fileSHA256
        } else {
            do {
                fileHash = Hash32.sha256(try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped))
            } catch {
                throw BatchError(.inputUnreadable, "cannot read \(path)")
            }
        }
        let manifestHash = Hash32.sha256(utf8: manifestText)
        if let existing = try batch(agreementID: agreementID, fileSHA256: fileHash.hex) {
            return Submission(batch: existing, existing: true)
        }

        let rows = try Self.readRows(path: path, format: format, mapping: mapping)
        guard !rows.isEmpty else {
            throw BatchError(.inputUnreadable, "\(path) has a header but no rows: there is nothing to submit")
        }

        var problems = ManifestCheck.problems(manifest, agreement: agreement, on: today)
        let earlierToday = try workspace.database.read { db in
            try Int.fetchOne(
                db,
                sql:
                    "SELECT coalesce(sum(row_count), 0) FROM batches WHERE agreement_id = ? AND submitted_on = ? AND state <> 'rejected'",
                arguments: [agreementID, today]) ?? 0
        }
        problems += agreement.quotas.problems(batchRecords: rows.count, earlierToday: earlierToday)
        problems = Array(Set(problems)).sorted()

        // A rejection is a verdict on one submission, not on the file: the same file and manifest
        // submitted again (after the agreement was renewed, or the next day under the daily quota)
        // are checked again. Only the same verdict on the same agreement version returns the
        // stored rejection; any other outcome is a new attempt with an id of its own.
        let batchID: String
        switch try Self.attemptID(
            agreementID: agreementID, fileHash: fileHash, manifestHash: manifestHash,
            agreementVersion: agreement.version, problems: problems, in: workspace)
        {
        case .sameRejection(let existing):
            throw BatchError(.manifestRejected, "batch \(existing.id) was rejected", reasons: existing.problems)
        case .new(let id):
            batchID = requestedID ?? id
        }

        var lifecycle = BatchLifecycle(requiredApprovals: agreement.twoPersonRelease ? 2 : 1)
        let action = lifecycle.handle(.checked(problems: problems))
        let profileName = agreement.sufficiencyProfile
        let received = LedgerEvent.batchReceived(
            .init(
                batchID: batchID, fileSHA256: fileHash, agreementID: agreementID,
                agreementVersion: String(agreement.version), manifestHash: manifestHash, rowCount: UInt64(rows.count)))
        let keyring = try workspace.dataKeyring()
        try workspace.database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO batches (id, agreement_id, agreement_version, file_sha256, file_name, manifest,
                        manifest_sha256, state, problems, row_count, profile, submitted_at, submitted_on)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    batchID, agreementID, agreement.version, fileHash.hex, fileName ?? (path as NSString).lastPathComponent,
                    manifestText, manifestHash.hex, lifecycle.state.rawValue,
                    problems.map(\.rawValue).joined(separator: ";"), rows.count, profileName, timestamp, today,
                ])
            if case .startDeciding = action { try insertRows(rows, batchID: batchID, keyring: keyring, db: db) }
            try BatchLedger.append([received], at: ledgerTime, in: db)
        }
        let stored = try batch(id: batchID)!
        if case .reject(let reasons) = action {
            throw BatchError(
                .manifestRejected, "batch \(batchID) rejected: the manifest or the quotas fail the agreement",
                reasons: reasons)
        }
        return Submission(batch: stored, existing: false)
    }

    /// Every row of a batch file, in file order.
    /// - Throws: `CSVError` when the file is not in the format or cannot be read to its end (a
    ///   file that cannot be read to its end is not a batch).
    static func readRows(path: String, format: RequestsFileFormat, mapping: GatehouseCSV.ColumnMapping) throws
        -> [RequestRow]
    {
        var rows: [RequestRow] = []
        switch format {
        case .csv:
            let reader = try RequestsReader(path: path, mapping: mapping)
            while let row = reader.next() { rows.append(row) }
            try reader.finish()
        case .ndjson:
            let reader = try NDJSONRequestsReader(path: path)
            while let row = reader.next() { rows.append(row) }
            try reader.finish()
        }
        return rows
    }

    /// Stores the rows as received: the request id and line in the clear, every other field
    /// sealed (`SealedValues.sealRequest`), the clear columns empty.
    private func insertRows(_ rows: [RequestRow], batchID: String, keyring: DataKeyring, db: Database) throws {
        let statement = try db.makeStatement(
            sql: """
                INSERT INTO batch_rows (batch_id, row_number, line, request_id, problem, tin, given_name, middle_name,
                    surname, birth_date, address_line1, address_line2, city, state, postcode, case_reference, sealed)
                VALUES (?, ?, ?, ?, ?, '', '', '', '', '', '', '', '', '', '', '', ?)
                """)
        var seen = Set<String>()
        for (offset, row) in rows.enumerated() {
            switch row {
            case .request(let r):
                let problem: String? = seen.insert(r.requestID).inserted ? nil : ReasonCode.rowIDDuplicate.rawValue
                let sealed = try SealedValues.sealRequest(r, batchID: batchID, row: offset + 1, keyring: keyring)
                try statement.execute(arguments: [batchID, offset + 1, r.line, r.requestID, problem, sealed])
            case .rejected(let line, let requestID, let reason, _):
                // Nothing of a rejected row is kept but its id and line.
                try statement.execute(arguments: [batchID, offset + 1, line, requestID, reason.rawValue, nil])
            }
        }
    }

    // MARK: Decide

    /// Decides every row of `batchID` that has no decision yet, in chunks, each chunk committed
    /// together with its ledger events; moves the batch to `awaiting_approval` when done.
    /// - Returns: how many rows were decided by this call.
    public func decidePending(
        batchID: String, index: RecordIndex, matcher: Matcher? = nil, progress: (@Sendable (Int) -> Void)? = nil
    ) async throws -> Int {
        guard let info = try batch(id: batchID) else { throw BatchError(.unknownBatch, "no batch \(batchID)") }
        guard info.state == .deciding || info.state == .received else { return 0 }
        guard let agreement = try workspace.agreement(id: info.agreementID, version: info.agreementVersion) else {
            throw BatchError(
                .unknownAgreement, "the batch's agreement \(info.agreementID) v\(info.agreementVersion) is missing")
        }
        // The agreement and the orders the decisions rest on are the ones the ledger recorded.
        let verifier = try LedgerKeys.loadVerifier(from: workspace.keysDirectory)
        let signer = try LedgerKeys.load(from: workspace.keysDirectory)
        let documents = try await workspace.database.read { db in
            let sparse = try LedgerGuard.sparseEntries(in: db)
            return try LedgerGuard.documentMismatches(sparse: sparse, in: db)
                + LedgerGuard.coverage(
                    of: LedgerGuard.entriesRelied(on: batchID, agreementID: info.agreementID, sparse: sparse).filter {
                        if case .batchReceived? = $0.entry?.event { return false }
                        return true
                    }, verifier: verifier, in: db)
        }
        if !documents.isEmpty {
            throw LedgerGuard.refuse(step: "decide", subject: batchID, mismatches: documents, workspace: workspace)
        }
        let rules = try DecisionRules(agreement: agreement, index: index, matcher: matcher)
        var decided = 0
        let decidedOn = today
        // A pipeline: while one chunk's decisions and ledger events are written (one transaction
        // per chunk, so a kill loses at most the chunk being written), the next chunk is decided.
        func decide(_ rows: [PendingRow]) -> Task<[MatchResult], Never> {
            Task {
                await parallelMap(rows, progress: progress) { row in rules.decide(row.request, problem: row.problem) }
            }
        }
        var pending = try pendingRows(batchID: batchID, after: 0, limit: chunkSize)
        var deciding = pending.isEmpty ? nil : decide(pending)
        while let current = deciding {
            // A graceful shutdown stops between chunks; the rest resumes on the next run.
            if Task.isCancelled {
                current.cancel()
                break
            }
            let next = try pendingRows(batchID: batchID, after: pending.last!.number, limit: chunkSize)
            let results = await current.value
            deciding = next.isEmpty ? nil : decide(next)
            let written = pending
            // Fail closed: an order registry that cannot be read decides nothing.
            let orders = try workspace.orders()
            let policy = DisclosurePolicy(agreement: agreement, orders: orders, on: decidedOn, registryReadable: true)
            try await workspace.database.write { db in
                let events = zip(written, results).map { row, result in
                    Self.decisionEvent(result, batchID: batchID, rowHash: row.hash, rules: rules)
                }
                // Each row links to its entry, so that later steps check it against the ledger.
                let sequences = try LedgerStore.append(events, at: ledgerTime, in: db)
                let insert = try db.makeStatement(sql: Self.insertDecisionSQL)
                for ((row, result), sequence) in zip(zip(written, results), sequences) {
                    try Self.insertDecision(
                        result, batchID: batchID, rowNumber: row.number, rules: rules, policy: policy,
                        timestamp: timestamp, sequence: sequence, statement: insert)
                }
            }
            decided += pending.count
            pending = next
            if chunkPause > .zero { try await Task.sleep(for: chunkPause) }
        }
        try await workspace.database.write { db in
            let remaining =
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT count(*) FROM batch_rows r WHERE r.batch_id = ?
                        AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.batch_id = r.batch_id AND d.row_number = r.row_number)
                        """,
                    arguments: [batchID]) ?? 0
            if remaining == 0 {
                var lifecycle = BatchLifecycle(state: .deciding, requiredApprovals: agreement.twoPersonRelease ? 2 : 1)
                _ = lifecycle.handle(.decisionsComplete)
                try db.execute(
                    sql: "UPDATE batches SET state = ? WHERE id = ? AND state = 'deciding'",
                    arguments: [lifecycle.state.rawValue, batchID])
            }
            // In the same transaction: a batch awaiting approval always has its decisions signed.
            try LedgerStore.checkpoint(in: db, signer: signer, at: ledgerTime)
        }
        return decided
    }

    struct PendingRow: Sendable {
        var number: Int
        var request: Request
        var problem: ReasonCode?
        var hash: Hash32
    }

    /// Up to `limit` rows of `batchID` after row `after` that have no decision yet, in order.
    func pendingRows(batchID: String, after: Int, limit: Int) throws -> [PendingRow] {
        let keyring = try workspace.dataKeyring()
        return try workspace.database.read { db in
            let cursor = try Row.fetchCursor(
                db,
                sql: """
                    SELECT r.row_number, r.problem, \(SealedValues.requestColumns)
                    FROM batch_rows r WHERE r.batch_id = ? AND r.row_number > ?
                    AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.batch_id = r.batch_id AND d.row_number = r.row_number)
                    ORDER BY row_number LIMIT ?
                    """,
                arguments: [batchID, after, limit])
            var rows: [PendingRow] = []
            while let row = try cursor.next() {
                let number: Int = row[0]
                let request = try SealedValues.request(
                    from: row, at: 2, batchID: batchID, rowNumber: number, keyring: keyring)
                let problem: String? = row[1]
                rows.append(
                    PendingRow(
                        number: row[0], request: request, problem: problem.flatMap(ReasonCode.init(rawValue:)),
                        hash: BatchPipeline.rowHash(request)))
            }
            return rows
        }
    }

    /// The hash of a request row as received, for its ledger entry (fields joined by 0x1F).
    static func rowHash(_ r: Request) -> Hash32 {
        let a = r.address
        let fields = [
            r.requestID, r.tin, r.givenName, r.middleName, r.surname, r.birthDate, a.line1, a.line2, a.city, a.state,
            a.postcode, r.caseReference,
        ]
        return LedgerHash.of(requestRow: Array(fields.joined(separator: "\u{1F}").utf8))
    }

    /// Writes a signed checkpoint for the log as it stands.
    func writeCheckpoint() throws {
        try BatchLedger.checkpoint(workspace: workspace, at: ledgerTime)
    }
}
