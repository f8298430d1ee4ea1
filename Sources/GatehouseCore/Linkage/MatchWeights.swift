import Foundation

/// Fellegi–Sunter weights: for each field and agreement level, m (the chance of that level when
/// request and record are the same person) and u (the chance when they are not).
///
/// u comes from the store itself: the level frequencies over random pairs of people, and for
/// exact names and addresses the value's own frequency (a common surname counts for less than a
/// rare one; a household's shared address for less than a single person's). m are documented
/// priors for data entered by another agency (typos, nicknames and old addresses included).
public struct MatchWeights: Sendable {
    private var m: [MatchField: [AgreementLevel: Double]]
    private var u: [MatchField: [AgreementLevel: Double]]
    /// log2 of the prior odds that a request and one given person match: −log2(people).
    public var log2PriorOdds: Double
    /// The smallest u used, so that no single agreement is taken as certain.
    let floor: Double
    /// m and log2(m/u) by `slot(field, level)`, NaN where the level does not apply to the field:
    /// the scoring loop reads these instead of the nested dictionaries.
    private var mFlat: [Double]
    private var weightFlat: [Double]

    /// The m priors. Each is conditional on the level not being `missing` (both sides supplied
    /// the field), as u is: a subset agreement is only possible for compound surnames, so its m
    /// is taken among the people who have one; a suffix comparison happens only when one side
    /// has a suffix, and requests drop a JR far more often than they add one.
    static let defaultM: [MatchField: [AgreementLevel: Double]] = [
        .given: [.exact: 0.86, .nickname: 0.05, .fuzzy: 0.04, .middleAsGiven: 0.01, .initial: 0.02, .disagree: 0.02],
        .surname: [.exact: 0.70, .subset: 0.20, .fuzzy: 0.08, .disagree: 0.02],
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
        let floor = 0.5 / Double(max(pairs, 1))
        for (field, levels) in defaultM where parts || !field.isAddressPart {
            func count(_ level: AgreementLevel) -> Int {
                (0..<slices).reduce(0) { $0 + counts[$1 * width + field.ordinal * AgreementLevel.caseCount + level.ordinal] }
            }
            let total = Double(max(AgreementLevel.allCases.filter { $0 != .missing }.reduce(0) { $0 + count($1) }, 1))
            var column: [AgreementLevel: Double] = [:]
            for level in levels.keys {
                column[level] = max(Double(count(level)) / total, floor)
            }
            u[field] = column
        }
        return MatchWeights(m: defaultM, u: u, log2PriorOdds: -log2(Double(max(people, 2))), floor: 0.5 / Double(max(people, 2)))
    }

    init(m: [MatchField: [AgreementLevel: Double]], u: [MatchField: [AgreementLevel: Double]], log2PriorOdds: Double, floor: Double) {
        self.m = m
        self.u = u
        self.log2PriorOdds = log2PriorOdds
        self.floor = floor
        let slots = MatchField.allCases.count * AgreementLevel.allCases.count
        mFlat = [Double](repeating: .nan, count: slots)
        weightFlat = [Double](repeating: .nan, count: slots)
        for (field, levels) in m {
            for (level, mValue) in levels where level != .missing {
                guard let uValue = u[field]?[level] else { continue }
                let slot = Self.slot(field, level)
                mFlat[slot] = mValue
                weightFlat[slot] = log2(mValue / uValue)
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

    /// The weight of `level` on `field`; `frequency` (when > 0) replaces u by the value's own share.
    /// - Complexity: O(1), no allocation (flat tables).
    @inline(__always)
    public func weight(_ field: MatchField, _ level: AgreementLevel, frequency: Double = 0) -> Double {
        let slot = Self.slot(field, level)
        let fixed = weightFlat[slot]
        if fixed.isNaN { return 0 }
        if frequency > 0 { return log2(mFlat[slot] / max(frequency, floor)) }
        return fixed
    }

    /// Each address part's level and weight. When other people are filed at the request's
    /// address, the parts' total is held to the weight of agreeing on that whole address (its u
    /// being the share of those others), each part scaled down in proportion: a household shares
    /// every part, so the parts are not independent evidence there.
    func partWeights(_ parts: AddressParts) -> [(field: MatchField, level: AgreementLevel, weight: Double)] {
        var result = parts.weighedLevels.map { (field: $0.0, level: $0.1, weight: weight($0.0, $0.1, frequency: $0.2)) }
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
