/// Active ZIP codes with their city and state, indexed for drawing consistent localities.
struct ZipTable: Sendable {
    /// Five-digit ZIP codes.
    let codes: [String]
    let cities: [String]
    /// Index into `states` for each ZIP.
    let stateOfZip: [UInt8]
    /// Two-letter state and territory codes present in the table.
    let states: [String]
    /// ZIP indices per state index.
    let zipsByState: [[Int32]]
    /// For each three-digit prefix (0...999), the bit set of state indices it serves.
    let prefixStates: [UInt64]
    /// Indices of ZIPs in Wisconsin, where grid house numbers such as `N6W23001` occur.
    let wisconsinState: Int

    /// Builds the table from `zip,city,state` rows, leaving out military and freely associated codes.
    init(rows: [[String]]) throws {
        let excluded: Set<String> = ["AA", "AE", "AP", "FM", "MH", "PW"]
        var codes: [String] = []
        var cities: [String] = []
        var stateOfZip: [UInt8] = []
        var stateIndex: [String: UInt8] = [:]
        var states: [String] = []
        for row in rows where row.count >= 3 {
            let zip = row[0]
            let state = row[2]
            guard zip.utf8.count == 5, zip.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                state.utf8.count == 2, !excluded.contains(state), !row[1].isEmpty
            else { continue }
            let index: UInt8
            if let known = stateIndex[state] {
                index = known
            } else {
                index = UInt8(states.count)
                stateIndex[state] = index
                states.append(state)
            }
            codes.append(zip)
            cities.append(row[1])
            stateOfZip.append(index)
        }
        guard !codes.isEmpty, states.count <= 64 else {
            throw SynthError(code: .resourceMissing, detail: "zip-places.csv has no usable rows")
        }
        var zipsByState = [[Int32]](repeating: [], count: states.count)
        var prefixStates = [UInt64](repeating: 0, count: 1000)
        for (index, code) in codes.enumerated() {
            let state = Int(stateOfZip[index])
            zipsByState[state].append(Int32(index))
            prefixStates[ZipTable.prefix(of: code)] |= 1 << UInt64(state)
        }
        self.codes = codes
        self.cities = cities
        self.stateOfZip = stateOfZip
        self.states = states
        self.zipsByState = zipsByState
        self.prefixStates = prefixStates
        self.wisconsinState = Int(stateIndex["WI"] ?? 255)
    }

    var count: Int { codes.count }

    /// The numeric three-digit prefix of a five-digit ZIP string.
    static func prefix(of zip: String) -> Int {
        var value = 0
        for byte in zip.utf8.prefix(3) { value = value * 10 + Int(byte &- 0x30) }
        return value
    }

    /// Whether `state` (a code) is one the table places under the prefix of `zip`.
    func stateAgrees(zip: String, state: String) -> Bool {
        guard let index = states.firstIndex(of: state) else { return false }
        return prefixStates[ZipTable.prefix(of: zip)] & (1 << UInt64(index)) != 0
    }

    func state(ofZip index: Int) -> String { states[Int(stateOfZip[index])] }
}
