/// The bytes of tiles and entry bundles as tlog-tiles serves them.
///
/// - A tile is its hashes concatenated: exactly `32 · width` bytes (8,192 for a full tile).
/// - An entry bundle is its entries in order, each prefixed with its length as a
///   big-endian `uint16`; an entry therefore has at most 65,535 bytes.
public enum TileData {
    /// The longest entry an entry bundle can hold.
    public static let maximumEntryLength = Int(UInt16.max)

    /// The bytes of a tile holding `hashes`.
    public static func encode(hashes: some Collection<Hash32>) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(hashes.count * Hash32.byteCount)
        for hash in hashes {
            hash.withUnsafeBytes { bytes.append(contentsOf: $0) }
        }
        return bytes
    }

    /// The hashes of `tile` from its bytes.
    ///
    /// - Throws: ``LedgerError/Code/malformed`` unless `bytes` is exactly `32 · width` long.
    public static func decodeHashes(_ bytes: some Collection<UInt8>, of tile: Tile) throws(LedgerError) -> [Hash32] {
        let expected = tile.width * Hash32.byteCount
        guard bytes.count == expected else {
            throw LedgerError(
                .malformed, "\(tile.path) has \(bytes.count) bytes; a tile of \(tile.width) hashes has \(expected)")
        }
        let array = Array(bytes)
        return array.withUnsafeBytes { raw in
            (0..<tile.width).map { i in
                Hash32(rawBytes: UnsafeRawBufferPointer(rebasing: raw[(i * 32)..<(i * 32 + 32)]))
            }
        }
    }

    /// Appends one entry, length-prefixed, to an entry bundle being built.
    ///
    /// - Throws: ``LedgerError/Code/invalidEntry`` for an entry longer than 65,535 bytes.
    public static func appendEntry(_ entry: some Collection<UInt8>, to bundle: inout [UInt8]) throws(LedgerError) {
        guard entry.count <= maximumEntryLength else {
            throw LedgerError(
                .invalidEntry,
                "an entry of \(entry.count) bytes does not fit an entry bundle (at most \(maximumEntryLength) bytes)")
        }
        bundle.append(UInt8(entry.count >> 8))
        bundle.append(UInt8(entry.count & 0xff))
        bundle.append(contentsOf: entry)
    }

    /// The bytes of an entry bundle holding `entries`, in order.
    ///
    /// - Throws: ``LedgerError/Code/invalidEntry`` for an entry longer than 65,535 bytes.
    public static func encode(entries: some Sequence<[UInt8]>) throws(LedgerError) -> [UInt8] {
        var bundle: [UInt8] = []
        for entry in entries {
            try appendEntry(entry, to: &bundle)
        }
        return bundle
    }

    /// The entries of the bundle for `tile` (a level-0 tile) from its bytes.
    ///
    /// - Throws: ``LedgerError/Code/malformed`` when a length runs past the end or the
    ///   bundle does not hold exactly `tile.width` entries.
    public static func decodeEntries(_ bytes: some Collection<UInt8>, of tile: Tile) throws(LedgerError) -> [[UInt8]] {
        let array = Array(bytes)
        var entries: [[UInt8]] = []
        entries.reserveCapacity(tile.width)
        var offset = 0
        while offset < array.count {
            guard offset + 2 <= array.count else {
                throw LedgerError(.malformed, "\(tile.entriesPath) ends inside an entry's length")
            }
            let length = Int(array[offset]) << 8 | Int(array[offset + 1])
            offset += 2
            guard offset + length <= array.count else {
                throw LedgerError(
                    .malformed, "entry \(entries.count) of \(tile.entriesPath) says \(length) bytes but the bundle ends first")
            }
            entries.append(Array(array[offset..<(offset + length)]))
            offset += length
            guard entries.count <= tile.width else {
                throw LedgerError(.malformed, "\(tile.entriesPath) holds more than \(tile.width) entries")
            }
        }
        guard entries.count == tile.width else {
            throw LedgerError(.malformed, "\(tile.entriesPath) holds \(entries.count) entries, not \(tile.width)")
        }
        return entries
    }
}
