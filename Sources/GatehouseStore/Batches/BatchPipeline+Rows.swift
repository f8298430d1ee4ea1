import Foundation
import GRDB
public import GatehouseCore

/// The per-row steps a batch chunk and a single verification share, so that the two can never
/// decide or disclose differently: the rules one agreement decides under, the decision row and
/// its ledger event; the disclosure rows are written by `writeDisclosures`, for both.
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
            address_verified, result_code, planned_fields, agreement_version, profile, decided_at, ledger_seq)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// The ledger event of one row's decision.
    static func decisionEvent(_ result: MatchResult, batchID: String, rowHash: Hash32, rules: DecisionRules)
        -> LedgerEvent
    {
        let decision = result.decision
        return .decision(
            .init(
                batchID: batchID, requestID: decision.requestID, requestRowHash: rowHash,
                outcome: decision.outcome, reasons: decision.reasons,
                recordIDHash: decision.recordID.map { LedgerHash.of(recordID: $0) },
                agreementVersion: String(rules.agreement.version), rulesVersion: rules.rulesVersion))
    }

    /// Writes one row's decision, linked to its ledger entry `sequence`, with the disclosure the
    /// policy plans at decision time.
    static func insertDecision(
        _ result: MatchResult, batchID: String, rowNumber: Int, rules: DecisionRules, policy: DisclosurePolicy,
        timestamp: String, sequence: UInt64, statement: Statement
    ) throws {
        let decision = result.decision
        let addressVerified = rules.addressVerified(decision)
        // A legacy profile releases the address unconfirmed (the flaw); the row still says so.
        let disclosure = policy.evaluate(
            outcome: decision.outcome, addressVerified: addressVerified || rules.profile.isLegacy)
        try statement.execute(arguments: [
            batchID, rowNumber, decision.requestID, decision.outcome.rawValue, decision.recordID,
            decision.score, decision.reasons.map(\.rawValue).joined(separator: ";"), addressVerified,
            disclosure.resultCode.rawValue, disclosure.released.map(\.rawValue).joined(separator: ";"),
            rules.agreement.version, rules.profile.name, timestamp, Int64(sequence),
        ])
    }
}
