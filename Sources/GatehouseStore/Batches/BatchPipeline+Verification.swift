import Foundation
import Synchronization
public import GRDB
public import GatehouseCore

/// Single verifications: one request decided and answered at once, by the same per-row steps
/// as a batch chunk (``DecisionRules/decide(_:problem:)``, `writeDecision`, `writeDisclosure`).
///
/// Each verification is a one-row batch of its own (`kind = 'interactive'`, received in the
/// ledger like any batch), so accounting, review, declarations, the audit and the funnel read it
/// like any other batch. There is no officer approval: the disclosure policy is
/// evaluated when the row is decided, under the agreement as it stands and the orders in force,
/// inside the same transaction that records it.
extension BatchPipeline {
    /// One request decided, before it is recorded.
    public struct PreparedVerification: Sendable {
        public var request: Request
        public var result: MatchResult
        public var rules: DecisionRules
        var rowHash: Hash32
    }

    /// What a recorded verification answers.
    public struct Verification: Sendable, Hashable {
        public var batchID: String
        public var rowNumber: Int
        public var requestID: String
        public var outcome: Outcome
        public var reasons: [ReasonCode]
        public var resultCode: ResponseCode
        /// The released values by response column (only permitted, released fields).
        public var values: [String: String]
        /// The fields released (`verification`, `last_known_address`, …).
        public var released: [DisclosureField]
    }

    /// Decides one request under `rules` (gate → match); no I/O.
    public func prepareVerification(_ request: Request, rules: DecisionRules) -> PreparedVerification {
        PreparedVerification(
            request: request, result: rules.decide(request, problem: nil), rules: rules,
            rowHash: Self.rowHash(request))
    }

    /// Records a prepared verification inside the caller's write transaction: the row in the
    /// interactive batch, its decision and its disclosure (under the agreement as it stands and
    /// the orders in force now), each with its ledger entry, appended in that transaction (so that
    /// the decision is in the ledger before the answer leaves). Returns the answer; the events are
    /// already appended (the returned list is empty, for the caller's own events).
    ///
    /// - Throws: `WorkspaceError.unreadableDocument` when the order registry cannot be read
    ///   (nothing is decided); `BatchError.unknownAgreement`.
    /// - Parameter documents: The documents as they stand in `db`: the agreement's latest version
    ///   and every court order (a server passes a cache that checks, in `db`, that nothing changed).
    public func recordVerification(
        _ prepared: PreparedVerification, in db: Database, documents: DocumentSnapshot = .uncached
    ) throws -> (Verification, [LedgerEvent]) {
        let agreement = prepared.rules.agreement
        // Fail closed: an unreadable registry throws, and the transaction records nothing.
        let orders = try documents.orders(db)
        guard let current = try documents.agreement(agreement.id, db) else {
            throw BatchError(.unknownAgreement, "no agreement '\(agreement.id)' in this workspace")
        }
        var policyAgreement = agreement
        policyAgreement.status = current.status
        let policy = DisclosurePolicy(agreement: policyAgreement, orders: orders, on: today, registryReadable: true)

        // A one-row batch of its own, received in the ledger like any batch: its "file" is the row.
        let batchID = "V" + Workspace.randomHex(bytes: 6)
        let fileHash = Hash32.sha256(utf8: "verification\u{1F}\(batchID)\u{1F}\(prepared.rowHash.hex)")
        let manifestHash = Hash32.sha256(utf8: "")
        try db.cachedStatement(
            sql: """
                INSERT INTO batches (id, agreement_id, agreement_version, file_sha256, file_name, manifest,
                    manifest_sha256, state, problems, row_count, profile, submitted_at, submitted_on, released_at, kind)
                VALUES (?, ?, ?, ?, 'verification', '', ?, 'released', '', 1, ?, ?, ?, ?, 'interactive')
                """
        ).execute(arguments: [
                batchID, agreement.id, agreement.version, fileHash.hex, manifestHash.hex, prepared.rules.profile.name,
                timestamp, today, timestamp,
        ])
        try LedgerStore.append(
            [
                .batchReceived(
                    .init(
                        batchID: batchID, fileSHA256: fileHash, agreementID: agreement.id,
                        agreementVersion: String(agreement.version), manifestHash: manifestHash, rowCount: 1))
            ], at: ledgerTime, in: db)
        let number = 1
        let r = prepared.request
        // Sealed like a batch row: only the request id is in the clear (DataKeyring).
        let keyring = try workspace.dataKeyring()
        try db.cachedStatement(
            sql: """
                INSERT INTO batch_rows (batch_id, row_number, line, request_id, problem, tin, given_name, middle_name,
                    surname, birth_date, address_line1, address_line2, city, state, postcode, case_reference, sealed)
                VALUES (?, ?, 0, ?, NULL, '', '', '', '', '', '', '', '', '', '', '', ?)
                """
        ).execute(arguments: [
            batchID, number, r.requestID, try SealedValues.sealRequest(r, batchID: batchID, row: number, keyring: keyring),
        ])
        let event = Self.decisionEvent(prepared.result, batchID: batchID, rowHash: prepared.rowHash, rules: prepared.rules)
        let sequence = try LedgerStore.append([event], at: ledgerTime, in: db)[0]
        try Self.insertDecision(
            prepared.result, batchID: batchID, rowNumber: number, rules: prepared.rules, policy: policy,
            timestamp: timestamp, sequence: sequence, statement: try db.cachedStatement(sql: Self.insertDecisionSQL))
        // Released exactly as a batch row is released (sealed values, a release entry per release).
        let decision = prepared.result.decision
        let row = LedgerCrossCheck.DecisionRow(
            batchID: batchID, rowNumber: number, requestID: r.requestID, outcome: decision.outcome.rawValue,
            recordID: decision.recordID, reasons: decision.reasons.map(\.rawValue).joined(separator: ";"),
            addressVerified: prepared.rules.addressVerified(decision), agreementVersion: agreement.version)
        var summary = ReleaseSummary()
        try writeDisclosures(
            [row], batchID: batchID, policy: policy, legacy: prepared.rules.profile.isLegacy, keyring: keyring,
            summary: &summary, db: db)
        let stored = try Row.fetchOne(
            try db.cachedStatement(
                sql: "SELECT result_code, fields, released_values, sealed_values FROM disclosures WHERE batch_id = ? AND row_number = ?"),
            arguments: [batchID, number])
        let code = ResponseCode(rawValue: stored?[0] ?? ResponseCode.withheld.rawValue) ?? .withheld
        let fields: String = stored?[1] ?? ""
        let json = try SealedValues.values(
            sealed: stored?[3], clear: stored?[2] ?? "{}", batchID: batchID, row: number, keyring: keyring)
        let values = (try? JSONDecoder().decode([String: String].self, from: Data(json.utf8))) ?? [:]
        let answer = Verification(
            batchID: batchID, rowNumber: number, requestID: r.requestID, outcome: decision.outcome,
            reasons: decision.reasons, resultCode: code, values: values,
            released: fields.split(separator: ";").compactMap { DisclosureField(rawValue: String($0)) })
        return (answer, [])
    }
}

