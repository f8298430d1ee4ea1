/// Records normalized and keyed on one core, packed for `RecordIndexBuilder.add(_:)`: every
/// string of every row in one byte buffer, so that a chunk reaches the builder (which is
/// sequential) as a few flat arrays rather than as thousands of strings to copy and release, and
/// the builder interns straight from the bytes. Adding a chunk builds the same index as adding
/// its rows one by one as `PreparedRecord`s.
public struct PreparedChunk: Sendable {
    /// The strings of every row, concatenated; string `k` ends at `ends[k]` and starts where
    /// string `k - 1` ends. Per row, in order: the record id, given name, first middle name,
    /// each surname token, the whole surname, then per address its house, street, suffix,
    /// directions, city, state and secondary line.
    private(set) var bytes: [UInt8] = []
    private(set) var ends: [UInt32] = []
    private(set) var rows: [Row] = []
    /// Each address's ZIP, in row order.
    private(set) var zips: [UInt32] = []
    /// Each row's blocking keys, in row order (hashes; the builder adds the person's position).
    private(set) var keys: [UInt64] = []
    private var memo = NormalizationMemo()
    let kinds: BlockingKeys.KindSet

    struct Row: Sendable, Equatable {
        /// The row's first string (its record id) in `ends`.
        var firstString: UInt32
        var surnameCount: UInt32
        var addressCount: UInt32
        var keysEnd: UInt32
        var tin: UInt32
        var birth: UInt32
        var suffix: UInt8
    }

    /// Strings per address in `bytes`.
    static let addressStrings = 7

    /// An empty chunk whose rows will be keyed with the blocking keys of `keys`.
    public init(keys: IndexKeys = .all) {
        kinds = keys.kinds
    }

    /// Normalizes and keys `records`, in order.
    public init(_ records: some Collection<Record>, keys: IndexKeys = .all) {
        self.init(keys: keys)
        for record in records { append(record) }
    }

    /// The number of rows.
    public var count: Int { rows.count }

    /// Normalizes and keys one more row, reusing the work of the rows before it (a person's rows
    /// and a household's are consecutive in a store).
    public mutating func append(_ record: Record) {
        let person = NormalizedPerson(record: record, memo: &memo)
        append(recordID: record.recordID, person: person, keys: nil)
    }

    /// Appends a row already normalized and keyed (`PreparedRecord`).
    mutating func append(_ record: PreparedRecord) {
        append(recordID: record.recordID, person: record.person, keys: record.keys)
    }

    /// Appends the strings and fields of one row, and its keys: `keys` when given, else those
    /// of the strings appended.
    private mutating func append(recordID: String, person: NormalizedPerson, keys given: [UInt64]?) {
        let first = ends.count
        add(recordID)
        add(person.name)
        for i in person.addresses.indices { add(person.addresses[i]) }
        if let given {
            keys += given
        } else {
            appendKeys(firstString: first, surnameCount: person.name.surname.count, addressCount: person.addresses.count, tin: person.tin)
        }
        rows.append(
            Row(
                firstString: UInt32(first), surnameCount: UInt32(person.name.surname.count),
                addressCount: UInt32(person.addresses.count), keysEnd: UInt32(keys.count), tin: person.tin,
                birth: person.birth, suffix: person.name.suffix.rawValue))
    }

    /// Appends the strings of a name: given, first middle name, each surname token, the whole surname.
    private mutating func add(_ name: PersonName) {
        add(name.given)
        add(name.middle.first ?? "")
        for token in name.surname { add(token) }
        add(name.surname.count == 1 ? name.surname[0] : name.surname.joined(separator: " "))
    }

    /// Appends an address: its ZIP, and its `addressStrings` strings.
    private mutating func add(_ address: NormalizedAddress) {
        zips.append(address.zip)
        add(address.house)
        add(address.street)
        add(address.suffix)
        add(address.directions)
        add(address.city)
        add(address.state)
        add(address.unit)
    }

    private mutating func add(_ text: String) {
        bytes.append(contentsOf: text.utf8)
        ends.append(UInt32(bytes.count))
    }

