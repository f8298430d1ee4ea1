/// The protected store in the form linkage reads: every person's normalized fields as interned
/// integer columns, term frequencies, and the blocking postings.
///
/// A value type of flat arrays, so it is `Sendable`, shared by every matching task without locks,
/// and can be written to disk and read back as raw columns.
public struct RecordIndex: Sendable {
    public internal(set) var tokens = TokenTable()
    /// External `record_id` of each person, by dense index.
    public internal(set) var recordIDs: [String] = []

    /// Per person: the fields linkage reads, in one row (one cache line), so that comparing a
    /// candidate touches one place in memory rather than a column per field.
    struct PersonRow: Sendable, Equatable {
        var given: UInt32
        var middle: UInt32
        /// The whole surname (tokens joined by one space), interned.
        var surnameKey: UInt32
        var birth: UInt32
        var tin: UInt32
        /// The person's surname tokens in `surnameTokens`.
        var surnameStart: UInt32
        var surnameEnd: UInt32
        /// The person's addresses in `addressRows`.
        var addressStart: UInt32
        var addressEnd: UInt32
        var suffix: UInt8
    }

    /// Per address, grouped by person: each part interned (the ZIP as its number).
    struct AddressRow: Sendable, Equatable {
        var house: UInt32
        var street: UInt32
        var streetSuffix: UInt32
        var directions: UInt32
        var zip: UInt32
        var city: UInt32
        var state: UInt32
        /// The secondary line (unit or property name), interned.
        var unit: UInt32
    }

    var people: [PersonRow] = []
    var surnameTokens: [UInt32] = []
    var addressRows: [AddressRow] = []

    // Term frequencies by token id.
    var givenCount: [UInt32] = []
    var surnameTokenCount: [UInt32] = []
    var surnameKeyCount: [UInt32] = []
    /// People filed under each house number, street name, city and secondary line, by token id
    /// (term frequencies of the address parts linkage weighs one by one).
    var houseCount: [UInt32] = []
    var streetCount: [UInt32] = []
    var cityCount: [UInt32] = []
    var unitCount: [UInt32] = []
    /// Distinct postcodes, ascending, and the people filed under each.
    var zipValues: [UInt32] = []
    var zipCounts: [UInt32] = []

    /// Blocking postings, sorted: key hash in the top 36 bits, person index in the low 28.
    var postings: [UInt64] = []
    /// `directory[k]` is the first posting whose key's top `directoryBits` bits are ≥ k.
    var directory: [UInt32] = []
    /// How many top bits of a key the directory indexes: chosen at build so that a bucket holds
    /// about eight postings (a look-up then reads one or two cache lines).
    var directoryBits: UInt64 = 12
    /// The kinds of blocking keys filed (`IndexKeys`); a lookup may read only these.
    var filedKinds = BlockingKeys.KindSet.all

    static let indexBits: UInt64 = 28
    static let indexMask: UInt64 = (1 << indexBits) - 1
    /// The directory's size bounds, in bits.
    static let directoryBitsRange: ClosedRange<UInt64> = 12...24

    /// The directory size for `postings` postings: about eight per bucket.
    static func directoryBits(forPostings postings: Int) -> UInt64 {
        var bits: UInt64 = 0
        while (1 << bits) * 8 < postings { bits += 1 }
        return min(max(bits, directoryBitsRange.lowerBound), directoryBitsRange.upperBound)
    }

    /// The number of people.
    public var count: Int { recordIDs.count }

    /// Whether the index files every blocking key of `keys` (a linkage lookup needs `.all`).
    public func files(_ keys: IndexKeys) -> Bool { filedKinds.isSuperset(of: keys.kinds) }
    /// The number of addresses over all people.
    public var addressCount: Int { addressRows.count }

    /// Address index range of person `index`.
    @inline(__always)
    func addresses(of index: Int) -> Range<Int> {
        let row = people[index]
        return Int(row.addressStart)..<Int(row.addressEnd)
    }

    @inline(__always)
    func surname(of index: Int) -> ArraySlice<UInt32> {
        let row = people[index]
        return surnameTokens[Int(row.surnameStart)..<Int(row.surnameEnd)]
    }

