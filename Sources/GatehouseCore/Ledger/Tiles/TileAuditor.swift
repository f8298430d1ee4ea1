/// A monitor's check of a whole tiled log: every entry bundle hashes to its level-0 tile,
/// every hash of every higher tile is the root of the tile below it, and the tree they make
/// has the checkpoint's root.
///
/// It does no I/O and holds O(n / 256) hashes: give it the tiles of level 1 and above
/// (1/256 of the log's hashes) up front, then feed it the level-0 tiles, with their entry
/// bundles, in order (``nextTile``), and call ``finish()``.
///
/// ```swift
/// var auditor = try TileAuditor(checkpoint: checkpoint, upperTiles: fetchedUpperTiles)
/// while let tile = auditor.nextTile {
///     try auditor.consume(tile, hashes: hashes(tile), entries: bundle(tile))
/// }
/// let summary = try auditor.finish()
/// ```
public struct TileAuditor: Sendable {
    /// What a finished audit checked.
    public struct Summary: Sendable, Hashable {
        /// Entries whose leaf hash was recomputed from their bytes.
        public var entries: Int
        /// Tiles compared with the tree recomputed from the level below.
        public var tiles: Int
    }

    private let verifier: TileVerifier
    private let upper: TileNodeSource
    private var appender = MerkleAppender()
    private var writes: [MerkleNodeWrite] = []
    private var summary = Summary(entries: 0, tiles: 0)

    /// An audit of the tree of a verified checkpoint.
    ///
    /// - Parameter upperTiles: the tree's tiles of level 1 and above, each with its hashes
    ///   (``Tile/tiles(ofTreeSize:)`` lists them).
    /// - Throws: ``LedgerError/Code/malformed`` when a tile of level 1 or above is missing,
    ///   is not one of the tree's, or holds the wrong number of hashes.
    public init(checkpoint: Checkpoint, upperTiles: [Tile: [Hash32]]) throws(LedgerError) {
        verifier = TileVerifier(checkpoint: checkpoint)
        let expected = Set(Tile.tiles(ofTreeSize: checkpoint.size).filter { $0.level > 0 })
        for tile in expected where upperTiles[tile] == nil {
            throw LedgerError(.malformed, "the audit needs \(tile.path)")
        }
        for tile in upperTiles.keys where !expected.contains(tile) {
            throw LedgerError(.malformed, "\(tile.path) is not a tile of the tree of \(checkpoint.size) entries")
        }
        upper = try TileNodeSource(treeSize: checkpoint.size, tiles: upperTiles)
        summary.tiles = upperTiles.count
    }

    /// The level-0 tile to feed next, or nil when all have been.
    public var nextTile: Tile? {
        guard appender.size < verifier.size else { return nil }
        return Tile.inTree(level: 0, index: appender.size / Tile.fullWidth, treeSize: verifier.size)
    }

    /// Checks the next level-0 tile and its entries, and every higher tile hash it completes.
    ///
    /// - Parameters:
    ///   - tile: ``nextTile``.
    ///   - hashes: its hashes, as served.
    ///   - entries: its entry bundle's entries, as served; nil to check the hashes only.
    /// - Throws: ``LedgerError/Code/invalidProof`` naming the first entry or tile hash that
    ///   does not match; ``LedgerError/Code/malformed`` for a tile out of turn.
    public mutating func consume(_ tile: Tile, hashes: [Hash32], entries: [[UInt8]]?) throws(LedgerError) {
        guard tile == nextTile else {
            throw LedgerError(.malformed, "the audit expects \(nextTile?.path ?? "no more tiles"), not \(tile.path)")
        }
        guard hashes.count == tile.width, entries.map({ $0.count == tile.width }) ?? true else {
            throw LedgerError(.malformed, "\(tile.path) and its entry bundle hold \(tile.width) items each")
        }
        for (offset, leafHash) in hashes.enumerated() {
            if let entries {
                let recomputed = Merkle.leafHash(entries[offset])
                guard recomputed == leafHash else {
                    throw LedgerError(
                        .invalidProof,
                        "entry \(appender.size) of \(tile.entriesPath) hashes to \(recomputed.hex), but \(tile.path) has \(leafHash.hex)"
                    )
                }
                summary.entries += 1
            }
            writes.removeAll(keepingCapacity: true)
            appender.append(leafHash: leafHash, writingInto: &writes)
            for write in writes where write.node.level > 0 && write.node.level % Tile.height == 0 {
                try check(write)
            }
        }
        summary.tiles += 1
    }

    private func check(_ write: MerkleNodeWrite) throws(LedgerError) {
        let served = try TileVerifier.ledgerErrors { try upper.node(level: write.node.level, index: write.node.index) }
        guard served == write.hash else {
            let level = write.node.level / Tile.height
            let index = write.node.index / Tile.fullWidth
            let tile = Tile.inTree(level: level, index: index, treeSize: verifier.size)
            throw LedgerError(
                .invalidProof,
                "hash \(write.node.index % Tile.fullWidth) of \(tile?.path ?? "tile/\(level)") is \(served.hex), but the tiles below give \(write.hash.hex)"
            )
        }
    }

    /// Ends the audit: every level-0 tile was fed, and the recomputed root is the checkpoint's.
    ///
    /// - Throws: ``LedgerError/Code/malformed`` when tiles are still to be fed;
    ///   ``LedgerError/Code/invalidProof`` when the root differs.
    public func finish() throws(LedgerError) -> Summary {
        if let nextTile {
            throw LedgerError(.malformed, "the audit has not been given \(nextTile.path) and the tiles after it")
        }
        guard appender.root == verifier.root else {
            throw LedgerError(
                .invalidProof, "the tiles give root \(appender.root.hex), but the checkpoint signs \(verifier.root.hex)")
        }
        return summary
    }
}
