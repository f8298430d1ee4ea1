/// Why a stored index could not be read back.
public enum IndexFormatError: Error, Equatable, CustomStringConvertible {
    case badMagic
    case unsupportedVersion(UInt32)
    case truncated

    public var description: String {
        switch self {
        case .badMagic: "not a Gatehouse index file"
        case .unsupportedVersion(let version): "index format version \(version) is not supported; rebuild the index"
        case .truncated: "the index file is truncated; rebuild the index"
        }
    }
}

extension RecordIndex {
    static let magic: [UInt8] = Array("GHIDX".utf8)
    /// Bumped whenever the layout, the normalization or the candidate rules change, so an old
    /// file is rebuilt (3: the filed key kinds are stored; statutory candidates from fewer keys).
    public static let formatVersion: UInt32 = 3

    /// Writes the index as flat little-endian columns, in pieces, to `sink`.
    /// - Complexity: O(size of the index); no copy of the columns is made.
    public func write(to sink: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        try RecordIndex.magic.withUnsafeBytes(sink)
        try withUnsafeBytes(of: RecordIndex.formatVersion.littleEndian, sink)
        var idBytes: [UInt8] = []
        var idOffsets: [UInt32] = [0]
        idBytes.reserveCapacity(recordIDs.count * 10)
        for id in recordIDs {
            idBytes.append(contentsOf: id.utf8)
            idOffsets.append(UInt32(idBytes.count))
        }
        try writeColumn(idBytes, sink)
        try writeColumn(idOffsets, sink)
        try writeColumn(tokens.bytes, sink)
        try writeColumn(tokens.offsets, sink)
        // The rows are written column by column (one column in memory at a time).
        func person(_ field: (PersonRow) -> UInt32) -> [UInt32] { people.map(field) }
        func address(_ field: (AddressRow) -> UInt32) -> [UInt32] { addressRows.map(field) }
        try writeColumn(person { $0.given }, sink)
        try writeColumn(person { $0.middle }, sink)
        try writeColumn([0] + person { $0.surnameEnd }, sink)
        try writeColumn(surnameTokens, sink)
        try writeColumn(person { $0.surnameKey }, sink)
        try writeColumn(person { $0.birth }, sink)
        try writeColumn(person { $0.tin }, sink)
        try writeColumn([0] + person { $0.addressEnd }, sink)
        try writeColumn(address { $0.house }, sink)
        try writeColumn(address { $0.street }, sink)
        try writeColumn(address { $0.streetSuffix }, sink)
        try writeColumn(address { $0.directions }, sink)
        try writeColumn(address { $0.zip }, sink)
        try writeColumn(address { $0.city }, sink)
        try writeColumn(address { $0.state }, sink)
        for column in [givenCount, surnameTokenCount, surnameKeyCount, directory] {
            try writeColumn(column, sink)
        }
        try writeColumn(address { $0.unit }, sink)
        for column in [houseCount, streetCount, cityCount, unitCount, zipValues, zipCounts] {
            try writeColumn(column, sink)
        }
        try writeColumn(people.map(\.suffix), sink)
        try writeColumn(postings, sink)
        try writeColumn([filedKinds.rawValue, UInt32(directoryBits)], sink)
    }

    private func writeColumn<T: FixedWidthInteger>(_ column: [T], _ sink: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        try withUnsafeBytes(of: UInt64(column.count).littleEndian, sink)
        try column.withUnsafeBytes(sink)
    }

