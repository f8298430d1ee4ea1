import Foundation

/// Which blocking keys an index files.
public enum IndexKeys: Sendable {
    /// Every key: the index serves every profile (a workspace's index).
    case all
    /// The keys the statutory and legacy rules read: an index for one statutory batch (`match`),
    /// about half the postings of `all`. The linkage profile cannot use it.
    case statutory

    /// The keys the rule of `mode` reads.
    public static func needed(by mode: MatchPolicy.Mode) -> IndexKeys {
        mode == .linkage ? .all : .statutory
    }

    /// The keys that serve every one of `modes` (`.statutory` when none is given).
    public static func needed(by modes: some Sequence<MatchPolicy.Mode>) -> IndexKeys {
        modes.contains { needed(by: $0) == .all } ? .all : .statutory
    }

    var kinds: BlockingKeys.KindSet {
        switch self {
        case .all: .all
        case .statutory: BlockingKeys.KindSet.statutory.union(.statutoryNames)
        }
    }
}

/// A record normalized with its blocking keys, ready for `RecordIndexBuilder.add` — the part
/// of indexing that can run on every core before the builder, which is sequential, sees it.
public struct PreparedRecord: Sendable {
    public var recordID: String
    public var person: NormalizedPerson
    /// The row's blocking keys (hashes; the builder adds the person's position).
    var keys: [UInt64]

    /// Normalizes `record` and computes its keys of `kinds`.
    public init(_ record: Record, keys kinds: IndexKeys = .all) {
        self.init(recordID: record.recordID, person: NormalizedPerson(record: record), keys: kinds)
    }

    public init(recordID: String, person: NormalizedPerson, keys kinds: IndexKeys = .all) {
        self.recordID = recordID
        self.person = person
        var keys: [UInt64] = []
        keys.reserveCapacity(8 + 16 * person.addresses.count)
        BlockingKeys.forEach(person, swapped: false, kinds: kinds.kinds) { keys.append($0 & ~RecordIndex.indexMask) }
        self.keys = keys
    }
}

/// Builds a `RecordIndex` from records streamed in any order; rows that share a `record_id`
/// become one person with several addresses.
public struct RecordIndexBuilder {
    private var index = RecordIndex()
    /// The person of each record id.
    private var people = RecordIDPositions()
    /// The person of an empty record id, if one was added.
    private var emptyIDPosition: UInt32?
    private let keys: IndexKeys
    /// Addresses as they arrive, interned: `addressWidth` ids per address (house, street, suffix,
    /// directions, zip, city, state, unit), with their person; grouped at `build()`.
    private var pendingAddresses: [UInt32] = []
    private var pendingOwners: [UInt32] = []
    private static let addressWidth = 8
    /// Blocking postings as rows arrive (key hash in the top bits, person in the low bits);
    /// sorted and deduplicated at `build()`.
    private var postings: [UInt64] = []
    /// Rows that repeated a record_id with a different name or identifiers.
    public private(set) var conflictingRows = 0

    /// A builder filing the blocking keys of `keys`; rows added as `PreparedRecord` must have
    /// been prepared with the same.
    public init(keys: IndexKeys = .all) {
        self.keys = keys
        index.filedKinds = keys.kinds
    }

    /// Reserves room for about `rows` more rows (one address each), so that the builder's arrays
    /// do not grow, and copy themselves, as the rows arrive. Memory reserved but never written
    /// costs only address space.
    public mutating func reserveCapacity(rows: Int) {
        let keysPerRow = keys == .all ? 16 : 8
        postings.reserveCapacity(postings.count + rows * keysPerRow)
        pendingAddresses.reserveCapacity(pendingAddresses.count + rows * Self.addressWidth)
        pendingOwners.reserveCapacity(pendingOwners.count + rows)
        index.people.reserveCapacity(index.people.count + rows)
        index.recordIDs.reserveCapacity(index.recordIDs.count + rows)
    }

