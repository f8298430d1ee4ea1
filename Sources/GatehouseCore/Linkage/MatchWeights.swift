import Foundation

/// Fellegi–Sunter weights: for each field and agreement level, m (the chance of that level when
/// request and record are the same person) and u (the chance when they are not).
///
/// u comes from three places, and `table` says which for each level:
/// - **The value's own share** for exact names and addresses, a given initial and a middle name
///   used as the given name (a common surname counts for less than a rare one; a household's
///   shared address for less than a single person's). Name shares blend the store's own counts
///   with the Census tables (`PopulationNames`, `populationShare`): a store of a few dozen people
///   cannot tell how common DAVID is, so it leans on the population; a store of millions on itself.
/// - **Random pairs of people in the store** for the other levels, blended with documented
///   population priors (`populationU`) in proportion to how many distinct pairs the store has:
///   a store of 15 people has only 105 pairs, too few to estimate a one-in-ten-thousand level.
/// - **The prior alone** for levels random pairs of stored people cannot show (a typo in a given
///   name: the store's own names are written correctly).
///
/// Every field's levels are **monotone** whatever the store: a level never weighs more than a
/// better one (`order`), a non-exact level never more than the exact agreement with the same
/// record's value would, and none less than a disagreement. m are documented priors for data
/// entered by another agency (typos, nicknames and old addresses included).
public struct MatchWeights: Sendable {
    private var m: [MatchField: [AgreementLevel: Double]]
    private var u: [MatchField: [AgreementLevel: Double]]
    /// Where each u came from, for `table`.
    private var sources: [MatchField: [AgreementLevel: USource]]
    /// log2 of the prior odds that a request and one given person match: −log2(people).
    public var log2PriorOdds: Double
    /// The smallest u used, so that no single agreement is taken as certain.
    let floor: Double
    /// The people in the store the weights were estimated from.
    public let people: Int
    /// m and log2(m/u) by `slot(field, level)`, NaN where the level does not apply to the field:
    /// the scoring loop reads these instead of the nested dictionaries. The fixed weights are
    /// already ordered (`order`) and capped (`addressCap`).
    private var mFlat: [Double]
    private var weightFlat: [Double]
    /// m of the exact level and the weight of a disagreement, by field ordinal.
    private var exactM: [Double]
    private var disagreeWeight: [Double]

    /// Where a u-probability came from.
    public enum USource: String, Sendable {
        /// The share of the agreeing value (blended with the Census for names).
        case valueShare = "value share"
        /// Random pairs of people in the store, blended with the population prior.
        case storePairs = "store pairs"
        /// The population prior alone.
        case prior
    }

    /// The m priors. Each is conditional on the level not being `missing` (both sides supplied
    /// the field), as u is: a subset agreement is only possible for compound surnames, so its m
    /// is taken among the people who have one; a suffix comparison happens only when one side
    /// has a suffix, and requests drop a JR far more often than they add one.
    static let defaultM: [MatchField: [AgreementLevel: Double]] = [
        .given: [.exact: 0.83, .nickname: 0.05, .fuzzy: 0.04, .middleAsGiven: 0.04, .initial: 0.02, .disagree: 0.02],
        .surname: [.exact: 0.70, .subset: 0.20, .fuzzy: 0.06, .partial: 0.02, .disagree: 0.02],
        .middle: [.exact: 0.75, .initial: 0.20, .disagree: 0.05],
        .suffix: [.exact: 0.568, .recordOnly: 0.40, .requestOnly: 0.03, .disagree: 0.002],
        .birthDate: [.exact: 0.93, .close: 0.05, .disagree: 0.02],
        .tin: [.exact: 0.97, .disagree: 0.03],
        .address: [.exact: 0.68, .fuzzy: 0.06, .close: 0.02, .sameStreet: 0.04, .locality: 0.10, .disagree: 0.10],
        // The address part by part (linkage profile). Among pairs of one person the whole address
        // disagrees about one time in ten (a move not on file); beyond that each part carries its
        // own typos, and a suburb or property name is mistyped more often than a postcode.
        .houseNumber: [.exact: 0.86, .fuzzy: 0.04, .disagree: 0.10],
        .street: [.exact: 0.80, .fuzzy: 0.10, .disagree: 0.10],
        .unit: [.exact: 0.75, .fuzzy: 0.12, .disagree: 0.13],
        .city: [.exact: 0.78, .fuzzy: 0.10, .disagree: 0.12],
        .postcode: [.exact: 0.80, .fuzzy: 0.08, .disagree: 0.12],
        .state: [.exact: 0.88, .disagree: 0.12],
    ]

