extension Tile {
    /// Where the hash of the perfect subtree `node` is found in the tiles of the tree of
    /// `treeSize` leaves: the tile (as that tree has it) and the hashes of it to combine.
    ///
    /// A node at Merkle level `8·l + r` (0 ≤ r < 8) is the root of `2^r` consecutive hashes
    /// of one tile at tile level `l`; for `r = 0` it is one hash of that tile.
    ///
    /// - Returns: nil when the tree of `treeSize` leaves does not contain the node.
    public static func locate(_ node: MerkleNodeID, treeSize: Int) -> (tile: Tile, hashes: Range<Int>)? {
        guard node.level >= 0, node.index >= 0, node.level < Int.bitWidth - 1 else { return nil }
        let level = node.level / height
        let span = node.level % height
        let (first, overflow) = node.index.multipliedReportingOverflow(by: 1 << span)
        guard !overflow, let tile = inTree(level: level, index: first / fullWidth, treeSize: treeSize) else {
            return nil
        }
        let offset = first % fullWidth
        let hashes = offset..<(offset + (1 << span))
        guard hashes.upperBound <= tile.width else { return nil }
        return (tile, hashes)
    }

    /// The tiles of the tree of `treeSize` leaves that hold the hashes of `nodes`, sorted,
    /// without duplicates.
    ///
    /// - Throws: ``LedgerError/Code/malformed`` when a node is not in that tree.
    public static func tiles(holding nodes: some Sequence<MerkleNodeID>, treeSize: Int) throws(LedgerError) -> [Tile] {
        var result = Set<Tile>()
        for node in nodes {
            guard let (tile, _) = locate(node, treeSize: treeSize) else {
                throw LedgerError(.malformed, "the tree of \(treeSize) entries has no perfect subtree \(node)")
            }
            result.insert(tile)
        }
        return result.sorted()
    }
}

/// Perfect-subtree hashes read from fetched tiles of one tree: a ``MerkleNodeSource``, so
/// the core's proof code (``Merkle/inclusionProof(index:size:nodes:)`` and friends) runs on
/// tiles as it runs on a store's node table.
///
/// A tile given wider than the tree of `treeSize` has it (the full tile in place of the
/// partial one, as a client may fetch when the partial tile is gone) serves as well.
public struct TileNodeSource: MerkleNodeSource, Sendable {
    /// The size of the tree whose tiles these are.
    public let treeSize: Int
    private var tiles: [TileKey: [Hash32]] = [:]

    private struct TileKey: Hashable {
        var level: Int
        var index: Int
    }

    /// A source over `tiles` (each tile's hashes, `width` of them) of the tree of
    /// `treeSize` leaves.
    ///
    /// - Throws: ``LedgerError/Code/malformed`` when a tile's hash count is not its width.
    public init(treeSize: Int, tiles: [Tile: [Hash32]] = [:]) throws(LedgerError) {
        self.treeSize = treeSize
        for (tile, hashes) in tiles {
            try add(tile, hashes: hashes)
        }
    }

    /// Adds a fetched tile; of two tiles at one place, the wider is kept.
    ///
    /// - Throws: ``LedgerError/Code/malformed`` when `hashes.count` is not the tile's width.
    public mutating func add(_ tile: Tile, hashes: [Hash32]) throws(LedgerError) {
        guard hashes.count == tile.width else {
            throw LedgerError(.malformed, "\(tile.path) holds \(tile.width) hashes, not \(hashes.count)")
        }
        let key = TileKey(level: tile.level, index: tile.index)
        if (tiles[key]?.count ?? 0) < hashes.count {
            tiles[key] = hashes
        }
    }

    /// The hashes of the tile at (`level`, `index`), if one was given.
    public func hashes(level: Int, index: Int) -> [Hash32]? {
        tiles[TileKey(level: level, index: index)]
    }

    /// The hash of the perfect subtree at (`level`, `index`), computed from its tile.
    ///
    /// - Throws: ``LedgerError/Code/malformed`` when the tree has no such node;
    ///   ``LedgerError/Code/nodeMissing`` when its tile (``Tile/locate(_:treeSize:)``) was
    ///   not given, or was given narrower than needed.
    public func node(level: Int, index: Int) throws -> Hash32 {
        let id = MerkleNodeID(level: level, index: index)
        guard let (tile, range) = Tile.locate(id, treeSize: treeSize) else {
            throw LedgerError(.malformed, "the tree of \(treeSize) entries has no perfect subtree \(id)")
        }
        guard let hashes = tiles[TileKey(level: tile.level, index: tile.index)], hashes.count >= range.upperBound else {
            throw LedgerError(.nodeMissing, "the tile \(tile.path) is needed and was not given")
        }
        return range.count == 1 ? hashes[range.lowerBound] : Merkle.root(leafHashes: hashes[range])
    }
}