    /// The number of distinct people added so far.
    public var count: Int { index.recordIDs.count }

    /// Adds one row of the store (one person, one or more addresses).
    public mutating func add(_ record: Record) {
        add(PreparedRecord(record, keys: keys))
    }

    /// Adds an already normalized person (normalization may run in parallel beforehand).
    public mutating func add(recordID: String, _ person: NormalizedPerson) {
        add(PreparedRecord(recordID: recordID, person: person, keys: keys))
    }

    /// Adds a prepared row (normalized and keyed, possibly on another core): a chunk of one row.
    /// - Complexity: O(tokens + keys of the row), amortized.
    public mutating func add(_ record: PreparedRecord) {
        var chunk = PreparedChunk(keys: keys)
        chunk.append(record)
        add(chunk)
    }

    /// Adds the rows of a prepared chunk, in order: the same index whichever way the rows are cut
    /// into chunks. Within a chunk, a row of the same person as the row before it, or an address
    /// equal to the one before it, is filed without a look-up.
    /// - Complexity: O(bytes + keys of the chunk), amortized.
    public mutating func add(_ chunk: PreparedChunk) {
        precondition(chunk.rows.isEmpty || chunk.kinds == keys.kinds, "a chunk is keyed as its builder")
        let ends = chunk.ends
        chunk.bytes.withUnsafeBufferPointer { bytes in
            @inline(__always) func span(_ k: Int) -> UnsafeBufferPointer<UInt8> {
                UnsafeBufferPointer(rebasing: bytes[(k == 0 ? 0 : Int(ends[k - 1]))..<Int(ends[k])])
            }
            @inline(__always) func same(_ a: Int, _ b: Int) -> Bool {
                let x = span(a)
                let y = span(b)
                return x.count == y.count && (x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0)
            }
            var previousRow: Int?
            var previousPosition: UInt32 = 0
            var previousAddress: (string: Int, zip: UInt32)?
            var address = 0
            var key = 0
            for (n, row) in chunk.rows.enumerated() {
                let first = Int(row.firstString)
                let recordID = span(first)
                var existing: UInt32?
                if recordID.isEmpty {
                    existing = emptyIDPosition
                    if existing == nil { emptyIDPosition = UInt32(count) }
                } else if let previousRow, same(first, Int(chunk.rows[previousRow].firstString)) {
                    existing = previousPosition
                } else {
                    existing = people.position(of: recordID, filingAs: UInt32(count), ids: index.recordIDs)
                }
                let position: UInt32
                let surnames = Int(row.surnameCount)
                if let existing {
                    position = existing
                    let e = Int(existing)
                    let known = index.people[e]
                    if row.tin != 0 && known.tin != 0 && row.tin != known.tin { conflictingRows += 1 }
                    if known.tin == 0 { index.people[e].tin = row.tin }
                    if known.birth == 0 { index.people[e].birth = row.birth }
                } else {
                    position = UInt32(index.recordIDs.count)
                    index.recordIDs.append(String(decoding: recordID, as: UTF8.self))
                    let given = index.tokens.intern(bytes: span(first + 1))
                    let middle = index.tokens.intern(bytes: span(first + 2))
                    let surnameStart = UInt32(index.surnameTokens.count)
                    for k in 0..<surnames { index.surnameTokens.append(index.tokens.intern(bytes: span(first + 3 + k))) }
                    let surnameKey = index.tokens.intern(bytes: span(first + 3 + surnames))
                    index.people.append(
                        RecordIndex.PersonRow(
                            given: given, middle: middle, surnameKey: surnameKey, birth: row.birth, tin: row.tin,
                            surnameStart: surnameStart, surnameEnd: UInt32(index.surnameTokens.count),
                            addressStart: 0, addressEnd: 0, suffix: row.suffix))
                }
                if !recordID.isEmpty {
                    previousRow = n
                    previousPosition = position
                }
                var string = first + 4 + surnames
                for _ in 0..<Int(row.addressCount) {
                    let zip = chunk.zips[address]
                    pendingOwners.append(position)
                    if let previous = previousAddress, previous.zip == zip,
                        (0..<PreparedChunk.addressStrings).allSatisfy({ same(previous.string + $0, string + $0) })
                    {
                        let start = pendingAddresses.count - Self.addressWidth
                        for k in 0..<Self.addressWidth { pendingAddresses.append(pendingAddresses[start + k]) }
                    } else {
                        pendingAddresses.append(index.tokens.intern(bytes: span(string)))
                        pendingAddresses.append(index.tokens.intern(bytes: span(string + 1)))
                        pendingAddresses.append(index.tokens.intern(bytes: span(string + 2)))
                        pendingAddresses.append(index.tokens.intern(bytes: span(string + 3)))
                        pendingAddresses.append(zip)
                        pendingAddresses.append(index.tokens.intern(bytes: span(string + 4)))
                        pendingAddresses.append(index.tokens.intern(bytes: span(string + 5)))
                        pendingAddresses.append(index.tokens.intern(bytes: span(string + 6)))
                    }
                    previousAddress = (string, zip)
                    string += PreparedChunk.addressStrings
                    address += 1
                }
                while key < Int(row.keysEnd) {
                    postings.append(chunk.keys[key] | UInt64(position))
                    key += 1
                }
            }
        }
    }