    /// Population priors for u: the level frequencies over random pairs of a national store of
    /// 1,000,000 people (`gatehouse synth --seed 5`, names drawn by Census frequency, real ZIP
    /// codes), rounded; where those pairs never showed a level, its definition: a given name one
    /// typo from a name of average share (0.3%), a birth date one digit from another's (about 1 in
    /// 1,000), the same TIN by a keying error (1 in 10 million), the same house and street in a
    /// ZIP one digit away (1 in a million). Values the store's own pairs replace as it grows.
    static let populationU: [MatchField: [AgreementLevel: Double]] = [
        .given: [.exact: 0.0046, .nickname: 0.0017, .middleAsGiven: 0.0022, .fuzzy: 0.003, .initial: 0.06, .disagree: 0.99],
        .surname: [.exact: 0.0008, .subset: 0.0006, .fuzzy: 0.0012, .partial: 0.0004, .disagree: 0.997],
        .middle: [.exact: 0.0076, .initial: 0.029, .disagree: 0.963],
        .suffix: [.exact: 0.0086, .recordOnly: 0.466, .requestOnly: 0.515, .disagree: 0.0105],
        .birthDate: [.exact: 0.00003, .close: 0.001, .disagree: 0.999],
        .tin: [.exact: 0.0000001, .disagree: 0.9999999],
        .address: [.exact: 0.000005, .fuzzy: 0.000025, .close: 0.000001, .sameStreet: 0.00002, .locality: 0.00047, .disagree: 0.9995],
        .houseNumber: [.exact: 0.00066, .fuzzy: 0.018, .disagree: 0.981],
        .street: [.exact: 0.0012, .fuzzy: 0.013, .disagree: 0.986],
        .unit: [.exact: 0.012, .fuzzy: 0.215, .disagree: 0.773],
        .city: [.exact: 0.00064, .fuzzy: 0.00048, .disagree: 0.9989],
        .postcode: [.exact: 0.00008, .fuzzy: 0.0018, .disagree: 0.998],
        .state: [.exact: 0.045, .disagree: 0.955],
    ]

    /// Levels whose u the store's pairs cannot show: the pool of "requests" is the store's own
    /// people, written correctly, so a typo in a given name never occurs among them.
    static let priorOnly: Set<LevelSlot> = [LevelSlot(.given, .fuzzy)]

    /// Levels whose u is the agreeing value's own share at each comparison (the table's u is only
    /// a store-wide average for them).
    static let valueShared: Set<LevelSlot> = [
        LevelSlot(.given, .exact), LevelSlot(.given, .initial), LevelSlot(.given, .middleAsGiven),
        LevelSlot(.surname, .exact), LevelSlot(.surname, .subset), LevelSlot(.surname, .partial), LevelSlot(.address, .exact),
        LevelSlot(.address, .fuzzy), LevelSlot(.houseNumber, .exact), LevelSlot(.street, .exact),
        LevelSlot(.unit, .exact), LevelSlot(.city, .exact), LevelSlot(.postcode, .exact),
    ]

    /// How many random pairs the population prior counts for: a store with far more distinct
    /// pairs than this estimates u itself; one with far fewer takes the prior.
    public static let priorPairs = 2_000.0

    /// The pairs of levels (better, worse) whose weights are kept in order for each field, beyond
    /// "exact ≥ every level ≥ disagree". A given initial and a middle name used as the given name
    /// are not ordered against a typo: they are different kinds of evidence, each below exact.
    static let order: [MatchField: [(AgreementLevel, AgreementLevel)]] = [
        .given: [(.nickname, .fuzzy)],
        .surname: [(.subset, .fuzzy), (.subset, .partial)],
        .suffix: [(.recordOnly, .disagree), (.requestOnly, .disagree)],
        .address: [(.fuzzy, .close), (.fuzzy, .sameStreet), (.close, .locality), (.sameStreet, .locality)],
    ]

    /// The most people one address is taken to hold: the composite address's non-exact levels
    /// weigh no more than an exact agreement on an address of that many people (or of everyone,
    /// in a smaller store). An address key filed under more people than the posting cap is not
    /// read at all.
    public static let largestHousehold = 1_000

