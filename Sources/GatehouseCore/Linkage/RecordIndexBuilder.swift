/// Builds a `RecordIndex` from records streamed in any order; rows that share a `record_id`
/// become one person with several addresses.
public struct RecordIndexBuilder {
    private var index = RecordIndex()
    private var positions: [String: UInt32] = [:]
    /// Addresses as they arrive, with their person, grouped at `build()`.
    private var pendingAddresses: [(person: UInt32, address: NormalizedAddress)] = []
    /// Blocking postings as rows arrive (key hash in the top bits, person in the low bits);
    /// sorted and deduplicated at `build()`.
    private var postings: [UInt64] = []
    /// Rows that repeated a record_id with a different name or identifiers.
    public private(set) var conflictingRows = 0

    public init() {}

    /// The number of distinct people added so far.
    public var count: Int { index.recordIDs.count }

    /// Adds one row of the store (one person, one or more addresses).
    public mutating func add(_ record: Record) {
        add(recordID: record.recordID, NormalizedPerson(record: record))
    }

    /// Adds an already normalized person (normalization may run in parallel beforehand).
    public mutating func add(recordID: String, _ person: NormalizedPerson) {
        if let existing = positions[recordID] {
            let e = Int(existing)
            if person.tin != 0 && index.tin[e] != 0 && person.tin != index.tin[e] { conflictingRows += 1 }
            if index.tin[e] == 0 { index.tin[e] = person.tin }
            if index.birth[e] == 0 { index.birth[e] = person.birth }
            for address in person.addresses { pendingAddresses.append((existing, address)) }
            file(person, as: existing)
            return
        }
        let position = UInt32(index.recordIDs.count)
        positions[recordID] = position
        index.recordIDs.append(recordID)
        let name = person.name
        index.given.append(index.tokens.intern(name.given))
        index.middle.append(index.tokens.intern(name.middle.first ?? ""))
        for token in name.surname { index.surnameTokens.append(index.tokens.intern(token)) }
        index.surnameOffsets.append(UInt32(index.surnameTokens.count))
        index.surnameKey.append(index.tokens.intern(name.surname.joined(separator: " ")))
        index.suffix.append(name.suffix.rawValue)
        index.birth.append(person.birth)
        index.tin.append(person.tin)
        for address in person.addresses { pendingAddresses.append((position, address)) }
        file(person, as: position)
    }

    /// Files the row under each of its blocking keys, from the normalized strings at hand.
    private mutating func file(_ person: NormalizedPerson, as position: UInt32) {
        BlockingKeys.forEach(person, swapped: false) { key in
            postings.append((key & ~RecordIndex.indexMask) | UInt64(position))
        }
    }

