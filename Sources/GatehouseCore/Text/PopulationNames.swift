/// How common given names and surnames are in the population, from the US Census tables
/// shipped in `Resources/` (see its README for sources and licences).
///
/// Linkage weighs an agreeing name by how rare it is. A store of a few dozen people cannot tell
/// how rare DAVID is — one DAVID among 15 people is a share of 7% — so the store's own counts
/// are blended with these population shares (`MatchWeights.populationShare`): a small store
/// leans on the Census, a large one on itself.
public struct PopulationNames: Sendable {
    /// Shares of the population (0…1) by folded name.
    private let given: [String: Double]
    private let surnames: [String: Double]
    /// The share taken for a name the table does not list: the smallest listed share, an upper
    /// bound on how common an unlisted name is (so an unlisted name never weighs more than the
    /// rarest listed one).
    public let unlistedGivenShare: Double
    public let unlistedSurnameShare: Double
    /// The share of people whose given name starts with each letter A…Z.
    private let initials: [Double]

    /// The Census tables shipped with GatehouseCore.
    public static let census = PopulationNames(
        givenRows: BundledTable.rows("census-given-names"), surnameRows: BundledTable.rows("census-surnames"))

    /// Tables of `name,per_100k` rows (folded names).
    init(givenRows: [[Substring]], surnameRows: [[Substring]]) {
        func shares(_ rows: [[Substring]]) -> [String: Double] {
            var table: [String: Double] = [:]
            table.reserveCapacity(rows.count)
            for row in rows {
                guard let per100k = Double(row[1]), per100k > 0 else { continue }
                table[String(row[0]), default: 0] += per100k / 100_000
            }
            return table
        }
        given = shares(givenRows)
        surnames = shares(surnameRows)
        unlistedGivenShare = given.values.min() ?? 1e-5
        unlistedSurnameShare = surnames.values.min() ?? 1e-5
        var initials = [Double](repeating: 0, count: 26)
        for (name, share) in given {
            if let first = name.utf8.first, first >= 0x41, first <= 0x5A { initials[Int(first - 0x41)] += share }
        }
        let total = initials.reduce(0, +)
        self.initials = initials.map { total > 0 ? max($0 / total, 0.001) : 1.0 / 26 }
    }

    /// The share of people whose given name starts with the folded letter `byte` (the chance
    /// that an initial agrees by chance); 1/26 for anything but A…Z.
    public func initialShare(_ byte: UInt8) -> Double {
        byte >= 0x41 && byte <= 0x5A ? initials[Int(byte - 0x41)] : 1.0 / 26
    }

    /// The population share of a folded given name (one token).
    public func givenShare(_ folded: String) -> Double {
        given[folded] ?? unlistedGivenShare
    }

    /// Whether the table lists `folded` as a given name people bear.
    public func listsGiven(_ folded: String) -> Bool { given[folded] != nil }

    /// The population share of a folded surname; for a compound surname ("GARCIA LOPEZ"), the
    /// share of its rarest part — at most as common as that part, never taken as rarer.
    public func surnameShare(_ folded: String) -> Double {
        if let share = surnames[folded] { return share }
        var rarest = Double.infinity
        var parts = 0
        for part in folded.split(separator: " ") {
            parts += 1
            rarest = min(rarest, surnames[String(part)] ?? unlistedSurnameShare)
        }
        return parts > 1 ? rarest : unlistedSurnameShare
    }
}