/// How a verification reads the documents it is decided under, inside its transaction.
public struct DocumentSnapshot: Sendable {
    /// The latest version of an agreement, or nil.
    public var agreement: @Sendable (String, Database) throws -> Agreement?
    /// Every court order (the policy decides which apply); throws when the registry cannot be read.
    public var orders: @Sendable (Database) throws -> [CourtOrder]

    public init(
        agreement: @escaping @Sendable (String, Database) throws -> Agreement?,
        orders: @escaping @Sendable (Database) throws -> [CourtOrder]
    ) {
        self.agreement = agreement
        self.orders = orders
    }

    /// Decoded afresh from the tables each time.
    public static let uncached = DocumentSnapshot(
        agreement: { id, db in try Workspace.agreement(id: id, in: db) }, orders: { db in try Workspace.orders(in: db) })
}

/// The stored documents decoded once and reused while the tables are unchanged: agreement and
/// order versions are immutable rows (triggers), so a version number, or the count and largest
/// rowid of `court_orders`, read in the caller's transaction, says whether a decode is still the
/// table's. An unreadable registry is never cached: it throws each time.
public final class DocumentCache: Sendable {
    private struct State {
        var agreements: [String: Agreement] = [:]
        var orders: (count: Int, last: Int, orders: [CourtOrder])?
    }

    private let state = Mutex(State())

    public init() {}

    public var snapshot: DocumentSnapshot {
        DocumentSnapshot(agreement: { [self] id, db in try agreement(id: id, in: db) }, orders: { [self] db in try orders(in: db) })
    }

    /// The latest version of an agreement, decoded once per version.
    public func agreement(id: String, in db: Database) throws -> Agreement? {
        guard
            let latest = try Int.fetchOne(
                try db.cachedStatement(sql: "SELECT max(version) FROM agreements WHERE id = ?"), arguments: [id])
        else { return nil }
        if let cached = state.withLock({ $0.agreements[id] }), cached.version == latest { return cached }
        let agreement = try Workspace.agreement(id: id, version: latest, in: db)
        if let agreement { state.withLock { $0.agreements[id] = agreement } }
        return agreement
    }

    /// Every court order, decoded once per state of the table.
    public func orders(in db: Database) throws -> [CourtOrder] {
        let row = try Row.fetchOne(try db.cachedStatement(sql: "SELECT count(*), coalesce(max(rowid), 0) FROM court_orders"))
        let count: Int = row?[0] ?? 0
        let last: Int = row?[1] ?? 0
        if let cached = state.withLock({ $0.orders }), cached.count == count, cached.last == last { return cached.orders }
        let orders = try Workspace.orders(in: db)
        state.withLock { $0.orders = (count, last, orders) }
        return orders
    }
}