    /// Groups addresses by person, counts term frequencies and sorts the blocking postings.
    /// - Complexity: O(n) in the number of postings (a bucket sort on the key's top bits, the
    ///   buckets sorted on every core).
    public consuming func build() -> RecordIndex {
        var index = self.index
        let people = index.recordIDs.count
        let width = Self.addressWidth
        // The postings are sorted on other threads while this one groups the addresses and counts
        // term frequencies (the two touch nothing in common).
        let sorting = DispatchGroup()
        let sorted = SortedPostings()
        let bits = RecordIndex.directoryBits(forPostings: postings.count)
        nonisolated(unsafe) var postings = self.postings  // handed to the sort; this thread never reads it
        self.postings = []
        DispatchQueue.global().async(group: sorting) {
            sorted.value = Self.sortPostings(&postings, directoryBits: bits)
        }
        // Group addresses by person (stable: keeps file order within one person), dropping repeats.
        var counts = [UInt32](repeating: 0, count: people + 1)
        for owner in pendingOwners { counts[Int(owner) + 1] += 1 }
        for i in 0..<people { counts[i + 1] += counts[i] }
        var slots = counts
        var order = [UInt32](repeating: 0, count: pendingOwners.count)
        for (n, owner) in pendingOwners.enumerated() {
            order[Int(slots[Int(owner)])] = UInt32(n)
            slots[Int(owner)] += 1
        }
        slots = []
        pendingOwners = []
        let pending = pendingAddresses
        pendingAddresses = []
        var rows: [RecordIndex.AddressRow] = []
        rows.reserveCapacity(order.count)
        for person in 0..<people {
            let first = rows.count
            for slot in Int(counts[person])..<Int(counts[person + 1]) {
                let base = Int(order[slot]) * width
                let row = RecordIndex.AddressRow(
                    house: pending[base], street: pending[base + 1], streetSuffix: pending[base + 2],
                    directions: pending[base + 3], zip: pending[base + 4], city: pending[base + 5],
                    state: pending[base + 6], unit: pending[base + 7])
                guard !rows[first...].contains(row) else { continue }
                rows.append(row)
            }
            index.people[person].addressStart = UInt32(first)
            index.people[person].addressEnd = UInt32(rows.count)
        }
        index.addressRows = rows

        // Term frequencies.
        let tokenCount = index.tokens.count
        index.givenCount = [UInt32](repeating: 0, count: tokenCount)
        index.surnameTokenCount = [UInt32](repeating: 0, count: tokenCount)
        index.surnameKeyCount = [UInt32](repeating: 0, count: tokenCount)
        for person in 0..<people {
            index.givenCount[Int(index.people[person].given)] += 1
            index.surnameKeyCount[Int(index.people[person].surnameKey)] += 1
            for token in index.surname(of: person) { index.surnameTokenCount[Int(token)] += 1 }
        }
        index.countAddressParts()

        // Blocking postings: one per key and person.
        sorting.wait()
        index.directoryBits = bits
        (index.postings, index.directory) = sorted.value
        return index
    }

