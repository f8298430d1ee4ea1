public import GRDB
public import GatehouseCore

/// The log as C2SP tlog-tiles (docs/ledger.md §7): what a server answers below its log
/// prefix, and what `gatehouse ledger tiles export` writes to a folder.
///
/// | resource | answer |
/// | --- | --- |
/// | `checkpoint` | ``checkpointNote(in:)`` — `text/plain; charset=utf-8`, mutable: cache a few seconds at most |
/// | `tile/<L>/<N>[.p/<W>]` | ``tileData(_:in:)`` with `.hashes` — `application/octet-stream` |
/// | `tile/entries/<N>[.p/<W>]` | ``tileData(_:in:)`` with `.entries` — `application/octet-stream` |
///
/// Parse the path with `TileResource(path:)` (nil: 404). Every tile and entry bundle is
/// immutable — a partial tile of width W is the first W hashes of the full tile, and never
/// changes either — so all of them may be served with long-lived caching headers
/// (`Cache-Control: public, max-age=31536000, immutable`). The verifier key to publish
/// beside them is `LedgerKeys.loadVerifier(from: workspace.keysDirectory).keyString`.
///
/// ```swift
/// guard let resource = TileResource(path: "tile/0/x001/234.p/5") else { return notFound }
/// let bytes = try workspace.database.read { db in try LedgerStore.tileData(resource, in: db) }
/// ```
extension LedgerStore {
    /// The signed checkpoint note to serve as `<prefix>/checkpoint`: the latest stored one,
    /// byte for byte what `gatehouse ledger checkpoint` prints; nil before the first.
    ///
    /// - Complexity: one indexed read.
    public static func checkpointNote(in db: Database) throws -> String? {
        try latestCheckpoint(in: db)?.note
    }

    /// The bytes of a tile or an entry bundle of the log as it is now, or nil when the log
    /// does not hold all of it yet (answer 404).
    ///
    /// A tile is available as soon as the log holds every hash of it, whether or not a
    /// checkpoint covers it yet; a partial tile stays available after its tile fills up.
    ///
    /// - Throws: `LedgerError` `.invalidEntry` for a stored entry longer than an entry
    ///   bundle can hold (65,535 bytes); ``LedgerStoreError/Code/corrupt`` for a stored hash
    ///   that is not 32 bytes; SQLite errors.
    /// - Complexity: one range query over at most 256 rows of one table's primary key.
    public static func tileData(_ resource: TileResource, in db: Database) throws -> [UInt8]? {
        switch resource {
        case .hashes(let tile):
            return try tileHashes(tile, in: db).map { TileData.encode(hashes: $0) }
        case .entries(let tile):
            return try entryBundle(tile, in: db)
        }
    }

    /// The hashes of `tile`, or nil when the log does not hold all of them yet.
    ///
    /// Level 0 reads the entries' `leaf_hash`; level `l` reads the stored nodes of Merkle
    /// level `8·l`.
    ///
    /// - Complexity: one range query over at most 256 rows.
    public static func tileHashes(_ tile: Tile, in db: Database) throws -> [Hash32]? {
        let first = tile.firstNodeIndex
        let rows: RowCursor
        if tile.level == 0 {
            rows = try Row.fetchCursor(
                db, sql: "SELECT leaf_hash FROM ledger_entries WHERE seq >= ? AND seq < ? ORDER BY seq",
                arguments: [first, first + tile.width])
        } else {
            guard tile.merkleLevel < Int.bitWidth - 1 else { return nil }
            rows = try Row.fetchCursor(
                db, sql: "SELECT hash FROM ledger_nodes WHERE level = ? AND idx >= ? AND idx < ? ORDER BY idx",
                arguments: [tile.merkleLevel, first, first + tile.width])
        }
        var hashes: [Hash32] = []
        hashes.reserveCapacity(tile.width)
        while let row = try rows.next() {
            guard let hash = try row.hash(atIndex: 0) else {
                throw LedgerStoreError(.corrupt, "a stored hash of \(tile.path) is not 32 bytes")
            }
            hashes.append(hash)
        }
        // Keys are unique, so `width` rows in a range of `width` keys are all of them.
        return hashes.count == tile.width ? hashes : nil
    }

