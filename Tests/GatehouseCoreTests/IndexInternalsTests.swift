@testable import GatehouseCore
import Testing

@Suite struct TokenTableTests {
    @Test func internsEachDistinctTokenOnceWithDenseIDs() {
        var table = TokenTable()
        #expect(table.intern("") == 0)
        let smith = table.intern("SMITH")
        let jones = table.intern("JONES")
        #expect(smith == 1)
        #expect(jones == 2)
        #expect(table.intern("SMITH") == smith)
        #expect(table.id(of: "JONES") == jones)
        #expect(table.id(of: "SMITHE") == 0)
        #expect(table.id(of: "SMIT") == 0)
        #expect(table.id(of: "") == 0)
        #expect(table.string(jones) == "JONES")
        #expect(table.count == 3)
    }

    @Test func survivesGrowthAndRebuildsFromItsBytes() {
        var table = TokenTable()
        // Enough tokens to grow the slot array several times; prefixes of each other on purpose.
        let tokens = (0..<20_000).map { "T\($0)" } + ["MARÍA", "1", "10", "100"]
        let ids = tokens.map { table.intern($0) }
        #expect(Set(ids).count == tokens.count)
        #expect(ids.first == 1)
        #expect(ids.last == UInt32(tokens.count))
        for (token, id) in zip(tokens, ids) {
            #expect(table.id(of: token) == id)
        }
        let rebuilt = TokenTable(bytes: table.bytes, offsets: table.offsets)
        #expect(rebuilt.count == table.count)
        #expect(rebuilt.shapes == table.shapes)
        #expect(table.shapes.count == table.count)
        for (token, id) in zip(tokens, ids) where id % 97 == 0 || token.count < 3 {
            #expect(rebuilt.id(of: token) == id)
            #expect(rebuilt.string(id) == token)
        }
        #expect(rebuilt.id(of: "T20000") == 0)
    }

    /// Tokens that share their first seven bytes, or their length, or both, or are longer than
    /// the length a slot holds, are told apart by the rest of their bytes.
    @Test func tellsApartTokensThatShareTheirStart() {
        let long = String(repeating: "A", count: 300)
        let tokens = [
            "ABCDEFG", "ABCDEFGH", "ABCDEFGI", "ABCDEFGHIJKLMNOP", "ABCDEFGHIJKLMNOQ", "ABCDEF", "ABCDEFF",
            long, long + "B", String(repeating: "A", count: 299) + "B", String(repeating: "A", count: 256),
            "A", "AB", "BA", "MEADOWBROOK", "MEADOWBROOKE",
        ]
        var table = TokenTable()
        let ids = tokens.map { table.intern($0) }
        #expect(Set(ids).count == tokens.count)
        let rebuilt = TokenTable(bytes: table.bytes, offsets: table.offsets)
        for (token, id) in zip(tokens, ids) {
            #expect(table.id(of: token) == id, "\(token.prefix(20))… (\(token.count))")
            #expect(rebuilt.id(of: token) == id)
            #expect(table.string(id) == token)
        }
        for absent in ["ABCDEFGJ", "ABCDEFGHIJKLMNOR", long + "C", String(repeating: "A", count: 257), "ABCDE", "MEADOWBROOKS"] {
            #expect(table.id(of: absent) == 0, "\(absent.prefix(20))…")
        }
    }
}

@Suite struct FlatTableOrdinalsTests {
    @Test func fieldOrdinalsAreTheirPositionInAllCases() {
        for (position, field) in MatchField.allCases.enumerated() {
            #expect(field.ordinal == position)
        }
    }

    @Test func levelOrdinalsAreTheirPositionInAllCases() {
        #expect(AgreementLevel.allCases.count == AgreementLevel.caseCount)
        for (position, level) in AgreementLevel.allCases.enumerated() {
            #expect(level.ordinal == position)
        }
    }
}

@Suite struct PostingSortTests {
    @Test(arguments: [(0, 12), (1, 12), (2, 20), (1_000, 12), (50_000, 13), (50_000, 20)])
    func sortsDeduplicatesAndIndexesTheBuckets(count: Int, bits: Int) {
        var generator = SplitMix64(seed: UInt64(count) + 17)
        var postings = (0..<count).map { _ in generator.next() }
        // Repeats, and keys crowded into one bucket.
        postings += postings.prefix(count / 3)
        postings += (0..<UInt64(count / 10)).map { (0xABCD_E000_0000_0000 as UInt64) | $0 }
        let expected = Array(Set(postings)).sorted()
        let (sorted, directory) = RecordIndexBuilder.sortPostings(&postings, directoryBits: UInt64(bits))
        #expect(sorted == expected)
        #expect(postings.isEmpty)
        let shift = UInt64(64 - bits)
        #expect(directory.count == (1 << bits) + 1)
        #expect(directory.last == UInt32(sorted.count))
        for bucket in stride(from: 0, to: 1 << bits, by: 97) {
            let expected = sorted.firstIndex { Int($0 >> shift) >= bucket } ?? sorted.count
            #expect(directory[bucket] == UInt32(expected))
        }
    }

