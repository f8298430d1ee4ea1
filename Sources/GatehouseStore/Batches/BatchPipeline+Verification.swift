import Foundation
public import GRDB
public import GatehouseCore

/// Single verifications: one request decided and answered at once, by the same per-row steps
/// as a batch chunk (``DecisionRules/decide(_:problem:)``, `writeDecision`, `writeDisclosure`).
///
/// Each verification is a row of its agreement's interactive batch of the day (`kind =
/// 'interactive'`, one per agreement version and day), so accounting, review, declarations and
/// the funnel read it like any other row. There is no officer approval: the disclosure policy is
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

    /// The id of an agreement version's interactive batch on `day`.
    public static func interactiveBatchID(agreementID: String, version: Int, day: String) -> String {
        "V" + String(Hash32.sha256(utf8: "interactive\u{1F}\(agreementID)\u{1F}\(version)\u{1F}\(day)").hex.prefix(12))
    }

    /// Records a prepared verification inside the caller's write transaction: the row in the
    /// interactive batch, its decision and its disclosure (under the agreement as it stands and
    /// the orders in force now), each with its ledger entry, appended in that transaction (so that
    /// the decision is in the ledger before the answer leaves). Returns the answer; the events are
    /// already appended (the returned list is empty, for the caller's own events).
    ///
    /// - Throws: `WorkspaceError.unreadableDocument` when the order registry cannot be read
    ///   (nothing is decided); `BatchError.unknownAgreement`.
    public func recordVerification(_ prepared: PreparedVerification, in db: Database) throws -> (
        Verification, [LedgerEvent]
    ) {
        let agreement = prepared.rules.agreement
        // Fail closed: an unreadable registry throws, and the transaction records nothing.
        let orders = try Workspace.orders(in: db)
        guard let current = try Workspace.agreement(id: agreement.id, in: db) else {
            throw BatchError(.unknownAgreement, "no agreement '\(agreement.id)' in this workspace")
        }
        var policyAgreement = agreement
        policyAgreement.status = current.status
        let policy = DisclosurePolicy(agreement: policyAgreement, orders: orders, on: today, registryReadable: true)

        let batchID = Self.interactiveBatchID(agreementID: agreement.id, version: agreement.version, day: today)
        try db.execute(
            sql: """
                INSERT OR IGNORE INTO batches (id, agreement_id, agreement_version, file_sha256, file_name, manifest,
                    manifest_sha256, state, problems, row_count, profile, submitted_at, submitted_on, released_at, kind)
                VALUES (?, ?, ?, ?, 'interactive', '', ?, 'released', '', 0, ?, ?, ?, ?, 'interactive')
                """,
            arguments: [
                batchID, agreement.id, agreement.version, Hash32.sha256(utf8: batchID).hex,
                Hash32.sha256(utf8: "").hex, prepared.rules.profile.name, timestamp, today, timestamp,
            ])
        let number =
            (try Int.fetchOne(
                db, sql: "SELECT coalesce(max(row_number), 0) FROM batch_rows WHERE batch_id = ?",
                arguments: [batchID]) ?? 0) + 1
        let r = prepared.request
        let a = r.address
        try db.execute(
            sql: """
                INSERT INTO batch_rows (batch_id, row_number, line, request_id, problem, tin, given_name, middle_name,
                    surname, birth_date, address_line1, address_line2, city, state, postcode, case_reference)
                VALUES (?, ?, 0, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                batchID, number, r.requestID, r.tin, r.givenName, r.middleName, r.surname, r.birthDate, a.line1,
                a.line2, a.city, a.state, a.postcode, r.caseReference,
            ])
        try db.execute(sql: "UPDATE batches SET row_count = row_count + 1 WHERE id = ?", arguments: [batchID])
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
            [row], batchID: batchID, policy: policy, legacy: prepared.rules.profile.isLegacy, summary: &summary, db: db)
        let stored = try Row.fetchOne(
            db, sql: "SELECT result_code, fields, released_values FROM disclosures WHERE batch_id = ? AND row_number = ?",
            arguments: [batchID, number])
        let code = ResponseCode(rawValue: stored?[0] ?? ResponseCode.withheld.rawValue) ?? .withheld
        let fields: String = stored?[1] ?? ""
        let json: String = stored?[2] ?? "{}"
        let values = (try? JSONDecoder().decode([String: String].self, from: Data(json.utf8))) ?? [:]
        let answer = Verification(
            batchID: batchID, rowNumber: number, requestID: r.requestID, outcome: decision.outcome,
            reasons: decision.reasons, resultCode: code, values: values,
            released: fields.split(separator: ";").compactMap { DisclosureField(rawValue: String($0)) })
        return (answer, [])
    }
}