    /// The entry bundle of the level-0 `tile`: its entries' bytes, each after its length as
    /// a big-endian `uint16`; nil when the log does not hold all of them yet.
    ///
    /// - Throws: `LedgerError` `.invalidEntry` for an entry longer than 65,535 bytes.
    /// - Complexity: one range query over at most 256 rows.
    public static func entryBundle(_ tile: Tile, in db: Database) throws -> [UInt8]? {
        guard tile.level == 0 else { return nil }
        let first = tile.firstNodeIndex
        let rows = try Row.fetchCursor(
            db, sql: "SELECT entry FROM ledger_entries WHERE seq >= ? AND seq < ? ORDER BY seq",
            arguments: [first, first + tile.width])
        var bundle: [UInt8] = []
        var count = 0
        while let row = try rows.next() {
            try row.withUnsafeData(atIndex: 0) { data in
                try TileData.appendEntry(data.map { [UInt8]($0) } ?? [], to: &bundle)
            }
            count += 1
        }
        return count == tile.width ? bundle : nil
    }

    /// Streams every tile and entry bundle of the tree of the first `size` entries to
    /// `body`: level 0 first (each tile, then its entry bundle), then each higher level,
    /// left to right — what a static tlog-tiles folder holds beside its checkpoint.
    ///
    /// - Throws: ``LedgerStoreError/Code/outOfRange`` when `size` exceeds the log;
    ///   ``LedgerStoreError/Code/corrupt`` when a stored row is missing or ill-formed;
    ///   `LedgerError` `.invalidEntry` for an entry too long for a bundle; whatever
    ///   `body` throws.
    /// - Complexity: one cursor per tile level, O(n) rows read once.
    public static func forEachTile(
        ofTreeSize size: Int, in db: Database, _ body: (TileResource, [UInt8]) throws -> Void
    ) throws {
        let current = try self.size(in: db)
        guard size >= 0, size <= current else {
            throw LedgerStoreError(.outOfRange, "the log has \(current) entries; it has no tree of \(size)")
        }
        try forEachLevelZeroTile(ofTreeSize: size, in: db, body)
        for level in 1..<max(Tile.levelCount(treeSize: size), 1) {
            let tiles = Tile.tiles(level: level, treeSize: size)
            let rows = try Row.fetchCursor(
                db, sql: "SELECT idx, hash FROM ledger_nodes WHERE level = ? AND idx < ? ORDER BY idx",
                arguments: [level * Tile.height, Tile.nodeCount(level: level, treeSize: size)])
            for tile in tiles {
                var hashes: [Hash32] = []
                hashes.reserveCapacity(tile.width)
                for expected in tile.firstNodeIndex..<(tile.firstNodeIndex + tile.width) {
                    guard let row = try rows.next(), row[0] as Int == expected, let hash = try row.hash(atIndex: 1)
                    else {
                        throw LedgerStoreError(.corrupt, "node (\(level * Tile.height), \(expected)) of \(tile.path) is not stored")
                    }
                    hashes.append(hash)
                }
                try body(.hashes(tile), TileData.encode(hashes: hashes))
            }
        }
    }

    private static func forEachLevelZeroTile(
        ofTreeSize size: Int, in db: Database, _ body: (TileResource, [UInt8]) throws -> Void
    ) throws {
        let rows = try Row.fetchCursor(
            db, sql: "SELECT seq, entry, leaf_hash FROM ledger_entries WHERE seq < ? ORDER BY seq", arguments: [size])
        for tile in Tile.tiles(level: 0, treeSize: size) {
            var hashes: [Hash32] = []
            hashes.reserveCapacity(tile.width)
            var bundle: [UInt8] = []
            for expected in tile.firstNodeIndex..<(tile.firstNodeIndex + tile.width) {
                guard let row = try rows.next(), row[0] as Int == expected, let hash = try row.hash(atIndex: 2) else {
                    throw LedgerStoreError(.corrupt, "entry \(expected) of \(tile.path) is not stored")
                }
                try row.withUnsafeData(atIndex: 1) { data in
                    try TileData.appendEntry(data.map { [UInt8]($0) } ?? [], to: &bundle)
                }
                hashes.append(hash)
            }
            try body(.hashes(tile), TileData.encode(hashes: hashes))
            try body(.entries(tile), bundle)
        }
    }
}
