/// Why one request was (not) verified, step by step: how its address was read, what the gate
/// found, every candidate the rule compared with its field-by-field weights, and the decision.
/// What `gatehouse explain` prints for an officer or an auditor.
public struct DecisionExplanation: Sendable {
    public var request: Request
    /// The request's first address line(s) as the parser read them.
    public var parsedAddress: ParsedAddress
    /// The request as linkage compares it: folded name parts and the standardized address.
    public var person: NormalizedPerson
    /// Every gate finding (empty: sufficient).
    public var findings: [ReasonCode]
    /// The candidates compared, those that fit the rule first, each group by weight, at most the
    /// limit asked for; empty when the gate stopped the request.
    public var candidates: [CandidateScore]
    /// How many people the blocking keys found in all.
    public var candidateCount: Int
    /// The decision, with the best and the runner-up it rests on.
    public var result: MatchResult
}

extension DecisionEngine {
    /// Decides `request` as `decide(_:)` does and explains it, with up to `limit` candidates.
    /// - Complexity: O(k · a) for k candidates of a addresses, as `decide`.
    public func explain(_ request: Request, candidates limit: Int = 5) -> DecisionExplanation {
        let parsed = AddressParser.parse(line1: request.address.line1, line2: request.address.line2)
        let findings = Gate.findings(for: request, profile: profile, parsed: parsed)
        let person = NormalizedPerson(request: request, parsedAddress: parsed)
        let result = decide(request, explain: true)
        let (scored, count) =
            findings.isEmpty ? matcher.scoredCandidates(person, policy: policy, limit: limit) : ([], 0)
        return DecisionExplanation(
            request: request, parsedAddress: parsed, person: person, findings: findings, candidates: scored,
            candidateCount: count, result: result)
    }
}

extension Matcher {
    /// Every candidate of `person` under `policy`, fully scored, those fitting the rule first and
    /// then by weight (at most `limit`), and how many there were.
    func scoredCandidates(_ person: NormalizedPerson, policy: MatchPolicy, limit: Int) -> ([CandidateScore], Int) {
        let unique = candidates(for: person, policy: policy)
        guard !unique.isEmpty else { return ([], 0) }
        let prepared = comparer.prepare(person, nicknames: nicknames)
        let parts = policy.mode == .linkage
        var scores = unique.map { candidate in
            let raw = comparer.compare(prepared, person: candidate, parts: parts, weights: weights)
            var score = score(raw, person: candidate)
            let verdict = Verdict(raw, person: candidate, weight: score.weight, weights: weights)
            score.fits = fits(verdict, policy: policy)
            return score
        }
        // Those that fit the rule first (the decision rests on them), then by weight.
        scores.sort {
            ($0.fits && !$1.fits) || ($0.fits == $1.fits && ($0.weight > $1.weight || ($0.weight == $1.weight && $0.person < $1.person)))
        }
        return (Array(scores.prefix(max(limit, 0))), unique.count)
    }
}