    /// Groups addresses by person, counts term frequencies and sorts the blocking postings.
    /// - Complexity: O(n log n) in the number of postings.
    public consuming func build() -> RecordIndex {
        var index = self.index
        let people = index.recordIDs.count
        // Group addresses by person (stable: keeps file order within one person).
        var counts = [UInt32](repeating: 0, count: people + 1)
        for (person, _) in pendingAddresses { counts[Int(person) + 1] += 1 }
        for i in 0..<people { counts[i + 1] += counts[i] }
        index.addressOffsets = counts
        var slots = counts
        var order = [Int](repeating: 0, count: pendingAddresses.count)
        for (n, entry) in pendingAddresses.enumerated() {
            order[Int(slots[Int(entry.person)])] = n
            slots[Int(entry.person)] += 1
        }
        var seen = Set<NormalizedAddress>()
        var kept: [UInt32] = [0]
        for person in 0..<people {
            seen.removeAll(keepingCapacity: true)
            for slot in Int(counts[person])..<Int(counts[person + 1]) {
                let address = pendingAddresses[order[slot]].address
                guard seen.insert(address).inserted else { continue }
                index.house.append(index.tokens.intern(address.house))
                index.street.append(index.tokens.intern(address.street))
                index.streetSuffix.append(index.tokens.intern(address.suffix))
                index.directions.append(index.tokens.intern(address.directions))
                index.zip.append(address.zip)
                index.city.append(index.tokens.intern(address.city))
                index.state.append(index.tokens.intern(address.state))
                index.unit.append(index.tokens.intern(address.unit))
            }
            kept.append(UInt32(index.house.count))
        }
        index.addressOffsets = kept
        pendingAddresses = []

        // Term frequencies.
        let tokenCount = index.tokens.count
        index.givenCount = [UInt32](repeating: 0, count: tokenCount)
        index.surnameTokenCount = [UInt32](repeating: 0, count: tokenCount)
        index.surnameKeyCount = [UInt32](repeating: 0, count: tokenCount)
        for person in 0..<people {
            index.givenCount[Int(index.given[person])] += 1
            index.surnameKeyCount[Int(index.surnameKey[person])] += 1
            for token in index.surname(of: person) { index.surnameTokenCount[Int(token)] += 1 }
        }
        index.countAddressParts()

        // Blocking postings: one per key and person.
        var postings = self.postings
        self.postings = []
        postings.sort()
        var unique = 0
        for i in postings.indices where unique == 0 || postings[unique - 1] != postings[i] {
            postings[unique] = postings[i]
            unique += 1
        }
        postings.removeLast(postings.count - unique)
        index.postings = postings
        let buckets = 1 << RecordIndex.directoryBits
        var directory = [UInt32](repeating: 0, count: buckets + 1)
        var position = 0
        for bucket in 0...buckets {
            while position < postings.count, Int(postings[position] >> (64 - RecordIndex.directoryBits)) < bucket {
                position += 1
            }
            directory[bucket] = UInt32(position)
        }
        index.directory = directory
        return index
    }
}

extension RecordIndex {
    /// Person `index` as a `NormalizedPerson` again (for keys and explanations).
    func normalizedPerson(_ person: Int) -> NormalizedPerson {
        var list: [NormalizedAddress] = []
        for a in addresses(of: person) {
            list.append(
                NormalizedAddress(
                    house: tokens.string(house[a]), street: tokens.string(street[a]),
                    suffix: tokens.string(streetSuffix[a]), directions: tokens.string(directions[a]),
                    zip: zip[a], city: tokens.string(city[a]), state: tokens.string(state[a]),
                    unit: tokens.string(unit[a])))
        }
        return NormalizedPerson(
            name: PersonName(
                given: tokens.string(given[person]),
                middle: middle[person] == 0 ? [] : [tokens.string(middle[person])],
                surname: surname(of: person).map { tokens.string($0) },
                suffix: NameSuffix(rawValue: suffix[person]) ?? .none),
            tin: tin[person], tinMalformed: false, birth: birth[person], addresses: list)
    }
}

extension RecordIndex {
    /// Counts, for each address part, the people filed under each value (a person with several
    /// addresses on one street counts once for it).
    mutating func countAddressParts() {
        let tokenCount = tokens.count
        houseCount = [UInt32](repeating: 0, count: tokenCount)
        streetCount = [UInt32](repeating: 0, count: tokenCount)
        cityCount = [UInt32](repeating: 0, count: tokenCount)
        unitCount = [UInt32](repeating: 0, count: tokenCount)
        var zips: [UInt32] = []
        zips.reserveCapacity(addressCount)
        func countOnce(_ column: [UInt32], _ range: Range<Int>, into counts: inout [UInt32]) {
            for a in range where column[a] != 0 {
                let id = column[a]
                var seen = false
                for b in range.lowerBound..<a where column[b] == id { seen = true; break }
                if !seen { counts[Int(id)] += 1 }
            }
        }
        for person in 0..<count {
            let range = addresses(of: person)
            countOnce(house, range, into: &houseCount)
            countOnce(street, range, into: &streetCount)
            countOnce(city, range, into: &cityCount)
            countOnce(unit, range, into: &unitCount)
            for a in range where zip[a] != 0 {
                var seen = false
                for b in range.lowerBound..<a where zip[b] == zip[a] { seen = true; break }
                if !seen { zips.append(zip[a]) }
            }
        }
        zips.sort()
        zipValues = []
        zipCounts = []
        for value in zips {
            if zipValues.last == value { zipCounts[zipCounts.count - 1] += 1 } else {
                zipValues.append(value)
                zipCounts.append(1)
            }
        }
    }
}