    /// The sorted postings and their directory, handed from the sorting thread to `build()`
    /// (written once before the group is left, read once after it is waited for).
    private final class SortedPostings: @unchecked Sendable {
        var value: (postings: [UInt64], directory: [UInt32]) = ([], [])
    }

    /// Sorts and deduplicates postings and computes their directory, on every core: the
    /// postings are cut into parts, each counted and scattered on the top bits of the key (a
    /// coarse bucket, hashes spread evenly over them); then each coarse bucket, on its own core,
    /// is scattered on the rest of the directory bits, each directory bucket sorted and its
    /// repeats dropped; last, the coarse buckets are closed up and the directory filled in.
    /// - Complexity: O(n) expected for n postings.
    /// `postings` is emptied once scattered, so its memory is free while the buckets are sorted.
    static func sortPostings(_ postings: inout [UInt64], directoryBits: UInt64) -> (postings: [UInt64], directory: [UInt32]) {
        let bits = Int(directoryBits)
        let buckets = 1 << bits
        let coarseBits = min(8, bits)
        let coarseCount = 1 << coarseBits
        let coarseShift = UInt64(64 - coarseBits)
        let fineBits = bits - coarseBits
        let fineCount = 1 << fineBits
        let fineShift = UInt64(64 - bits)
        let n = postings.count
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let parts = max(1, min(cores, n / 65_536))
        @Sendable func part(_ p: Int) -> Range<Int> { (n * p / parts)..<(n * (p + 1) / parts) }

        // 1. Each part's postings counted per coarse bucket; 2. scattered to their places.
        var starts = [Int](repeating: 0, count: parts * coarseCount)
        postings.withUnsafeBufferPointer { source in
            nonisolated(unsafe) let source = source
            starts.withUnsafeMutableBufferPointer { counts in
                nonisolated(unsafe) let counts = counts  // each part writes its own row
                DispatchQueue.concurrentPerform(iterations: parts) { p in
                    for i in part(p) { counts[p * coarseCount + Int(source[i] >> coarseShift)] += 1 }
                }
            }
        }
        var coarseBounds = [Int](repeating: 0, count: coarseCount + 1)
        var total = 0
        for c in 0..<coarseCount {
            coarseBounds[c] = total
            for p in 0..<parts {
                let count = starts[p * coarseCount + c]
                starts[p * coarseCount + c] = total
                total += count
            }
        }
        coarseBounds[coarseCount] = total
        let coarseStarts = coarseBounds
        var scattered = [UInt64](unsafeUninitializedCapacity: n) { buffer, initialized in
            nonisolated(unsafe) let buffer = buffer  // each part writes its own places
            postings.withUnsafeBufferPointer { source in
                nonisolated(unsafe) let source = source
                starts.withUnsafeBufferPointer { starts in
                    nonisolated(unsafe) let starts = starts
                    DispatchQueue.concurrentPerform(iterations: parts) { p in
                        var next = Array(starts[(p * coarseCount)..<((p + 1) * coarseCount)])
                        for i in part(p) {
                            let c = Int(source[i] >> coarseShift)
                            buffer[next[c]] = source[i]
                            next[c] += 1
                        }
                    }
                }
            }
            initialized = n
        }
        postings = []

        // 3. Each coarse bucket: by directory bucket, sorted, repeats dropped; the directory
        // buckets' sizes kept (in `directory`, shifted by one) and the bucket's new length.
        var directory = [UInt32](repeating: 0, count: buckets + 1)
        var lengths = [Int](repeating: 0, count: coarseCount)
        let tasks = min(coarseCount, max(1, cores * 4))
        scattered.withUnsafeMutableBufferPointer { all in
            nonisolated(unsafe) let all = all  // each coarse bucket is one task's
            directory.withUnsafeMutableBufferPointer { directory in
                nonisolated(unsafe) let directory = directory  // each coarse bucket's directory range is its own
                lengths.withUnsafeMutableBufferPointer { lengths in
                    nonisolated(unsafe) let lengths = lengths
                    DispatchQueue.concurrentPerform(iterations: tasks) { task in
                        var scratch: [UInt64] = []
                        var fineStarts = [Int](repeating: 0, count: fineCount + 1)
                        for c in stride(from: task, to: coarseCount, by: tasks) {
                            let start = coarseStarts[c]
                            let count = coarseStarts[c + 1] - start
                            guard count > 0 else { continue }
                            let segment = UnsafeMutableBufferPointer(rebasing: all[start..<(start + count)])
                            // By directory bucket within the coarse one.
                            for f in 0...fineCount { fineStarts[f] = 0 }
                            let fineMask = fineCount - 1
                            for posting in segment { fineStarts[Int(posting >> fineShift) & fineMask + 1] += 1 }
                            for f in 0..<fineCount { fineStarts[f + 1] += fineStarts[f] }
                            scratch.removeAll(keepingCapacity: true)
                            scratch.append(contentsOf: repeatElement(0, count: count))
                            var next = fineStarts
                            for posting in segment {
                                let f = Int(posting >> fineShift) & fineMask
                                scratch[next[f]] = posting
                                next[f] += 1
                            }
                            // Each directory bucket sorted and its repeats dropped, written back.
                            var written = 0
                            scratch.withUnsafeMutableBufferPointer { scratch in
                                for f in 0..<fineCount {
                                    let range = fineStarts[f]..<fineStarts[f + 1]
                                    var bucket = UnsafeMutableBufferPointer(rebasing: scratch[range])
                                    if bucket.count > 1 { bucket.sort() }
                                    var kept = 0
                                    for posting in bucket where kept == 0 || segment[written - 1] != posting {
                                        segment[written] = posting
                                        written += 1
                                        kept += 1
                                    }
                                    directory[c * fineCount + f + 1] = UInt32(kept)
                                }
                            }
                            lengths[c] = written
                        }
                    }
                }
            }
        }

        // 4. The coarse buckets closed up, in order, and the directory's sizes summed into starts.
        var end = 0
        scattered.withUnsafeMutableBufferPointer { all in
            for c in 0..<coarseCount where lengths[c] > 0 {
                let start = coarseStarts[c]
                if start != end {
                    (all.baseAddress! + end).update(from: all.baseAddress! + start, count: lengths[c])
                }
                end += lengths[c]
            }
        }
        scattered.removeLast(scattered.count - end)
        for bucket in 0..<buckets { directory[bucket + 1] += directory[bucket] }
        return (scattered, directory)
    }
}