    /// The postings range filed under `key`.
    /// - Complexity: O(log p) in the number of postings sharing the key's top 20 bits.
    func postingRange(_ key: UInt64) -> Range<Int> {
        let top = key >> RecordIndex.indexBits
        let bucket = Int(key >> (64 - directoryBits))
        var low = Int(directory[bucket])
        var high = Int(directory[bucket + 1])
        // lower bound
        var lo = low
        var hi = high
        while lo < hi {
            let mid = (lo + hi) >> 1
            if postings[mid] >> RecordIndex.indexBits < top { lo = mid + 1 } else { hi = mid }
        }
        low = lo
        hi = high
        while lo < hi {
            let mid = (lo + hi) >> 1
            if postings[mid] >> RecordIndex.indexBits <= top { lo = mid + 1 } else { hi = mid }
        }
        high = lo
        return low..<high
    }

    /// The postings ranges filed under each of `keys`, in order: `postingRange` for many keys
    /// at once. The searches advance in lockstep, so the memory reads of different keys (the
    /// directory, then the buckets, each a likely cache miss in a large index) overlap rather
    /// than wait for one another.
    func postingRanges(_ keys: [UInt64]) -> [Range<Int>] {
        let n = keys.count
        // Bounds on the stack: a request's look-ups allocate only the result.
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * max(n, 1)) { scratch in
            let low = scratch.baseAddress!
            let high = low + n
            let end = high + n
            postingRanges(keys, low: low, high: high, end: end)
            return (0..<n).map { low[$0]..<high[$0] }
        }
    }

    private func postingRanges(
        _ keys: [UInt64], low: UnsafeMutablePointer<Int>, high: UnsafeMutablePointer<Int>, end: UnsafeMutablePointer<Int>
    ) {
        let n = keys.count
        let shift = 64 - directoryBits
        let indexBits = RecordIndex.indexBits
        keys.withUnsafeBufferPointer { keys in
            directory.withUnsafeBufferPointer { directory in
                for i in 0..<n {
                    let bucket = Int(keys[i] >> shift)
                    low[i] = Int(directory[bucket])
                    high[i] = Int(directory[bucket + 1])
                    end[i] = high[i]
                }
            }
            postings.withUnsafeBufferPointer { postings in
                // Lower bounds, in lockstep; `end` keeps each bucket's end for the upper bound.
                var searching = true
                while searching {
                    searching = false
                    for i in 0..<n where low[i] < high[i] {
                        let mid = (low[i] + high[i]) >> 1
                        if postings[mid] >> indexBits < keys[i] >> indexBits { low[i] = mid + 1 } else { high[i] = mid }
                        searching = true
                    }
                }
                // Upper bounds from there: the range is usually a few postings in the same line.
                for i in 0..<n {
                    let top = keys[i] >> indexBits
                    var upper = low[i]
                    while upper < end[i], postings[upper] >> indexBits == top { upper += 1 }
                    high[i] = upper
                }
            }
        }
    }

    /// The person index of a posting.
    @inline(__always)
    func person(atPosting position: Int) -> Int {
        Int(postings[position] & RecordIndex.indexMask)
    }

    /// The number of people filed under `zip` (0 when none).
    /// - Complexity: O(log z) in the number of distinct postcodes.
    func zipCount(_ zip: UInt32) -> UInt32 {
        var low = 0
        var high = zipValues.count
        while low < high {
            let mid = (low + high) >> 1
            if zipValues[mid] < zip { low = mid + 1 } else { high = mid }
        }
        return low < zipValues.count && zipValues[low] == zip ? zipCounts[low] : 0
    }

    /// The number of people filed under the address key of `address` (household size), at least 1.
    func householdSize(_ address: NormalizedAddress) -> Int {
        guard address.hasStreet else { return 1 }
        if address.zip != 0 {
            return max(1, postingRange(BlockingKeys.hash(.addressZip, address.house, address.street, UInt64(address.zip))).count)
        }
        if !address.city.isEmpty {
            return max(1, postingRange(BlockingKeys.hash(.addressCity, address.house, address.street, address.city)).count)
        }
        return 1
    }
}