    /// Reads an index written by `write(to:)`.
    /// - Throws: `IndexFormatError` when the bytes are not an index of this version.
    public init(reading bytes: UnsafeRawBufferPointer) throws(IndexFormatError) {
        var reader = ColumnReader(bytes: bytes)
        guard try reader.take(RecordIndex.magic.count).elementsEqual(RecordIndex.magic) else { throw .badMagic }
        let version = try reader.scalar(UInt32.self)
        guard version == RecordIndex.formatVersion else { throw .unsupportedVersion(version) }
        let idBytes: [UInt8] = try reader.column()
        let idOffsets: [UInt32] = try reader.column()
        var ids: [String] = []
        ids.reserveCapacity(max(0, idOffsets.count - 1))
        idBytes.withUnsafeBufferPointer { buffer in
            for n in 0..<max(0, idOffsets.count - 1) {
                ids.append(String(decoding: UnsafeBufferPointer(rebasing: buffer[Int(idOffsets[n])..<Int(idOffsets[n + 1])]), as: UTF8.self))
            }
        }
        self.init()
        recordIDs = ids
        tokens = TokenTable(bytes: try reader.column(), offsets: try reader.column())
        let given: [UInt32] = try reader.column()
        let middle: [UInt32] = try reader.column()
        let surnameOffsets: [UInt32] = try reader.column()
        surnameTokens = try reader.column()
        let surnameKey: [UInt32] = try reader.column()
        let birth: [UInt32] = try reader.column()
        let tin: [UInt32] = try reader.column()
        let addressOffsets: [UInt32] = try reader.column()
        let house: [UInt32] = try reader.column()
        let street: [UInt32] = try reader.column()
        let streetSuffix: [UInt32] = try reader.column()
        let directions: [UInt32] = try reader.column()
        let zip: [UInt32] = try reader.column()
        let city: [UInt32] = try reader.column()
        let state: [UInt32] = try reader.column()
        givenCount = try reader.column()
        surnameTokenCount = try reader.column()
        surnameKeyCount = try reader.column()
        directory = try reader.column()
        let unit: [UInt32] = try reader.column()
        houseCount = try reader.column()
        streetCount = try reader.column()
        cityCount = try reader.column()
        unitCount = try reader.column()
        zipValues = try reader.column()
        zipCounts = try reader.column()
        let suffix: [UInt8] = try reader.column()
        let peopleCount = recordIDs.count
        let addresses = house.count
        guard [given, middle, surnameKey, birth, tin].allSatisfy({ $0.count == peopleCount }), suffix.count == peopleCount,
            surnameOffsets.count == peopleCount + 1, addressOffsets.count == peopleCount + 1,
            [street, streetSuffix, directions, zip, city, state, unit].allSatisfy({ $0.count == addresses }),
            surnameOffsets.last.map({ Int($0) == surnameTokens.count }) ?? false,
            addressOffsets.last.map({ Int($0) == addresses }) ?? false
        else { throw .truncated }
        people = (0..<peopleCount).map { n in
            PersonRow(
                given: given[n], middle: middle[n], surnameKey: surnameKey[n], birth: birth[n], tin: tin[n],
                surnameStart: surnameOffsets[n], surnameEnd: surnameOffsets[n + 1],
                addressStart: addressOffsets[n], addressEnd: addressOffsets[n + 1], suffix: suffix[n])
        }
        addressRows = (0..<addresses).map { a in
            AddressRow(
                house: house[a], street: street[a], streetSuffix: streetSuffix[a], directions: directions[a],
                zip: zip[a], city: city[a], state: state[a], unit: unit[a])
        }
        postings = try reader.column()
        let settings: [UInt32] = try reader.column()
        guard settings.count == 2, RecordIndex.directoryBitsRange.contains(UInt64(settings[1])),
            directory.count == (1 << settings[1]) + 1
        else { throw .truncated }
        filedKinds = BlockingKeys.KindSet(rawValue: settings[0])
        directoryBits = UInt64(settings[1])
    }
}

/// Reads length-prefixed little-endian columns from a byte buffer.
private struct ColumnReader {
    let bytes: UnsafeRawBufferPointer
    var offset = 0

    mutating func take(_ count: Int) throws(IndexFormatError) -> UnsafeRawBufferPointer.SubSequence {
        guard count >= 0, offset + count <= bytes.count else { throw .truncated }
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }

    mutating func scalar<T: FixedWidthInteger>(_: T.Type) throws(IndexFormatError) -> T {
        let slice = try take(MemoryLayout<T>.size)
        var value = T.zero
        withUnsafeMutableBytes(of: &value) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: slice)) }
        return T(littleEndian: value)
    }

    mutating func column<T: FixedWidthInteger>() throws(IndexFormatError) -> [T] {
        let count = Int(try scalar(UInt64.self))
        let slice = try take(count * MemoryLayout<T>.stride)
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: slice))
            initialized = count
        }
    }
}
