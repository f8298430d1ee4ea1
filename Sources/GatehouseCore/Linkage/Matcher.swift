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
    /// The cap for the name keys the statutory rule reads only to explain a not-found outcome
    /// (`BlockingKeys.KindSet.statutoryNames`).
    public var namePostingCap: Int

    public init(mode: Mode, threshold: Double = 0.99, marginBits: Double = 6, postingCap: Int = 1000, namePostingCap: Int = 100) {
        self.mode = mode
        self.threshold = threshold
        self.marginBits = marginBits
        self.postingCap = postingCap
        self.namePostingCap = namePostingCap
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
/// Immutable and `Sendable`: one matcher serves every concurrent task. A class, so that handing
/// it to a task or a closure retains one object rather than each of the index's columns.
public final class Matcher: Sendable {
    public let index: RecordIndex
    public let weights: MatchWeights
    let nicknames: NicknameTable
    let comparer: FieldComparer
    /// `weights.weighsAddressParts`, read once (a dictionary look-up).
    private let weighsAddressParts: Bool

    /// Makes a matcher over `index`, estimating weights from it unless given. `modes` are the
    /// rules it will decide under: the address parts are weighed only when the linkage rule is one.
    public init(
        index: RecordIndex, weights: MatchWeights? = nil, nicknames: NicknameTable = .standard,
        modes: Set<MatchPolicy.Mode> = [.statutory, .linkage, .legacyNameTIN]
    ) {
        self.index = index
        self.weights = weights ?? MatchWeights.estimate(from: index, parts: modes.contains(.linkage))
        self.nicknames = nicknames
        comparer = FieldComparer(index: index)
        weighsAddressParts = self.weights.weighsAddressParts
    }

    /// Decides `request` under `policy`. The sufficiency gate is not applied here (see `DecisionEngine`).
    ///
    /// Every candidate is scored in one pass that keeps only its weight and the flags the rule
    /// reads (no allocation per candidate); the full field-by-field scores are built afterwards
    /// for the two to four candidates an explanation names, unless `explain` is false (then
    /// `best` and `runnerUp` are nil).
    /// - Complexity: O(k · a) for k candidates of a addresses each; k is bounded by the posting cap.
    public func match(_ request: Request, policy: MatchPolicy, explain: Bool = true) -> MatchResult {
        match(request, policy: policy, explain: explain, parsedAddress: nil)
    }

    /// `match(_:policy:explain:)`, reusing the request's address as already parsed (by the gate).
    func match(_ request: Request, policy: MatchPolicy, explain: Bool, parsedAddress: ParsedAddress?) -> MatchResult {
        precondition(
            policy.mode != .linkage || weighsAddressParts,
            "the linkage profile needs weights for the address parts (a matcher made for .linkage)")
        let person = NormalizedPerson(request: request, parsedAddress: parsedAddress)
        let unique = candidates(for: person, policy: policy)
        var informational: [ReasonCode] = person.tinMalformed ? [.tinMalformed] : []
        guard !unique.isEmpty else {
            return MatchResult(
                decision: Decision(requestID: request.requestID, outcome: .notFound, reasons: [.noCandidate] + informational),
                best: nil, runnerUp: nil, candidateCount: 0)
        }
        // Resolved against the store only when someone is to be compared.
        let prepared = comparer.prepare(consume person, nicknames: nicknames)

        let parts = policy.mode == .linkage
        var overall = TopTwo()
        var fitting = TopTwo()
        var reasons = NotFoundReasons()
        for candidate in unique {
            let raw = comparer.compare(prepared, person: candidate, parts: parts, weights: weights)
            let verdict = Verdict(raw, person: candidate, weight: totalWeight(raw), weights: weights)
            overall.offer(verdict)
            if fits(verdict, policy: policy) { fitting.offer(verdict) }
            reasons.note(verdict)
        }
        func full(_ verdict: Verdict?) -> CandidateScore? {
            guard explain else { return nil }
            return verdict.map { score(comparer.compare(prepared, person: $0.person, parts: parts, weights: weights), person: $0.person) }
        }
        let best = overall.first!
        guard let top = fitting.first else {
            let codes = (policy.mode == .statutory ? reasons.codes : [.belowThreshold]) + informational
            return MatchResult(
                decision: Decision(requestID: request.requestID, outcome: .notFound, score: best.weight, reasons: codes),
                best: full(best), runnerUp: full(overall.second), candidateCount: unique.count)
        }
        let rival: Verdict? =
            switch policy.mode {
            case .statutory, .legacyNameTIN: fitting.second
            case .linkage: (best.person != top.person ? best : overall.second).flatMap { $0.probability >= 0.5 ? $0 : nil }
            }
        if let rival, top.weight - rival.weight < policy.marginBits {
            informational.insert(fitting.second != nil ? .multipleCandidates : .narrowMargin, at: 0)
            return MatchResult(
                decision: Decision(requestID: request.requestID, outcome: .ambiguous, score: top.weight, reasons: informational),
                best: full(top), runnerUp: full(rival), candidateCount: unique.count)
        }
        if top.unitConflict { informational.insert(.unitMismatch, at: 0) }
        return MatchResult(
            decision: Decision(
                requestID: request.requestID, outcome: .verified, recordID: index.recordIDs[top.person],
                score: top.weight, reasons: informational.sorted()),
            best: full(top), runnerUp: full(top.person == best.person ? overall.second : best), candidateCount: unique.count)
    }

    /// The people sharing at least one blocking key with `person`, each once, ascending. The
    /// linkage profile reads every key; the statutory and legacy rules read the keys that can
    /// find a person they can verify (`BlockingKeys.KindSet.statutory`) and, under the lower
    /// `namePostingCap`, the name keys that explain a not-found outcome.
    func candidates(for person: NormalizedPerson, policy: MatchPolicy) -> [Int] {
        let linkage = policy.mode == .linkage
        precondition(
            !linkage || index.filedKinds.isSuperset(of: .all),
            "the linkage profile needs an index of every key (IndexKeys.all)")
        // Every key is looked up at once; the name keys read under the lower cap come last.
        var keys: [UInt64] = []
        keys.reserveCapacity(32)
        BlockingKeys.forEach(person, swapped: true, kinds: linkage ? .all : .statutory) { keys.append($0) }
        let firstNameKey = keys.count
        if !linkage { BlockingKeys.forEach(person, swapped: true, kinds: .statutoryNames) { keys.append($0) } }
        let nameCap = min(policy.namePostingCap, policy.postingCap)
        let ranges = index.postingRanges(keys)
        var total = 0
        for (n, range) in ranges.enumerated() where range.count <= (n < firstNameKey ? policy.postingCap : nameCap) {
            total += range.count
        }
        var candidates: [Int] = []
        guard total > 0 else { return candidates }
        candidates.reserveCapacity(total)
        for (n, range) in ranges.enumerated() where range.count <= (n < firstNameKey ? policy.postingCap : nameCap) {
            for position in range { candidates.append(index.person(atPosting: position)) }
        }
        candidates.sort()
        var unique = 0
        for candidate in candidates where unique == 0 || candidates[unique - 1] != candidate {
            candidates[unique] = candidate
            unique += 1
        }
        candidates.removeLast(candidates.count - unique)
        return candidates
    }

    /// One candidate's total weight and the facts the rules read, without the per-field list.
    struct Verdict {
        var person: Int
        var weight: Double
        var probability: Double
        var nameAgrees: Bool
        var addressOnFile: Bool
        var birthConflict: Bool
        var tinConflict: Bool
        var suffixConflict: Bool
        var tinAgrees: Bool
        var birthAgrees: Bool
        /// The address on file names another unit than the request (`UnitRelation.conflicts`).
        var unitConflict: Bool

        var hasConflict: Bool { birthConflict || tinConflict || suffixConflict }

        /// The statutory unit rule: a unit on file that conflicts with the request's is another
        /// dwelling, and the person fits only when the birth date or the TIN confirms them.
        var unitConfirmed: Bool { !unitConflict || birthAgrees || tinAgrees }

        init(_ raw: RawComparison, person: Int, weight: Double, weights: MatchWeights) {
            self.person = person
            self.weight = weight
            probability = weights.probability(weight: weight)
            nameAgrees = NameLevels.identifies(given: raw.given) && NameLevels.identifies(surname: raw.surname)
            addressOnFile = AddressLevels.isOnFile(raw.address)
            birthConflict = raw.birth == .disagree
            tinConflict = raw.tin == .disagree
            suffixConflict = raw.suffix == .disagree
            tinAgrees = raw.tin == .exact
            birthAgrees = raw.birth == .exact
            unitConflict = raw.unit == .conflicts
        }

        /// Higher weight first; between equal weights, the lower person index.
        func ranks(above other: Verdict) -> Bool {
            weight > other.weight || (weight == other.weight && person < other.person)
        }
    }

    /// The two best verdicts offered so far.
    struct TopTwo {
        var first: Verdict?
        var second: Verdict?

        mutating func offer(_ verdict: Verdict) {
            if let current = first, !verdict.ranks(above: current) {
                if second.map({ verdict.ranks(above: $0) }) ?? true { second = verdict }
            } else {
                second = first
                first = verdict
            }
        }
    }

    /// Why nobody fits (statutory profile), gathered over the candidates named in the request.
    struct NotFoundReasons {
        private var named = false
        /// The codes found, as bits (no set to allocate per request).
        private var found: UInt8 = 0
        private static let codes: [ReasonCode] = [
            .addressNotOnFile, .belowThreshold, .birthDateConflict, .tinConflict, .nameMismatch, .unitMismatch,
        ]

        private mutating func insert(_ code: ReasonCode) {
            found |= 1 << UInt8(Self.codes.firstIndex(of: code)!)
        }

        mutating func note(_ verdict: Verdict) {
            guard verdict.nameAgrees else { return }
            named = true
            if !verdict.addressOnFile && !verdict.hasConflict { insert(.addressNotOnFile) }
            if verdict.addressOnFile && !verdict.hasConflict {
                insert(verdict.unitConfirmed ? .belowThreshold : .unitMismatch)
            }
            if verdict.addressOnFile {
                if verdict.birthConflict { insert(.birthDateConflict) }
                if verdict.tinConflict { insert(.tinConflict) }
                if verdict.suffixConflict { insert(.nameMismatch) }
            }
        }

        var codes: [ReasonCode] {
            if !named { return [.nameMismatch] }
            if found == 0 { return [.belowThreshold] }
            return Self.codes.indices.filter { found & (1 << UInt8($0)) != 0 }.map { Self.codes[$0] }.sorted()
        }
    }

    func fits(_ verdict: Verdict, policy: MatchPolicy) -> Bool {
        switch policy.mode {
        case .statutory:
            verdict.nameAgrees && verdict.addressOnFile && !verdict.hasConflict && verdict.unitConfirmed
                && verdict.probability >= policy.threshold
        case .linkage:
            verdict.probability >= policy.threshold
        case .legacyNameTIN:
            verdict.nameAgrees && verdict.tinAgrees
        }
    }

    /// The summed field weights of `raw` (the swap penalty included): the one place a total is made.
    func totalWeight(_ raw: RawComparison) -> Double {
        var total = 0.0
        total += weights.weight(.given, raw.given, frequency: raw.givenFrequency, ceiling: raw.givenCeiling)
        total += weights.weight(.surname, raw.surname, frequency: raw.surnameFrequency, ceiling: raw.surnameCeiling)
        total += weights.weight(.middle, raw.middle)
        total += weights.weight(.suffix, raw.suffix)
        total += weights.weight(.birthDate, raw.birth)
        total += weights.weight(.tin, raw.tin)
        if let parts = raw.parts {
            for part in weights.partWeights(parts) { total += part.weight }
        } else {
            total += weights.weight(.address, raw.address, frequency: raw.addressFrequency)
        }
        if raw.swapped { total -= 2 }
        return total
    }

    /// The full score of one candidate, field by field, for explanations: the verdict the
    /// decision used, with each field's level and weight.
    func score(_ raw: RawComparison, person: Int) -> CandidateScore {
        let verdict = Verdict(raw, person: person, weight: totalWeight(raw), weights: weights)
        var fields: [FieldComparison] = []
        fields.reserveCapacity(12)
        func add(_ field: MatchField, _ level: AgreementLevel, frequency: Double = 0, ceiling: Double = 0) {
            fields.append(
                FieldComparison(field: field, level: level, weight: weights.weight(field, level, frequency: frequency, ceiling: ceiling)))
        }
        add(.given, raw.given, frequency: raw.givenFrequency, ceiling: raw.givenCeiling)
        add(.surname, raw.surname, frequency: raw.surnameFrequency, ceiling: raw.surnameCeiling)
        add(.middle, raw.middle)
        add(.suffix, raw.suffix)
        add(.birthDate, raw.birth)
        add(.tin, raw.tin)
        if let parts = raw.parts {
            for part in weights.partWeights(parts) {
                fields.append(FieldComparison(field: part.field, level: part.level, weight: part.weight))
            }
        } else {
            add(.address, raw.address, frequency: raw.addressFrequency)
        }
        return CandidateScore(
            person: person, weight: verdict.weight, probability: verdict.probability, fields: fields,
            nameAgrees: verdict.nameAgrees, addressOnFile: verdict.addressOnFile,
            birthConflict: verdict.birthConflict, tinConflict: verdict.tinConflict,
            suffixConflict: verdict.suffixConflict, swapped: raw.swapped, unit: raw.unit)
    }
}
