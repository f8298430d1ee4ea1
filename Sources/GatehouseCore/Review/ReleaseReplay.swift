/// Replays past releases under today's rules: the gate and the decision again from the stored
/// request row, then ``DisclosurePolicy/review(released:releasedOn:outcome:addressVerified:)``.
///
/// Pure and `Sendable`: one value serves every concurrent task of a review.
public struct ReleaseReplay: Sendable {
    /// One stored release with its request row as received.
    public struct Release: Sendable {
        public var batchID: String
        public var rowNumber: Int
        public var request: Request
        /// The record the release disclosed.
        public var recordID: String?
        public var releasedFields: [DisclosureField]
        /// ISO 8601 time of the release.
        public var releasedAt: String
        public var agreementID: String
        public var agreementVersion: Int

        public init(
            batchID: String, rowNumber: Int, request: Request, recordID: String?, releasedFields: [DisclosureField],
            releasedAt: String, agreementID: String, agreementVersion: Int
        ) {
            self.batchID = batchID
            self.rowNumber = rowNumber
            self.request = request
            self.recordID = recordID
            self.releasedFields = releasedFields
            self.releasedAt = releasedAt
            self.agreementID = agreementID
            self.agreementVersion = agreementVersion
        }
    }

    /// The decision engine of today (today's index, the profile reviewed under).
    public let engine: DecisionEngine
    /// The policy of today (the agreement's latest version, the orders in force, today's date).
    public let policy: DisclosurePolicy
    /// Who received releases under the agreement (its requesting agency).
    public let recipient: String

    public init(engine: DecisionEngine, policy: DisclosurePolicy, recipient: String) {
        self.engine = engine
        self.policy = policy
        self.recipient = recipient
    }

    /// The finding for `release`, or nil when it still stands.
    /// - Complexity: one decision (see ``Matcher/match(_:policy:)``) and O(fields).
    public func finding(for release: Release) -> ReviewFinding? {
        let decision = engine.decide(release.request, explain: false).decision
        let anotherRecord =
            decision.outcome == .verified && release.recordID != nil && decision.recordID != release.recordID
        // Verified as somebody else is, for the person released, not a verification.
        let outcome: Outcome = anotherRecord ? .ambiguous : decision.outcome
        let addressVerified =
            outcome == .verified && (engine.policy.mode == .statutory || engine.profile.isLegacy)
        let review = policy.review(
            released: release.releasedFields, releasedOn: String(release.releasedAt.prefix(10)), outcome: outcome,
            addressVerified: addressVerified)
        guard !review.stands else { return nil }
        return ReviewFinding(
            batchID: release.batchID, rowNumber: release.rowNumber, requestID: release.request.requestID,
            agreementID: release.agreementID, agreementVersion: release.agreementVersion, recipient: recipient,
            releasedFields: release.releasedFields, releasedAt: release.releasedAt, fields: review.fields,
            reasons: review.reasons, outcomeNow: decision.outcome, decisionReasons: decision.reasons,
            matchedAnotherRecord: anotherRecord, orders: review.orders.map(\.id))
    }
}