    private mutating func add(_ text: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: text)
        ends.append(UInt32(bytes.count))
    }

    /// Appends the blocking keys of the row whose strings start at `firstString` (the last row
    /// appended), read from the packed strings.
    private mutating func appendKeys(firstString first: Int, surnameCount: Int, addressCount: Int, tin: UInt32) {
        let kinds = self.kinds
        let firstZip = zips.count - addressCount
        // Appended to a local, moved in and out: appending to `self.keys` while `self.bytes` is
        // borrowed would retain and release the arrays around every key.
        var keys: [UInt64] = []
        swap(&keys, &self.keys)
        defer { swap(&keys, &self.keys) }
        bytes.withUnsafeBufferPointer { bytes in
            ends.withUnsafeBufferPointer { ends in
                zips.withUnsafeBufferPointer { zips in
                    let row = PackedAddresses(
                        bytes: bytes, ends: ends, firstString: first + 4 + surnameCount, count: addressCount,
                        zips: zips, firstZip: firstZip)
                    BlockingKeys.forEachNameKey(
                        given: row.span(first + 1), surnameCount: surnameCount, surname: { row.span(first + 3 + $0) },
                        addresses: row, kinds: kinds
                    ) { keys.append($0 & ~RecordIndex.indexMask) }
                    BlockingKeys.forEachOtherKey(tin: tin, addresses: row, kinds: kinds) {
                        keys.append($0 & ~RecordIndex.indexMask)
                    }
                }
            }
        }
    }

    /// The addresses of a packed row, as the blocking keys read them.
    private struct PackedAddresses: BlockingKeys.Addresses {
        let bytes: UnsafeBufferPointer<UInt8>
        let ends: UnsafeBufferPointer<UInt32>
        /// The first string of the first address.
        let firstString: Int
        let count: Int
        let zips: UnsafeBufferPointer<UInt32>
        let firstZip: Int

        @inline(__always)
        func span(_ k: Int) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: bytes[(k == 0 ? 0 : Int(ends[k - 1]))..<Int(ends[k])])
        }
        func house(_ a: Int) -> UnsafeBufferPointer<UInt8> { span(firstString + a * PreparedChunk.addressStrings) }
        func street(_ a: Int) -> UnsafeBufferPointer<UInt8> { span(firstString + a * PreparedChunk.addressStrings + 1) }
        func city(_ a: Int) -> UnsafeBufferPointer<UInt8> { span(firstString + a * PreparedChunk.addressStrings + 4) }
        func unit(_ a: Int) -> UnsafeBufferPointer<UInt8> { span(firstString + a * PreparedChunk.addressStrings + 6) }
        func zip(_ a: Int) -> UInt32 { zips[firstZip + a] }
    }
}

/// The cells of one Records row as bytes, each trimmed of spaces and tabs, unquoted and valid
/// UTF-8 (a missing column is empty): what `PreparedChunk.append(_:)` reads without making a
/// `Record`. The buffers need to stay valid only for the call.
public struct RecordCells {
    public var recordID: UnsafeBufferPointer<UInt8>
    public var tin: UnsafeBufferPointer<UInt8>
    public var givenName: UnsafeBufferPointer<UInt8>
    public var middleName: UnsafeBufferPointer<UInt8>
    public var surname: UnsafeBufferPointer<UInt8>
    public var birthDate: UnsafeBufferPointer<UInt8>
    public var line1: UnsafeBufferPointer<UInt8>
    public var line2: UnsafeBufferPointer<UInt8>
    public var city: UnsafeBufferPointer<UInt8>
    public var state: UnsafeBufferPointer<UInt8>
    public var postcode: UnsafeBufferPointer<UInt8>

    /// The number of cells: the Records format's columns from `record_id` to `postcode`.
    public static let count = 11

    /// Every cell empty.
    public init() {
        let empty = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        (recordID, tin, givenName, middleName, surname, birthDate) = (empty, empty, empty, empty, empty, empty)
        (line1, line2, city, state, postcode) = (empty, empty, empty, empty, empty)
    }

    /// The cells in the order of the Records format, from `recordID` to `postcode`.
    public init(_ cells: [UnsafeBufferPointer<UInt8>]) {
        precondition(cells.count == Self.count, "the \(Self.count) normalized cells of a Records row")
        self.init()
        for (column, cell) in cells.enumerated() { self[column] = cell }
    }

    /// Cell `column`, in the order of the Records format.
    public subscript(column: Int) -> UnsafeBufferPointer<UInt8> {
        get {
            switch column {
            case 0: recordID
            case 1: tin
            case 2: givenName
            case 3: middleName
            case 4: surname
            case 5: birthDate
            case 6: line1
            case 7: line2
            case 8: city
            case 9: state
            default: postcode
            }
        }
        set {
            switch column {
            case 0: recordID = newValue
            case 1: tin = newValue
            case 2: givenName = newValue
            case 3: middleName = newValue
            case 4: surname = newValue
            case 5: birthDate = newValue
            case 6: line1 = newValue
            case 7: line2 = newValue
            case 8: city = newValue
            case 9: state = newValue
            default:
                precondition(column == 10, "column \(column) of \(Self.count)")
                postcode = newValue
            }
        }
    }

    /// The row as a `Record` (the slow path, and what the fast one must equal).
    public var record: Record {
        return Record(
            recordID: text(recordID), tin: text(tin), givenName: text(givenName), middleName: text(middleName),
            surname: text(surname), birthDate: text(birthDate),
            addresses: [
                PostalAddress(line1: text(line1), line2: text(line2), city: text(city), state: text(state), postcode: text(postcode))
            ])
    }
}

