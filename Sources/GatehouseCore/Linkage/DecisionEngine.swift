/// Decides one request end to end: the sufficiency gate first (an insufficient request is never
/// matched), then linkage under the match policy.
public struct DecisionEngine: Sendable {
    public let matcher: Matcher
    public let profile: SufficiencyProfile
    public let policy: MatchPolicy

    public init(matcher: Matcher, profile: SufficiencyProfile, policy: MatchPolicy) {
        self.matcher = matcher
        self.profile = profile
        self.policy = policy
    }

    /// The decision for `request`, with the scores it rests on (`best` and `runnerUp` only when
    /// `explain`).
    public func decide(_ request: Request, explain: Bool = true) -> MatchResult {
        // The address is parsed once, for the gate and for linkage.
        let parsed = AddressParser.parse(line1: request.address.line1, line2: request.address.line2)
        let findings = Gate.findings(for: request, profile: profile, parsed: parsed)
        if !findings.isEmpty {
            return MatchResult(
                decision: Decision(requestID: request.requestID, outcome: .insufficient, reasons: findings),
                best: nil, runnerUp: nil, candidateCount: 0)
        }
        return matcher.match(request, policy: policy, explain: explain, parsedAddress: parsed)
    }
}
