/// What the record pass remembers about the store: where each household starts, and which
/// households hold a father and son of one name or live on a tricky street.
///
/// Four bytes per household instead of the people themselves: any person is regenerated from
/// the seed when a request needs them.
struct StoreLayout: Sendable {
    var records = 0
    var householdStarts: [Int32] = []
    var fatherSonHouseholds: [Int32] = []
    var trickyHouseholds: [Int32] = []

    /// The household holding record `index`.
    /// - Complexity: O(log h) in the number of households.
    func household(containing index: Int) -> Int {
        var low = 0
        var high = householdStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if Int(householdStarts[middle]) <= index { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// The people of household `household`, exactly as the record pass wrote them.
    func members(of household: Int, generator: HouseholdGenerator) -> [SynthPerson] {
        let first = Int(householdStarts[household])
        return generator.household(household, firstIndex: first, capacity: records - first)
    }
}

/// Nine-digit TINs assigned by a bijection, so no two people (stored or not) share one.
struct TINSpace: Sendable {
    private let multiplier: UInt64
    private let offset: UInt64
    private static let modulus: UInt64 = 800_000_000

    init(seed: UInt64) {
        var state = seed ^ 0x5449_4E53
        var multiplier = SynthRandom.splitMix(&state) % TINSpace.modulus | 1
        while multiplier % 5 == 0 { multiplier += 2 }
        self.multiplier = multiplier
        offset = SynthRandom.splitMix(&state) % TINSpace.modulus
    }

    /// The TIN of person number `index` (stored people first, then people not in the store).
    func tin(_ index: Int) -> String {
        let value = (multiplier &* UInt64(index) &+ offset) % TINSpace.modulus + 100_000_000
        return DigitText.string(Int(value), width: 9)
    }
}
