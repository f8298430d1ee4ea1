import GatehouseCore

/// A check of a published log that did not pass: `invalid` when what the log serves does
/// not hold up (exit 1), `malformed` when the input or the source cannot be read (exit 2).
enum TileCheckFailure: Error {
    case invalid(String)
    case malformed(String)

    var verdict: LedgerAudit.Verdict {
        switch self {
        case .invalid(let why): .invalid(why)
        case .malformed(let why): .malformed(why)
        }
    }

    /// Runs `body`, reporting its error as malformed input (or invalid, for a code that
    /// means a check failed).
    static func malformed<T>(_ body: () throws(LedgerError) -> T) throws(TileCheckFailure) -> T {
        do {
            return try body()
        } catch {
            throw error.isMalformed ? .malformed(error.context) : .invalid(error.context)
        }
    }

    /// Runs `body`, reporting any error as a check that failed.
    static func invalid<T>(_ body: () throws(LedgerError) -> T) throws(TileCheckFailure) -> T {
        do {
            return try body()
        } catch {
            throw .invalid(error.context)
        }
    }
}

/// Fetches and decodes a log's resources for `tiles verify`, in parallel, falling back to
/// the full tile when a partial one is gone (as C2SP tlog-tiles lets a client do).
struct TileFetcher: Sendable {
    let source: TileLogSource

    /// Resources fetched at once.
    static let parallelism = 8

    /// The checkpoint note.
    func checkpoint() async throws(TileCheckFailure) -> String {
        guard let bytes = try await fetch("checkpoint") else {
            throw .malformed("there is no checkpoint at \(source.describe("checkpoint"))")
        }
        guard let note = String(validating: bytes, as: UTF8.self) else {
            throw .invalid("the checkpoint at \(source.describe("checkpoint")) is not UTF-8 text")
        }
        return note
    }

    /// The hashes of `tile`, from the full tile when the partial one is not served.
    func hashes(_ tile: Tile) async throws(TileCheckFailure) -> (Tile, [Hash32]) {
        var served = tile
        var bytes = try await fetch(tile.path)
        if bytes == nil, !tile.isFull {
            served = tile.full
            bytes = try await fetch(served.path)
        }
        guard let bytes else {
            throw .invalid("the log does not serve \(source.describe(tile.path)), which its checkpoint needs")
        }
        let decoded = served
        let hashes = try TileCheckFailure.invalid { () throws(LedgerError) in try TileData.decodeHashes(bytes, of: decoded) }
        return (served, hashes)
    }

    /// The entries of the bundle of `tile` (level 0), from the full bundle when the partial
    /// one is not served.
    func entries(_ tile: Tile) async throws(TileCheckFailure) -> [[UInt8]] {
        var served = tile
        var bytes = try await fetch(tile.entriesPath)
        if bytes == nil, !tile.isFull {
            served = tile.full
            bytes = try await fetch(served.entriesPath)
        }
        guard let bytes else {
            throw .invalid("the log does not serve \(source.describe(tile.entriesPath)), which its checkpoint needs")
        }
        let decoded = served
        let entries = try TileCheckFailure.invalid { () throws(LedgerError) in
            try TileData.decodeEntries(bytes, of: decoded)
        }
        return Array(entries.prefix(tile.width))
    }

    /// `tiles`, fetched in parallel, as a node source for `log`'s tree.
    func tiles(_ tiles: [Tile], _ log: TileVerifier) async throws(TileCheckFailure) -> TileNodeSource {
        var result = try TileCheckFailure.malformed { () throws(LedgerError) in try TileNodeSource(treeSize: log.size) }
        for (tile, hashes) in try await hashes(of: tiles) {
            try TileCheckFailure.invalid { () throws(LedgerError) in try result.add(tile, hashes: hashes) }
        }
        return result
    }

    /// The hashes of each of `tiles`, in order, at most ``parallelism`` fetches at a time.
    func hashes(of tiles: [Tile]) async throws(TileCheckFailure) -> [(Tile, [Hash32])] {
        try await parallel(tiles) { tile throws(TileCheckFailure) in try await hashes(tile) }
    }

    /// `body` over `items`, at most ``parallelism`` at a time, results in order.
    func parallel<Item: Sendable, Result: Sendable>(
        _ items: [Item], _ body: @escaping @Sendable (Item) async throws(TileCheckFailure) -> Result
    ) async throws(TileCheckFailure) -> [Result] {
        do {
            return try await withThrowingTaskGroup(of: (Int, Result).self) { group in
                var results: [Result?] = Array(repeating: nil, count: items.count)
                var next = 0
                while next < min(Self.parallelism, items.count) {
                    let (position, item) = (next, items[next])
                    group.addTask { (position, try await body(item)) }
                    next += 1
                }
                while let (position, result) = try await group.next() {
                    results[position] = result
                    if next < items.count {
                        let (position, item) = (next, items[next])
                        group.addTask { (position, try await body(item)) }
                        next += 1
                    }
                }
                return results.map { $0! }
            }
        } catch let failure as TileCheckFailure {
            throw failure
        } catch {
            throw .malformed("\(error)")
        }
    }

    private func fetch(_ path: String) async throws(TileCheckFailure) -> [UInt8]? {
        do {
            return try await source.fetch(path)
        } catch {
            throw .malformed(error.description)
        }
    }
}

/// `tiles verify --all`: every tile and entry bundle through a `TileAuditor`, level 0 in
/// windows fetched in parallel, with progress on a terminal.
struct TileLogAudit {
    let log: TileVerifier
    let checkpoint: Checkpoint
    let fetcher: TileFetcher

    func run() async throws(TileCheckFailure) -> TileAuditor.Summary {
        let upperTiles = log.allTiles.filter { $0.level > 0 }
        var upper: [Tile: [Hash32]] = [:]
        for (tile, hashes) in try await fetcher.hashes(of: upperTiles) {
            // A full tile served in place of a partial one: keep the prefix the tree has.
            let expected = upperTiles.first { $0.level == tile.level && $0.index == tile.index }!
            upper[expected] = Array(hashes.prefix(expected.width))
        }
        var auditor = try TileCheckFailure.invalid { () throws(LedgerError) in
            try TileAuditor(checkpoint: checkpoint, upperTiles: upper)
        }
        let levelZero = Tile.tiles(level: 0, treeSize: log.size)
        let progress = Progress("audit: level-0 tiles and bundles", total: levelZero.count)
        let window = TileFetcher.parallelism * 4
        var start = 0
        while start < levelZero.count {
            let slice = Array(levelZero[start..<min(start + window, levelZero.count)])
            let fetcher = self.fetcher
            let fetched = try await fetcher.parallel(slice) { tile throws(TileCheckFailure) in
                let (_, hashes) = try await fetcher.hashes(tile)
                return (Array(hashes.prefix(tile.width)), try await fetcher.entries(tile))
            }
            for (tile, (hashes, entries)) in zip(slice, fetched) {
                try TileCheckFailure.invalid { () throws(LedgerError) in
                    try auditor.consume(tile, hashes: hashes, entries: entries)
                }
            }
            start += slice.count
            progress.update(start)
        }
        progress.finish()
        return try TileCheckFailure.invalid { () throws(LedgerError) in try auditor.finish() }
    }
}