extension RecordIndex {
    /// Person `index` as a `NormalizedPerson` again (for keys and explanations).
    func normalizedPerson(_ person: Int) -> NormalizedPerson {
        var list: [NormalizedAddress] = []
        for a in addresses(of: person) {
            let row = addressRows[a]
            list.append(
                NormalizedAddress(
                    house: tokens.string(row.house), street: tokens.string(row.street),
                    suffix: tokens.string(row.streetSuffix), directions: tokens.string(row.directions),
                    zip: row.zip, city: tokens.string(row.city), state: tokens.string(row.state),
                    unit: tokens.string(row.unit)))
        }
        let row = people[person]
        return NormalizedPerson(
            name: PersonName(
                given: tokens.string(row.given),
                middle: row.middle == 0 ? [] : [tokens.string(row.middle)],
                surname: surname(of: person).map { tokens.string($0) },
                suffix: NameSuffix(rawValue: row.suffix) ?? .none),
            tin: row.tin, tinMalformed: false, birth: row.birth, addresses: list)
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
        func countOnce(_ part: (AddressRow) -> UInt32, _ range: Range<Int>, into counts: inout [UInt32]) {
            for a in range where part(addressRows[a]) != 0 {
                let id = part(addressRows[a])
                var seen = false
                for b in range.lowerBound..<a where part(addressRows[b]) == id { seen = true; break }
                if !seen { counts[Int(id)] += 1 }
            }
        }
        for person in 0..<count {
            let range = addresses(of: person)
            countOnce({ $0.house }, range, into: &houseCount)
            countOnce({ $0.street }, range, into: &streetCount)
            countOnce({ $0.city }, range, into: &cityCount)
            countOnce({ $0.unit }, range, into: &unitCount)
            for a in range where addressRows[a].zip != 0 {
                var seen = false
                for b in range.lowerBound..<a where addressRows[b].zip == addressRows[a].zip { seen = true; break }
                if !seen { zips.append(addressRows[a].zip) }
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

/// The person of each record id a builder has seen.
///
/// While the ids arrive in ascending byte order (a store exported by its key), an id greater than
/// the last is new without a look-up, and a repeated one is found by binary search over the ids so
/// far: no table is kept. The first new id out of order files every id so far into a hash table,
/// which serves from then on. Either way ids are compared byte for byte.
struct RecordIDPositions {
    /// The people of the ids so far, in ascending order of id; nil once an id came out of order.
    private var ascending: [UInt32]? = []
    /// The greatest id so far, while `ascending` is kept.
    private var last: [UInt8] = []
    /// Ids interned in order of first appearance (once out of order), and the person of each.
    private var table = TokenTable()
    private var positionOfID: [UInt32] = [0]

    /// The person already filed under the non-empty `id`; nil when `id` is new, which is then
    /// filed as person `next`. `ids` are the ids of the people so far, by person.
    mutating func position(of id: UnsafeBufferPointer<UInt8>, filingAs next: UInt32, ids: [String]) -> UInt32? {
        if ascending != nil {
            if ascending!.isEmpty || Self.compare(id, last) > 0 {
                ascending!.append(next)
                last.removeAll(keepingCapacity: true)
                last.append(contentsOf: id)
                return nil
            }
            if let found = search(id, ids: ids) { return found }
            // The first id out of order: from now on, the table.
            for position in ascending! {
                Self.withBytes(ids[Int(position)]) { _ = table.intern(bytes: $0) }
                positionOfID.append(position)
            }
            ascending = nil
            last = []
        }
        let interned = Int(table.intern(bytes: id))
        if interned < positionOfID.count { return positionOfID[interned] }
        positionOfID.append(next)
        return nil
    }

    /// The person of `id` among the ascending ids, by binary search.
    private func search(_ id: UnsafeBufferPointer<UInt8>, ids: [String]) -> UInt32? {
        guard let sorted = ascending else { return nil }
        var low = 0
        var high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            let order = Self.withBytes(ids[Int(sorted[mid])]) { Self.compare(id, $0) }
            if order == 0 { return sorted[mid] }
            if order < 0 { high = mid } else { low = mid + 1 }
        }
        return nil
    }

    private static func withBytes<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(text.utf8).withUnsafeBufferPointer(body)
    }

    /// Byte-wise order: negative, zero or positive as `a` sorts before, with or after `b`.
    private static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: some Collection<UInt8>) -> Int {
        var i = a.startIndex
        var j = b.startIndex
        while i < a.endIndex && j < b.endIndex {
            if a[i] != b[j] { return Int(a[i]) - Int(b[j]) }
            i += 1
            j = b.index(after: j)
        }
        return (i < a.endIndex ? 1 : 0) - (j < b.endIndex ? 1 : 0)
    }
}