    @Test(arguments: [(0, 12), (10_000, 12), (40_000, 13), (20_000_000, 22), (110_000_000, 24), (1 << 40, 24)])
    func directoryHoldsAboutEightPostingsPerBucket(postings: Int, bits: UInt64) {
        #expect(RecordIndex.directoryBits(forPostings: postings) == bits)
    }
}

@Suite struct NormalizationMemoTests {
    @Test(arguments: [
        ("ENUMCLAW", true), ("WESSINGTON SPRINGS", true), ("ST 2", true), ("", false), (" ENUMCLAW", false),
        ("ENUMCLAW ", false), ("WEST  POINT", false), ("St. Paul", false), ("O'FALLON", false), ("enumclaw", false),
    ])
    func recognizesAlreadyFoldedText(text: String, folded: Bool) {
        #expect(NormalizationMemo.isFolded(text) == folded)
        if folded { #expect(TextFolding.nameTokens(text).joined(separator: " ") == text) }
    }

    /// Cities in any case, or needing the tokenizer, come out as the tokenizer folds them.
    @Test(arguments: [
        "ENUMCLAW", "Enumclaw", "new york", "New York", "WEST  POINT", "St. Paul", "O'FALLON", "Saint-Louis", " Enumclaw",
        "Enumclaw ", "ÉLAN", "elan 2", "", " ", "A", "a b c",
    ])
    func foldsCitiesAsTheTokenizer(text: String) {
        var memo = NormalizationMemo()
        #expect(memo.city(text) == TextFolding.nameTokens(text).joined(separator: " "), "\(text)")
        let lowercase = NormalizationMemo.foldedCase(bytes: text.utf8)
        if let lowercase {
            #expect(lowercase == text.utf8.contains { $0 >= 0x61 && $0 <= 0x7A })
            #expect(TextFolding.asciiFolded(text) == TextFolding.nameTokens(text).joined(separator: " "))
        }
    }

    @Test func aMemoGivesTheSameAddressesAsAFreshNormalization() {
        let addresses = [
            PostalAddress(line1: "942 Sandy Ave", city: "Enumclaw", state: "wa", postcode: "98022-5785"),
            PostalAddress(line1: "942 Sandy Ave", city: "Enumclaw", state: "wa", postcode: "98022-5785"),
            PostalAddress(line1: "942 Sandy Ave", line2: "Apt 4", city: "Enumclaw", state: "WA", postcode: "98022"),
            PostalAddress(line1: "12 Main St", city: "ST. PAUL", state: "Minnesota", postcode: "55101"),
            PostalAddress(line1: "12 Main St", city: "ST. PAUL", state: "Minnesota", postcode: "55102"),
            PostalAddress(line1: "PO Box 5", city: "ENUMCLAW", state: "WA", postcode: "98022"),
        ]
        var memo = NormalizationMemo()
        for address in addresses + addresses.reversed() {
            #expect(NormalizedAddress(address, memo: &memo) == NormalizedAddress(address))
        }
    }

    @Test func aMemoGivesTheSameNamesAsAFreshNormalization() {
        let address = PostalAddress(line1: "942 Sandy Ave", city: "Enumclaw", state: "WA", postcode: "98022")
        let records = [
            Record(recordID: "R1", givenName: "María", middleName: "J", surname: "García-López", addresses: [address]),
            Record(recordID: "R1", givenName: "María", middleName: "J", surname: "García-López", addresses: [address]),
            Record(recordID: "R1", givenName: "María", middleName: "", surname: "García-López", addresses: [address]),
            Record(recordID: "R2", givenName: "John", surname: "Smith Jr", addresses: [address]),
            Record(recordID: "R3", givenName: "Smith", surname: "John", addresses: [address]),
            Record(recordID: "R3", givenName: "John", surname: "Smith", addresses: [address]),
        ]
        var memo = NormalizationMemo()
        for record in records + records.reversed() {
            #expect(NormalizedPerson(record: record, memo: &memo) == NormalizedPerson(record: record))
        }
    }
}

@Suite struct BatchedLookupTests {
    /// A store of `people` people in a few streets and ZIPs, so that keys are shared and the
    /// directory has crowded and empty buckets.
    static func index(people: Int) -> RecordIndex {
        var builder = RecordIndexBuilder()
        let surnames = ["SMITH", "JONES", "GARCIA LOPEZ", "NGUYEN", "OKAFOR"]
        for n in 0..<people {
            builder.add(
                Record(
                    recordID: "R\(n)", tin: n % 3 == 0 ? String(100_000_000 + n) : "", givenName: "GIVEN\(n % 40)",
                    surname: surnames[n % surnames.count], birthDate: "1970-01-01",
                    addresses: [
                        PostalAddress(
                            line1: "\(n % 50) Elm St", city: "SPRINGFIELD", state: "IL", postcode: String(62_701 + n % 7))
                    ]))
        }
        return builder.build()
    }