    /// Estimates u from `samples` random pairs of people in `index` (seeded, so repeatable).
    ///
    /// The pairs are drawn in `slices` fixed slices, each with its own seeded generator, and the
    /// slices run on every core; the result does not depend on the number of cores.
    /// `parts: false` leaves out the address parts, which only the linkage rule weighs (about a
    /// tenth of the work); such weights do not serve that rule (`weighsAddressParts`).
    /// - Complexity: O(samples · a²) for people of a addresses.
    public static func estimate(
        from index: RecordIndex, samples: Int = 200_000, seed: UInt64 = 0x6A7E_4F55, slices: Int = 16,
        parts: Bool = true
    ) -> MatchWeights {
        let people = index.count
        var generator = SplitMix64(seed: seed)
        let comparer = FieldComparer(index: index)
        let pairs = people < 2 ? 0 : min(samples, max(2_000, people * 50))
        // Requests drawn from a pool of people, each compared with many random others.
        let pool = (0..<min(people, 2_000)).map { _ in Int(generator.next() % UInt64(max(people, 1))) }
        // The distinct pairs there are to draw: a small store repeats the same few.
        let distinctPairs = Double(Set(pool).count) * Double(max(people - 1, 0))
        let effectivePairs = min(Double(pairs), distinctPairs)
        let width = MatchField.allCases.count * AgreementLevel.caseCount
        // counts[slice * width + field.ordinal * levels + level.ordinal]
        var counts = [Int](repeating: 0, count: slices * width)
        // The slices are shared out among one worker per core. Each worker prepares its own copy
        // of the pool: objects shared by the cores would have their reference counts bounced
        // between them on every pair.
        let workers = max(1, min(slices, ProcessInfo.processInfo.activeProcessorCount))
        counts.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let counts = buffer  // each slice writes only its own `width` cells
            DispatchQueue.concurrentPerform(iterations: pairs == 0 ? 0 : workers) { worker in
                let prepared = pool.map { PreparedRequest(index.normalizedPerson($0), index: index, nicknames: .standard) }
                var order: [UInt64] = []
                for slice in stride(from: worker, to: slices, by: workers) {
                    var generator = SplitMix64(seed: seed &+ 0x9E37_79B9 &* UInt64(slice + 1))
                    let base = slice * width
                    // The slice's pairs are drawn first, then compared in the order of the person
                    // drawn: the store is then read front to back rather than at random. The
                    // counts, sums over the pairs, do not depend on the order.
                    order.removeAll(keepingCapacity: true)
                    for n in stride(from: slice, to: pairs, by: slices) {
                        let a = pool[n % pool.count]
                        var b = Int(generator.next() % UInt64(people))
                        if a == b { b = (b + 1) % people }
                        order.append(UInt64(b) << 32 | UInt64(n))
                    }
                    order.sort()
                    for pair in order {
                        let b = Int(pair >> 32)
                        let n = Int(pair & 0xFFFF_FFFF)
                        // The address parts (linkage profile only) are compared on every fourth pair.
                        let raw = comparer.compare(prepared[n % pool.count], person: b, parts: parts && n % 4 == 0)
                        raw.forEachLevel { field, level in
                            if level != .missing { counts[base + field.ordinal * AgreementLevel.caseCount + level.ordinal] += 1 }
                        }
                    }
                }
            }
        }
        var u: [MatchField: [AgreementLevel: Double]] = [:]
        var sources: [MatchField: [AgreementLevel: USource]] = [:]
        let floor = Self.floor(people: people)
        for (field, levels) in defaultM where parts || !field.isAddressPart {
            func count(_ level: AgreementLevel) -> Int {
                (0..<slices).reduce(0) { $0 + counts[$1 * width + field.ordinal * AgreementLevel.caseCount + level.ordinal] }
            }
            let compared = AgreementLevel.allCases.filter { $0 != .missing }.reduce(0) { $0 + count($1) }
            // The field's share of the distinct pairs (a field many records leave empty is compared
            // on fewer of them).
            let effective = compared == 0 ? 0 : effectivePairs * Double(compared) / Double(max(pairs, 1))
            var column: [AgreementLevel: Double] = [:]
            var sourceColumn: [AgreementLevel: USource] = [:]
            for level in levels.keys {
                let prior = populationU[field]![level]!
                let slot = LevelSlot(field, level)
                if priorOnly.contains(slot) {
                    column[level] = prior
                    sourceColumn[level] = .prior
                } else {
                    let observed = compared == 0 ? 0 : Double(count(level)) / Double(compared)
                    column[level] = max((observed * effective + prior * priorPairs) / (effective + priorPairs), floor)
                    sourceColumn[level] = valueShared.contains(slot) ? .valueShare : .storePairs
                }
            }
            u[field] = column
            sources[field] = sourceColumn
        }
        return MatchWeights(
            m: defaultM, u: u, sources: sources, log2PriorOdds: -log2(Double(max(people, 2))), floor: floor,
            people: people)
    }

    /// The smallest u: one in twice the store's people, and never more than one in twenty million
    /// (a small store does not make a TIN agreement a coin's worth of evidence).
    static func floor(people: Int) -> Double { 0.5 / Double(max(people, 10_000_000)) }

    init(
        m: [MatchField: [AgreementLevel: Double]], u: [MatchField: [AgreementLevel: Double]],
        sources: [MatchField: [AgreementLevel: USource]] = [:], log2PriorOdds: Double, floor: Double, people: Int
    ) {
        self.m = m
        self.u = u
        self.sources = sources
        self.log2PriorOdds = log2PriorOdds
        self.floor = floor
        self.people = people
        let slots = MatchField.allCases.count * AgreementLevel.allCases.count
        mFlat = [Double](repeating: .nan, count: slots)
        weightFlat = [Double](repeating: .nan, count: slots)
        exactM = [Double](repeating: .nan, count: MatchField.allCases.count)
        disagreeWeight = [Double](repeating: -.infinity, count: MatchField.allCases.count)
        for (field, levels) in m {
            for (level, mValue) in levels where level != .missing {
                guard let uValue = u[field]?[level] else { continue }
                let slot = Self.slot(field, level)
                mFlat[slot] = mValue
                weightFlat[slot] = log2(mValue / uValue)
            }
            exactM[field.ordinal] = levels[.exact] ?? .nan
        }
        // The composite address's non-exact levels: no more than an exact agreement on the most
        // populous address the store can hold.
        let household = Double(min(max(people, 1), Self.largestHousehold))
        let addressCap = log2(m[.address]![.exact]! * Double(max(people, 1)) / household)
        for level in [AgreementLevel.fuzzy, .close, .sameStreet, .locality] {
            let slot = Self.slot(.address, level)
            if !weightFlat[slot].isNaN { weightFlat[slot] = min(weightFlat[slot], addressCap) }
        }
        // Order: every level at most exact (its table weight) and the named pairs; at least a
        // disagreement. Chains are short: two passes settle them.
        for field in MatchField.allCases {
            let exact = weightFlat[Self.slot(field, .exact)]
            guard !exact.isNaN, !weightFlat[Self.slot(field, .disagree)].isNaN else { continue }
            for _ in 0..<2 {
                for level in AgreementLevel.allCases where level != .exact && level != .missing {
                    let slot = Self.slot(field, level)
                    guard !weightFlat[slot].isNaN, !Self.valueShared.contains(LevelSlot(field, level)) else { continue }
                    weightFlat[slot] = min(weightFlat[slot], exact)
                }
                for (better, worse) in Self.order[field] ?? [] {
                    let b = Self.slot(field, better)
                    let w = Self.slot(field, worse)
                    if !weightFlat[b].isNaN, !weightFlat[w].isNaN { weightFlat[w] = min(weightFlat[w], weightFlat[b]) }
                }
            }
            let disagree = weightFlat[Self.slot(field, .disagree)]
            disagreeWeight[field.ordinal] = disagree
            for level in AgreementLevel.allCases where level != .disagree && level != .missing {
                let slot = Self.slot(field, level)
                if !weightFlat[slot].isNaN { weightFlat[slot] = max(weightFlat[slot], disagree) }
            }
        }
    }

    @inline(__always)
    private static func slot(_ field: MatchField, _ level: AgreementLevel) -> Int {
        field.ordinal * AgreementLevel.caseCount + level.ordinal
    }

    /// Whether the address parts are weighed (estimated with `parts`): the linkage rule needs them.
    public var weighsAddressParts: Bool { u[.houseNumber] != nil }

    var mTable: [MatchField: [AgreementLevel: Double]] { m }
    var uTable: [MatchField: [AgreementLevel: Double]] { u }
    var sourceTable: [MatchField: [AgreementLevel: USource]] { sources }

    /// The weight of `level` on `field`.
    ///
    /// - Parameters:
    ///   - frequency: when > 0, the agreeing value's own share, which replaces u.
    ///   - ceiling: when > 0, the share the *exact* level would have for the record's value: the
    ///     weight is held to the weight of that exact agreement (a nickname of DAVID never weighs
    ///     more than DAVID itself).
    /// Every level but a disagreement weighs at least a disagreement.
    /// - Complexity: O(1), no allocation (flat tables).
    @inline(__always)
    public func weight(_ field: MatchField, _ level: AgreementLevel, frequency: Double = 0, ceiling: Double = 0) -> Double {
        let slot = Self.slot(field, level)
        let fixed = weightFlat[slot]
        if fixed.isNaN { return 0 }
        if level == .disagree { return fixed }
        var weight = frequency > 0 ? log2(mFlat[slot] / max(frequency, floor)) : fixed
        if ceiling > 0, level != .exact {
            weight = min(weight, log2(exactM[field.ordinal] / max(ceiling, floor)))
        }
        return max(weight, disagreeWeight[field.ordinal])
    }

    /// A store's count of a name blended with its population share: (count + s·share) / (people
    /// + s), s = `populationStrength`. Small stores lean on the population, large ones on their
    /// own counts.
    @inline(__always)
    public static func populationShare(count: Int, people: Int, population share: Double) -> Double {
        (Double(count) + populationStrength * share) / (Double(people) + populationStrength)
    }

    /// How many people the population's shares count for beside a store's own.
    public static let populationStrength = 10_000.0

    /// Each address part's level and weight. When other people are filed at the request's
    /// address, the parts' total is held to the weight of agreeing on that whole address (its u
    /// being the share of those others), each part scaled down in proportion: a household shares
    /// every part, so the parts are not independent evidence there.
    func partWeights(_ parts: AddressParts) -> [(field: MatchField, level: AgreementLevel, weight: Double)] {
        var result = parts.weighedLevels.map {
            (field: $0.0, level: $0.1, weight: weight($0.0, $0.1, frequency: $0.2, ceiling: $0.3))
        }
        guard parts.othersAtAddress > 0 else { return result }
        let total = result.reduce(0) { $0 + $1.weight }
        let cap = weight(.address, .exact, frequency: parts.othersAtAddress)
        guard total > cap, total > 0 else { return result }
        let positive = result.reduce(0) { $0 + max($1.weight, 0) }
        let excess = total - cap
        for n in result.indices where result[n].weight > 0 {
            result[n].weight -= excess * result[n].weight / positive
        }
        return result
    }

    /// m and u of one level, for documentation and tests.
    public func probabilities(_ field: MatchField, _ level: AgreementLevel) -> (m: Double, u: Double)? {
        guard let mValue = m[field]?[level], let uValue = u[field]?[level] else { return nil }
        return (mValue, uValue)
    }

    /// The posterior probability for a total weight.
    public func probability(weight: Double) -> Double {
        1 / (1 + exp2(-(weight + log2PriorOdds)))
    }
}

/// A field and one of its levels, as a set element.
struct LevelSlot: Hashable, Sendable {
    var field: MatchField
    var level: AgreementLevel
    init(_ field: MatchField, _ level: AgreementLevel) {
        self.field = field
        self.level = level
    }
}

extension RawComparison {
    /// Calls `body` with each field's level (the composite address, then the parts if compared),
    /// without building an array.
    func forEachLevel(_ body: (MatchField, AgreementLevel) -> Void) {
        body(.given, given)
        body(.surname, surname)
        body(.middle, middle)
        body(.suffix, suffix)
        body(.birthDate, birth)
        body(.tin, tin)
        body(.address, address)
        if let parts {
            body(.houseNumber, parts.house)
            body(.street, parts.street)
            body(.unit, parts.unit)
            body(.city, parts.city)
            body(.postcode, parts.postcode)
            body(.state, parts.state)
        }
    }
}

/// A small seeded generator (SplitMix64) so sampling is repeatable.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
