import Foundation

/// The name frequency and ZIP tables `synth` draws from, loaded once from the bundle.
struct ReferenceData: Sendable {
    /// Surnames of the non-Hispanic population, weighted by Census frequency.
    let surnames: WeightedList<String>
    /// Hispanic surnames, weighted by Census frequency.
    let hispanicSurnames: WeightedList<String>
    let maleGiven: WeightedList<String>
    let femaleGiven: WeightedList<String>
    let hispanicMaleGiven: WeightedList<String>
    let hispanicFemaleGiven: WeightedList<String>
    /// Surnames that may also name a street (common, at least four letters, harmless words).
    let streetSurnames: [String]
    /// Every given name the generator knows, so a typo never lands on another real name.
    let knownGivenNames: Set<String>
    let zips: ZipTable

    /// The tables shipped in the bundle.
    static let standard: ReferenceData = {
        do {
            return try ReferenceData(
                surnameRows: loadResource("census-surnames"),
                maleRows: loadResource("census-given-male"),
                femaleRows: loadResource("census-given-female"),
                zipRows: loadResource("zip-places"))
        } catch {
            fatalError("GatehouseSynth resources are missing or unreadable: \(error)")
        }
    }()

    init(surnameRows: [[String]], maleRows: [[String]], femaleRows: [[String]], zipRows: [[String]]) throws {
        func weighted(_ rows: [[String]]) -> [(String, Double)] {
            rows.compactMap { row in
                guard row.count >= 2, let percent = Double(row[1]), percent > 0,
                    ReferenceData.isPlausibleName(row[0])
                else { return nil }
                return (row[0], percent)
            }
        }
        let surnamePairs = weighted(surnameRows)
        let malePairs = weighted(maleRows)
        let femalePairs = weighted(femaleRows)
        let hispanicSet = Set(HispanicNames.surnames)
        let census = Dictionary(surnamePairs, uniquingKeysWith: { first, _ in first })
        let maleCensus = Dictionary(malePairs, uniquingKeysWith: { first, _ in first })
        let femaleCensus = Dictionary(femalePairs, uniquingKeysWith: { first, _ in first })

        surnames = WeightedList(surnamePairs.filter { !hispanicSet.contains($0.0) })
        hispanicSurnames = WeightedList(HispanicNames.surnames.map { ($0, census[$0] ?? 0.002) })
        maleGiven = WeightedList(malePairs)
        femaleGiven = WeightedList(femalePairs)
        hispanicMaleGiven = WeightedList(HispanicNames.maleGiven.map { ($0, maleCensus[$0] ?? 0.01) })
        hispanicFemaleGiven = WeightedList(
            HispanicNames.femaleGiven.map { ($0, femaleCensus[$0] ?? 0.01) })
        let harmless: Set<String> = ["BOX", "POST", "OFFICE", "GENERAL", "DELIVERY", "UNKNOWN", "NONE"]
        streetSurnames = surnamePairs.prefix(4000).map(\.0).filter {
            $0.utf8.count >= 4 && !harmless.contains($0) && !hispanicSet.contains($0)
        }
        knownGivenNames = Set(malePairs.map(\.0) + femalePairs.map(\.0) + HispanicNames.maleGiven + HispanicNames.femaleGiven)
        zips = try ZipTable(rows: zipRows)
    }

    /// A name of two or more letters with nothing a gate would read as a placeholder.
    static func isPlausibleName(_ name: String) -> Bool {
        guard name.utf8.count >= 2 else { return false }
        guard name.utf8.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) else { return false }
        return !["UNKNOWN", "NONE", "FNU", "LNU", "NFN", "NA", "UNK", "TBD"].contains(name)
    }

    /// Rows of a bundled CSV file (header dropped; these files hold no quoted cells).
    static func loadResource(_ name: String) throws -> [[String]] {
        guard let url = Bundle.module.url(forResource: name, withExtension: "csv", subdirectory: "Resources")
        else { throw SynthError(code: .resourceMissing, detail: "\(name).csv") }
        let data = try Data(contentsOf: url)
        return parseSimpleCSV(data)
    }

    /// Splits unquoted CSV bytes into rows of cells, skipping the header and blank lines.
    static func parseSimpleCSV(_ data: Data) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var cell: [UInt8] = []
        var isHeader = true
        func endRow() {
            row.append(String(decoding: cell, as: UTF8.self))
            cell.removeAll(keepingCapacity: true)
            if !isHeader, !(row.count == 1 && row[0].isEmpty) { rows.append(row) }
            isHeader = false
            row.removeAll(keepingCapacity: true)
        }
        for byte in data {
            switch byte {
            case UInt8(ascii: ","):
                row.append(String(decoding: cell, as: UTF8.self))
                cell.removeAll(keepingCapacity: true)
            case UInt8(ascii: "\n"): endRow()
            case UInt8(ascii: "\r"): continue
            default: cell.append(byte)
            }
        }
        if !cell.isEmpty || !row.isEmpty { endRow() }
        return rows
    }
}