    @Test(arguments: [1, 300, 5_000])
    func batchedRangesEqualOneByOne(people: Int) {
        let index = Self.index(people: people)
        var generator = SplitMix64(seed: UInt64(people))
        // Keys filed (each posting's key with another person's bits) and keys nobody holds.
        var keys = (0..<200).map { _ in
            index.postings.isEmpty ? 0 : index.postings[Int(generator.next() % UInt64(index.postings.count))] & ~RecordIndex.indexMask
        }
        keys += (0..<200).map { _ in generator.next() & ~RecordIndex.indexMask }
        keys += [0, ~RecordIndex.indexMask]
        let batched = index.postingRanges(keys)
        #expect(batched.count == keys.count)
        for (key, range) in zip(keys, batched) {
            #expect(range == index.postingRange(key))
        }
        #expect(batched.contains { !$0.isEmpty })
        #expect(index.postingRanges([]).isEmpty)
    }

    @Test func weightsWithoutAddressPartsKeepEveryOtherU() {
        let index = Self.index(people: 2_000)
        let all = MatchWeights.estimate(from: index, samples: 20_000)
        let statutory = MatchWeights.estimate(from: index, samples: 20_000, parts: false)
        #expect(all.weighsAddressParts)
        #expect(!statutory.weighsAddressParts)
        for field in MatchField.allCases {
            for level in AgreementLevel.allCases {
                if field.isAddressPart {
                    #expect(statutory.probabilities(field, level) == nil)
                } else {
                    #expect(statutory.probabilities(field, level)?.0 == all.probabilities(field, level)?.0)
                    #expect(statutory.probabilities(field, level)?.1 == all.probabilities(field, level)?.1)
                }
            }
        }
        // A statutory matcher decides as one estimated for every rule.
        let request = Request(
            requestID: "Q1", givenName: "GIVEN7", surname: "JONES",
            address: PostalAddress(line1: "7 Elm St", city: "SPRINGFIELD", state: "IL", postcode: "62701"),
            caseReference: "C1")
        let narrow = Matcher(index: index, modes: [.statutory]).match(request, policy: .statutory)
        let wide = Matcher(index: index).match(request, policy: .statutory)
        #expect(narrow.decision == wide.decision)
        #expect(narrow.candidateCount > 0)
    }
}

@Suite struct PreparedChunkTests {
    /// Rows that exercise every path of the builder: a person over several rows (consecutive and
    /// not), households sharing an address, empty record ids, a conflicting TIN, a birth date or
    /// TIN filled in by a later row, compound and empty surnames, folded text, several addresses.
    static var records: [Record] {
        let elm = PostalAddress(line1: "12 Elm St", city: "Springfield", state: "IL", postcode: "62701")
        let oak = PostalAddress(line1: "4 Oak Ave Apt 2", city: "SPRINGFIELD", state: "il", postcode: "62702-1234")
        let box = PostalAddress(line1: "PO Box 9", city: "Enumclaw", state: "WA", postcode: "98022")
        return [
            Record(recordID: "R1", tin: "123-45-6789", givenName: "María", middleName: "José", surname: "García-López", addresses: [elm]),
            Record(recordID: "R1", tin: "123456789", givenName: "María", surname: "García-López", birthDate: "1970-02-03", addresses: [oak]),
            Record(recordID: "R2", givenName: "John", surname: "Smith Jr", addresses: [elm]),
            Record(recordID: "R3", givenName: "Jane", surname: "Smith", addresses: [elm, oak, box]),
            Record(recordID: "", givenName: "Nobody", surname: "Known", addresses: [box]),
            Record(recordID: "R2", tin: "987654321", givenName: "John", surname: "Smith", addresses: [oak]),
            Record(recordID: "", givenName: "Other", surname: "", addresses: [elm]),
            Record(recordID: "R4", givenName: "", middleName: "", surname: "de la Cruz", addresses: []),
            Record(recordID: "R1", tin: "111111111", givenName: "Maria", surname: "Garcia", addresses: [elm]),
            Record(recordID: "R5", givenName: "Ngozi", surname: "Okafor", birthDate: "1988-12-31", addresses: [oak, oak]),
        ]
    }