extension PreparedChunk {
    /// Normalizes and keys one row read as bytes: the same row as `append(cells.record)`, but
    /// the common fields (one folded word per name field, a plain street line, a folded city)
    /// go from the cells to the packed bytes without a `String`; any other field takes the
    /// general path.
    public mutating func append(_ cells: RecordCells) {
        let first = ends.count
        add(cells.recordID)
        // The name, as `PersonName(given:middle:surname:)` reads it.
        let surnameCount: Int
        var suffix = NameSuffix.none
        // One word of ASCII letters and digits per field (or none), in any case: the tokenizer
        // gives each back as one token, in capitals.
        if let givenCase = PersonName.oneWordCase(cells.givenName), let middleCase = PersonName.oneWordCase(cells.middleName),
            let surnameCase = PersonName.oneWordCase(cells.surname)
        {
            let fold = givenCase || middleCase || surnameCase
            add(cells.givenName, 0..<cells.givenName.count, fold: fold)
            if cells.middleName.isEmpty {
                add("")
            } else if let parsed = Self.middleSuffix(cells.middleName) {
                suffix = parsed
                add("")
            } else {
                add(cells.middleName, 0..<cells.middleName.count, fold: fold)
            }
            surnameCount = cells.surname.isEmpty ? 0 : 1
            if surnameCount == 1 { add(cells.surname, 0..<cells.surname.count, fold: fold) }
            add(cells.surname, 0..<cells.surname.count, fold: fold)
        } else {
                let name = memo.name(given: text(cells.givenName), middle: text(cells.middleName), surname: text(cells.surname))
            add(name)
            surnameCount = name.surname.count
            suffix = name.suffix
        }
        let (tin, _) = NormalizedPerson.parseTIN(bytes: cells.tin)
        let birth = NormalizedPerson.parseDate(bytes: cells.birthDate)
        // The address, as `NormalizedAddress(_:memo:)` reads it.
        if let street = AddressParser.SimpleStreet(cells.line1), let unit = memo.unit(of: street, in: cells.line1) {
            zips.append(NormalizedAddress.zip(cells.postcode))
            add(cells.line1, street.house, fold: street.lowercase)
            add(cells.line1, street.street, fold: street.lowercase)
            add(street.suffix)
            add(street.directions)
            if let lowercase = NormalizationMemo.foldedCase(bytes: cells.city) {
                add(cells.city, 0..<cells.city.count, fold: lowercase)
            } else {
                add(memo.city(String(decoding: cells.city, as: UTF8.self)))
            }
            add(memo.state(bytes: cells.state))
            if cells.line2.isEmpty && unit.text.isEmpty {
                add("")  // unit
            } else {
                // The units as `AddressParser.parse` and `NormalizedAddress` read them beside a street.
                let line2 = String(decoding: cells.line2, as: UTF8.self)
                var parsed = ParsedAddress(
                    kind: .street, predirectional: street.predirectional,
                    streetName: street.text(street.street, of: cells.line1), suffix: street.suffix,
                    postdirectional: street.postdirectional, unit: unit.text, isPrivateMailbox: unit.isPrivateMailbox)
                AddressParser.addSecondary(memo.secondaryUnit(line2), to: &parsed)
                add(NormalizedAddress.unitKey(parsed: parsed, line2: line2))
            }
        } else {
                let postal = PostalAddress(
                line1: text(cells.line1), line2: text(cells.line2), city: text(cells.city), state: text(cells.state),
                postcode: text(cells.postcode))
            add(NormalizedAddress(postal, memo: &memo))
        }
        appendKeys(firstString: first, surnameCount: surnameCount, addressCount: 1, tin: tin)
        rows.append(
            Row(
                firstString: UInt32(first), surnameCount: UInt32(surnameCount), addressCount: 1,
                keysEnd: UInt32(keys.count), tin: tin, birth: birth, suffix: suffix.rawValue))
    }

    /// A one-word middle name that is a generational suffix, as `PersonName` reads it (`V` is
    /// a middle initial there; every suffix has two letters or more).
    private static func middleSuffix(_ middle: UnsafeBufferPointer<UInt8>) -> NameSuffix? {
        // Every suffix starts with J, S, I, 2, 3, 4 or 5 (JR, SR, II, IV, 2ND …).
        guard middle.count >= 2, middle.count <= 6 else { return nil }
        switch middle[0] & 0xDF {
        case 0x4A, 0x53, 0x49, 0x12, 0x13, 0x14, 0x15: break
        default: return nil
        }
        let folded = String(unsafeUninitializedCapacity: middle.count) { buffer in
            for (k, byte) in middle.enumerated() { buffer[k] = TextFolding.asciiFold(byte) }
            return middle.count
        }
        return NameSuffix.parse(folded, allowRoman5: false)
    }

    /// Appends `range` of `line`, folded (`TextFolding.asciiFold`) when `fold`.
    private mutating func add(_ line: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, fold: Bool) {
        let begin = bytes.count
        add(UnsafeBufferPointer(rebasing: line[range]))
        if fold {
            bytes.withUnsafeMutableBufferPointer { bytes in
                for k in begin..<bytes.count {
                    let folded = TextFolding.asciiFold(bytes[k])
                    if folded != bytes[k] { bytes[k] = folded }
                }
            }
        }
    }
}

/// The cell's text.
private func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }
