/// How a linkage decision is turned into an outcome.
public struct MatchPolicy: Sendable, Hashable, Codable {
    public enum Mode: String, Sendable, Hashable, Codable {
        /// Legal conditions on top of identity: name agrees, the address is on file for that
        /// person, no supplied field conflicts, a clear best.
        case statutory
        /// Identity alone: a calibrated probability and a clear best (for general linkage).
        case linkage
        /// The flawed legacy rule, for replay and demonstration only (`legacy-zip-only`): given
        /// name, surname and TIN agree; the requester's address is not checked at all.
        case legacyNameTIN = "legacy_name_tin"
    }

    public var mode: Mode
    /// The match probability a verified outcome needs.
    public var threshold: Double
    /// How many bits (log2 likelihood ratio) the best must beat the runner-up by.
    public var marginBits: Double
    /// Blocking keys filed under more people than this are too common to use.
    public var postingCap: Int

    public init(mode: Mode, threshold: Double = 0.99, marginBits: Double = 6, postingCap: Int = 1000) {
        self.mode = mode
        self.threshold = threshold
        self.marginBits = marginBits
        self.postingCap = postingCap
    }

    public static let statutory = MatchPolicy(mode: .statutory)
    public static let linkage = MatchPolicy(mode: .linkage)
}

/// A linkage decision with what it rests on, for explanations.
public struct MatchResult: Sendable {
    public var decision: Decision
    /// The best-scored candidate and the runner-up (another person), when any were compared.
    public var best: CandidateScore?
    public var runnerUp: CandidateScore?
    /// How many people shared a blocking key with the request.
    public var candidateCount: Int

    public init(decision: Decision, best: CandidateScore? = nil, runnerUp: CandidateScore? = nil, candidateCount: Int = 0) {
        self.decision = decision
        self.best = best
        self.runnerUp = runnerUp
        self.candidateCount = candidateCount
    }
}

/// Finds the one person a request describes, or says why not.
///
/// Immutable and `Sendable`: one matcher serves every concurrent task.
public struct Matcher: Sendable {
    public let index: RecordIndex
    public let weights: MatchWeights
    let nicknames: NicknameTable

    /// Makes a matcher over `index`, estimating weights from it unless given.
    public init(index: RecordIndex, weights: MatchWeights? = nil, nicknames: NicknameTable = .standard) {
        self.index = index
        self.weights = weights ?? MatchWeights.estimate(from: index)
        self.nicknames = nicknames
    }

    /// Decides `request` under `policy`. The sufficiency gate is not applied here (see `DecisionEngine`).
    /// - Complexity: O(k · a) for k candidates of a addresses each; k is bounded by the posting cap.
    public func match(_ request: Request, policy: MatchPolicy) -> MatchResult {
        let person = NormalizedPerson(request: request)
        let prepared = PreparedRequest(person, index: index, nicknames: nicknames)
        let unique = candidates(for: person, policy: policy)
        var informational: [ReasonCode] = person.tinMalformed ? [.tinMalformed] : []
        guard !unique.isEmpty else {
            return MatchResult(
                decision: Decision(requestID: request.requestID, outcome: .notFound, reasons: [.noCandidate] + informational),
                best: nil, runnerUp: nil, candidateCount: 0)
        }

        let comparer = FieldComparer(index: index)
        let parts = policy.mode == .linkage
        var scores = unique.map {
            score(comparer.compare(prepared, person: $0, parts: parts, weights: weights), person: $0, policy: policy)
        }
        scores.sort { $0.weight > $1.weight || ($0.weight == $1.weight && $0.person < $1.person) }
        let best = scores[0]
        let runnerUp = scores.count > 1 ? scores[1] : nil

        let fitting = scores.filter { fits($0, policy: policy) }
        guard let top = fitting.first else {
            let reasons = notFoundReasons(scores, policy: policy) + informational
            return MatchResult(
                decision: Decision(requestID: request.requestID, outcome: .notFound, score: best.weight, reasons: reasons),
                best: best, runnerUp: runnerUp, candidateCount: unique.count)
        }
        let rival: CandidateScore? =
            switch policy.mode {
            case .statutory, .legacyNameTIN: fitting.count > 1 ? fitting[1] : nil
            case .linkage: scores.first { $0.person != top.person && $0.probability >= 0.5 }
            }
        if let rival, top.weight - rival.weight < policy.marginBits {
            informational.insert(fitting.count > 1 ? .multipleCandidates : .narrowMargin, at: 0)
            return MatchResult(
                decision: Decision(requestID: request.requestID, outcome: .ambiguous, score: top.weight, reasons: informational),
                best: top, runnerUp: rival, candidateCount: unique.count)
        }
        return MatchResult(
            decision: Decision(
                requestID: request.requestID, outcome: .verified, recordID: index.recordIDs[top.person],
                score: top.weight, reasons: informational),
            best: top, runnerUp: top.person == best.person ? runnerUp : best, candidateCount: unique.count)
    }

    /// The people sharing at least one blocking key with `person`, each once, ascending.
    func candidates(for person: NormalizedPerson, policy: MatchPolicy) -> [Int] {
        var candidates: [Int] = []
        BlockingKeys.forEach(person, swapped: true, addressParts: policy.mode == .linkage) { key in
            let range = index.postingRange(key)
            guard range.count <= policy.postingCap else { return }
            for position in range { candidates.append(index.person(atPosting: position)) }
        }
        candidates.sort()
        var unique: [Int] = []
        unique.reserveCapacity(candidates.count)
        for candidate in candidates where unique.last != candidate { unique.append(candidate) }
        return unique
    }

    func fits(_ score: CandidateScore, policy: MatchPolicy) -> Bool {
        switch policy.mode {
        case .statutory:
            score.nameAgrees && score.addressOnFile && !score.hasConflict && score.probability >= policy.threshold
        case .linkage:
            score.probability >= policy.threshold
        case .legacyNameTIN:
            score.nameAgrees && score.fields.contains { $0.field == .tin && $0.level == .exact }
        }
    }

    func notFoundReasons(_ scores: [CandidateScore], policy: MatchPolicy) -> [ReasonCode] {
        guard policy.mode == .statutory else { return [.belowThreshold] }
        var reasons: Set<ReasonCode> = []
        let named = scores.filter { $0.nameAgrees }
        if named.isEmpty { return [.nameMismatch] }
        for score in named {
            if !score.addressOnFile && !score.hasConflict { reasons.insert(.addressNotOnFile) }
            if score.addressOnFile && !score.hasConflict { reasons.insert(.belowThreshold) }
            if score.addressOnFile {
                if score.birthConflict { reasons.insert(.birthDateConflict) }
                if score.tinConflict { reasons.insert(.tinConflict) }
                if score.suffixConflict { reasons.insert(.nameMismatch) }
            }
        }
        if reasons.isEmpty { reasons.insert(.belowThreshold) }
        return reasons.sorted()
    }

    func score(_ raw: RawComparison, person: Int, policy: MatchPolicy) -> CandidateScore {
        var fields: [FieldComparison] = []
        fields.reserveCapacity(12)
        var total = 0.0
        func add(_ field: MatchField, _ level: AgreementLevel, frequency: Double = 0) {
            let weight = weights.weight(field, level, frequency: frequency)
            total += weight
            fields.append(FieldComparison(field: field, level: level, weight: weight))
        }
        add(.given, raw.given, frequency: raw.givenFrequency)
        add(.surname, raw.surname, frequency: raw.surnameFrequency)
        add(.middle, raw.middle)
        add(.suffix, raw.suffix)
        add(.birthDate, raw.birth)
        add(.tin, raw.tin)
        if let parts = raw.parts {
            for part in weights.partWeights(parts) {
                total += part.weight
                fields.append(FieldComparison(field: part.field, level: part.level, weight: part.weight))
            }
        } else {
            add(.address, raw.address, frequency: raw.addressFrequency)
        }
        if raw.swapped { total -= 2 }
        return CandidateScore(
            person: person, weight: total, probability: weights.probability(weight: total), fields: fields,
            nameAgrees: NameLevels.identifies(given: raw.given) && NameLevels.identifies(surname: raw.surname),
            addressOnFile: AddressLevels.isOnFile(raw.address),
            birthConflict: raw.birth == .disagree, tinConflict: raw.tin == .disagree,
            suffixConflict: raw.suffix == .disagree, swapped: raw.swapped)
    }
}
