/// The states served by each three-digit ZIP prefix, from `zip3-states.csv`.
enum ZipPrefixTable {
    /// Indexed by the prefix 0…999; empty where the prefix is not in use.
    static let states: [[String]] = {
        var table = [[String]](repeating: [], count: 1000)
        for row in BundledTable.rows("zip3-states") {
            guard let prefix = Int(row[0]), prefix >= 0, prefix < 1000 else { continue }
            table[prefix] = row[1].split(separator: " ").map(String.init)
        }
        return table
    }()
}