    static func bytes(_ index: RecordIndex) -> [UInt8] {
        var out: [UInt8] = []
        index.write { out.append(contentsOf: $0) }
        return out
    }

    @Test(arguments: [1, 2, 3, 10])
    func aChunkBuildsTheSameIndexAsItsRows(chunkSize: Int) {
        for keys in [IndexKeys.all, .statutory] {
            let records = Self.records
            var rows = RecordIndexBuilder(keys: keys)
            for record in records { rows.add(PreparedRecord(record, keys: keys)) }
            var chunks = RecordIndexBuilder(keys: keys)
            for start in stride(from: 0, to: records.count, by: chunkSize) {
                chunks.add(PreparedChunk(records[start..<min(records.count, start + chunkSize)], keys: keys))
            }
            #expect(chunks.count == rows.count)
            #expect(chunks.conflictingRows == rows.conflictingRows)
            #expect(chunks.conflictingRows == 1)  // R1 filed again with another TIN
            #expect(Self.bytes(chunks.build()) == Self.bytes(rows.build()))
        }
    }

    /// Ids in ascending order are filed without a table; the first new id out of order moves
    /// them all to one. Either way every row reaches the person of its id.
    @Test(arguments: [
        // Ascending, a repeat found by search, an empty id between.
        ["R1", "R2", "", "R3", "R2", "R4", "R4", "R1"],
        // Out of order from the second id.
        ["R5", "R3", "R5", "R1", "R3", "R10", "", "R9", "R10"],
        // Ascending for long, then a repeat, then a new id out of order, then repeats of both kinds.
        (10..<60).map { "R\($0)" } + ["R25", "R05", "R30", "R05", "R60", "R59", ""],
        // Byte order, not numeric: "R10" sorts before "R9"; and ids that differ only in length.
        ["R9", "R10", "R1", "R9", "R", "RR", "R"],
    ])
    func everyRowReachesThePersonOfItsID(ids: [String]) {
        let place = PostalAddress(line1: "12 Elm St", city: "Springfield", state: "IL", postcode: "62701")
        let records = ids.enumerated().map { n, id in
            Record(
                recordID: id, givenName: "Given", surname: "Surname",
                addresses: [PostalAddress(line1: "\(n + 1) Elm St", city: place.city, state: place.state, postcode: place.postcode)])
        }
        var firstSeen: [String] = []
        for id in ids where !firstSeen.contains(id) { firstSeen.append(id) }
        for chunkSize in [1, 3, ids.count] {
            var builder = RecordIndexBuilder()
            for start in stride(from: 0, to: records.count, by: chunkSize) {
                builder.add(PreparedChunk(records[start..<min(records.count, start + chunkSize)]))
            }
            let index = builder.build()
            #expect(index.recordIDs == firstSeen, "chunks of \(chunkSize)")
            for (person, id) in firstSeen.enumerated() {
                let houses = Set(index.addresses(of: person).map { index.tokens.string(index.addressRows[$0].house) })
                let expected = Set(ids.indices.filter { ids[$0] == id }.map { String($0 + 1) })
                #expect(houses == expected, "\(id), chunks of \(chunkSize)")
            }
        }
    }

    @Test func chunksAndRowsMixInOneBuilder() {
        let records = Self.records
        var rows = RecordIndexBuilder()
        for record in records { rows.add(record) }
        var mixed = RecordIndexBuilder()
        mixed.add(PreparedChunk(records[0..<3]))
        for record in records[3..<6] { mixed.add(record) }
        mixed.add(PreparedChunk(records[6...]))
        #expect(Self.bytes(mixed.build()) == Self.bytes(rows.build()))
    }
}

/// Names of one folded word per field are read without the tokenizer, as the tokenizer reads them.
@Suite struct NameShortcutTests {
    @Test func oneWordFieldsReadAsTokenized() {
        let words = ["", "JOHN", "SMITH", "JR", "SR", "II", "III", "IV", "V", "2ND", "5TH", "DE", "LA", "Y", "VAN", "J", "O2",
            "MARIA", "john", "O'BRIEN", "GARCIA LOPEZ", "-", "NA", "X", "Smith", "jr", "v", "De", "iIi", "5th"]
        for given in words {
            for middle in words {
                for surname in words {
                    #expect(
                        PersonName(given: given, middle: middle, surname: surname)
                            == PersonName(tokenizing: given, middle: middle, surname: surname),
                        "\(given)|\(middle)|\(surname)")
                }
            }
        }
    }
}
