import Foundation
import GRDB
public import GatehouseCore

/// The per-row steps a batch chunk and a single verification share, so that the two can never
/// decide or disclose differently: the rules one agreement decides under, the decision row and
/// its ledger event, the disclosure row and its ledger event.
extension BatchPipeline {
    /// The decision rules of one agreement version: its profile, the engine, the rules version
    /// written into every decision event.
    public struct DecisionRules: Sendable {
        public let agreement: Agreement
        public let profile: SufficiencyProfile
        public let engine: DecisionEngine
        public let rulesVersion: String

        /// - Throws: `BatchError.notAllowed` when the index lacks the blocking keys the profile reads.
        public init(agreement: Agreement, index: RecordIndex, matcher: Matcher? = nil) throws {
            let profile = agreement.profile ?? .statutory
            let mode = profile.matchMode
            guard index.files(IndexKeys.needed(by: mode)) else {
                throw BatchError(
                    .notAllowed,
                    "the match index lacks the blocking keys the \(profile.name) profile reads; load it with loadIndex(keys: .all)")
            }
            self.agreement = agreement
            self.profile = profile
            self.engine = DecisionEngine(
                matcher: matcher ?? Matcher(index: index), profile: profile,
                policy: MatchPolicy(mode: mode, threshold: agreement.matchThreshold))
            self.rulesVersion = "\(profile.name)/\(mode.rawValue)/index-v\(RecordIndex.formatVersion)"
        }

        /// Gate → match for one row; a row with a problem (unreadable, repeated id) is `rejected`.
        public func decide(_ request: Request, problem: ReasonCode?) -> MatchResult {
            problem.map {
                MatchResult(decision: Decision(requestID: request.requestID, outcome: .rejected, reasons: [$0]))
            } ?? engine.decide(request, explain: false)
        }

        /// Whether a verified outcome confirmed the request's own address (the statutory rule).
        func addressVerified(_ decision: Decision) -> Bool {
            decision.outcome == .verified && profile.matchMode == .statutory
        }
    }

    static let insertDecisionSQL = """
        INSERT INTO decisions (batch_id, row_number, request_id, outcome, record_id, score, reasons,
            address_verified, result_code, planned_fields, agreement_version, profile, decided_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// Writes one row's decision (with the disclosure the policy plans at decision time) and
    /// returns its ledger event.
    static func writeDecision(
        _ result: MatchResult, batchID: String, rowNumber: Int, rowHash: Hash32, rules: DecisionRules,
        policy: DisclosurePolicy, timestamp: String, statement: Statement
    ) throws -> LedgerEvent {
        let decision = result.decision
        let addressVerified = rules.addressVerified(decision)
        // A legacy profile releases the address unconfirmed (the flaw); the row still says so.
        let disclosure = policy.evaluate(
            outcome: decision.outcome, addressVerified: addressVerified || rules.profile.isLegacy)
        try statement.execute(arguments: [
            batchID, rowNumber, decision.requestID, decision.outcome.rawValue, decision.recordID,
            decision.score, decision.reasons.map(\.rawValue).joined(separator: ";"), addressVerified,
            disclosure.resultCode.rawValue, disclosure.released.map(\.rawValue).joined(separator: ";"),
            rules.agreement.version, rules.profile.name, timestamp,
        ])
        return .decision(
            .init(
                batchID: batchID, requestID: decision.requestID, requestRowHash: rowHash,
                outcome: decision.outcome, reasons: decision.reasons,
                recordIDHash: decision.recordID.map { LedgerHash.of(recordID: $0) },
                agreementVersion: String(rules.agreement.version), rulesVersion: rules.rulesVersion))
    }

    static let insertDisclosureSQL = """
        INSERT INTO disclosures (batch_id, row_number, request_id, record_id, result_code, fields, withheld,
            released_values, released_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// What releasing one row did.
    struct RowRelease {
        var disclosure: Disclosure
        /// Withheld fields the agreement permits (the others are not "withheld" from this requester).
        var withheld: [WithheldField]
        /// The released values by response column.
        var values: [String: String]
        /// The release event, when anything was released.
        var event: LedgerEvent?
    }

    /// Evaluates the policy for one decided row at release time, writes its disclosure row with
    /// the released values, and returns what it released.
    static func writeDisclosure(
        batchID: String, rowNumber: Int, requestID: String, outcome: Outcome, recordID: String?,
        addressVerified: Bool, policy: DisclosurePolicy, timestamp: String, statement: Statement, db: Database
    ) throws -> RowRelease {
        let disclosure = policy.evaluate(outcome: outcome, addressVerified: addressVerified)
        let withheld = disclosure.withheld.filter { $0.reason != .withheldNotPermitted }
        var values: [String: String] = [:]
        if let recordID, !disclosure.released.isEmpty {
            values = try releasedValues(disclosure.released, recordID: recordID, db: db)
        }
        try statement.execute(arguments: [
            batchID, rowNumber, requestID, disclosure.released.isEmpty ? nil : recordID,
            disclosure.resultCode.rawValue, disclosure.released.map(\.rawValue).joined(separator: ";"),
            withheld.map { "\($0.field.rawValue)=\($0.reason.rawValue)" }.joined(separator: ";"),
            DocumentFiles.canonicalJSON(values), timestamp,
        ])
        let event: LedgerEvent? =
            disclosure.released.isEmpty
            ? nil
            : .release(.init(batchID: batchID, requestID: requestID, fields: columns(for: disclosure.released)))
        return RowRelease(disclosure: disclosure, withheld: withheld, values: values, event: event)
    }
}
