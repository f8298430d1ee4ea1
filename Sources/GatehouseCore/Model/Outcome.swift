/// What Gatehouse concluded about one request.
public enum Outcome: String, Sendable, CaseIterable, Codable {
    /// The row itself is malformed (bad encoding, missing id, wrong shape).
    case rejected
    /// The request fails the sufficiency profile; it was never matched.
    case insufficient
    /// No single person in the store fits the request.
    case notFound = "not_found"
    /// More than one person fits equally well.
    case ambiguous
    /// Exactly one person fits, by name and by an address on file.
    case verified
}

/// The result of deciding one request: the outcome, the record (when verified), the score and why.
public struct Decision: Sendable, Hashable {
    public var requestID: String
    public var outcome: Outcome
    /// The matched record's id; only set when `outcome == .verified`.
    public var recordID: String?
    /// The best candidate's total match weight (log2 odds), or nil when nothing was scored.
    public var score: Double?
    public var reasons: [ReasonCode]

    public init(
        requestID: String, outcome: Outcome, recordID: String? = nil, score: Double? = nil,
        reasons: [ReasonCode] = []
    ) {
        self.requestID = requestID
        self.outcome = outcome
        self.recordID = recordID
        self.score = score
        self.reasons = reasons
    }
}
