/// An auditor's side of tlog-tiles: from a verified checkpoint and the tiles it fetched,
/// compute inclusion and consistency proofs (RFC 9162 §2.1.3–2.1.4) and check them
/// against the checkpoint's root.
///
/// It does no I/O. Ask which tiles a proof needs, fetch them (in parallel, from a server or
/// a folder), then hand them over:
///
/// ```swift
/// let checkpoint = try Checkpoint.verified(note: note, by: verifier)
/// let log = TileVerifier(checkpoint: checkpoint)
/// var tiles = try TileNodeSource(treeSize: log.size)
/// for tile in try log.tilesForInclusion(of: 1234) {
///     try tiles.add(tile, hashes: TileData.decodeHashes(try fetch(tile.path), of: tile))
/// }
/// let bundleTile = try log.entryTile(of: 1234)
/// let entries = try TileData.decodeEntries(try fetch(bundleTile.entriesPath), of: bundleTile)
/// let entry = entries[1234 % Tile.fullWidth]
/// try log.verifyInclusion(leafHash: Merkle.leafHash(entry), index: 1234, tiles: tiles)
/// ```
///
/// Tiles come from an untrusted server, so nothing in them is believed: every proof is
/// recomputed from them and verified against the signed root, and a forged or stale tile
/// makes the verification fail (short of a SHA-256 collision).
public struct TileVerifier: Sendable, Hashable {
    /// The number of entries of the checkpoint's tree.
    public let size: Int
    /// The checkpoint's root.
    public let root: Hash32

    /// A verifier for the tree of `size` entries with root `root` (take both from one
    /// verified checkpoint).
    public init(size: Int, root: Hash32) {
        precondition(size >= 0, "a tree size is not negative")
        self.size = size
        self.root = root
    }

    /// A verifier for the tree a verified checkpoint signs.
    public init(checkpoint: Checkpoint) {
        self.init(size: checkpoint.size, root: checkpoint.root)
    }

    /// Every tile of the tree (see ``Tile/tiles(ofTreeSize:)``).
    public var allTiles: [Tile] { Tile.tiles(ofTreeSize: size) }

    /// The level-0 tile whose entry bundle holds entry `index`, as this tree has it.
    ///
    /// - Throws: ``LedgerError/Code/malformed`` unless `0 ≤ index < size`.
    public func entryTile(of index: Int) throws(LedgerError) -> Tile {
        guard index >= 0, index < size,
            let tile = Tile.inTree(level: 0, index: index / Tile.fullWidth, treeSize: size)
        else {
            throw LedgerError(
                .malformed, "entry \(index) is not in a tree of \(size) entries (indices start at 0)")
        }
        return tile
    }

    /// The tiles needed to recompute the tree's root: those holding its right edge.
    public func tilesForRoot() -> [Tile] {
        (try? Tile.tiles(holding: Merkle.rightEdge(size: size), treeSize: size)) ?? []
    }

    /// The tiles needed for the inclusion proof of entry `index`.
    ///
    /// - Throws: ``LedgerError/Code/malformed`` unless `0 ≤ index < size`.
    public func tilesForInclusion(of index: Int) throws(LedgerError) -> [Tile] {
        let path = try Merkle.inclusionPath(index: index, size: size)
        return try Tile.tiles(holding: Merkle.nodesNeeded(for: path), treeSize: size)
    }

    /// The tiles needed for the consistency proof from the tree of `oldSize` entries.
    ///
    /// - Throws: ``LedgerError/Code/malformed`` unless `0 ≤ oldSize ≤ size`.
    public func tilesForConsistency(from oldSize: Int) throws(LedgerError) -> [Tile] {
        let path = try Merkle.consistencyPath(size1: oldSize, size2: size)
        return try Tile.tiles(holding: Merkle.nodesNeeded(for: path), treeSize: size)
    }

    /// The root recomputed from `tiles`.
    ///
    /// - Throws: ``LedgerError/Code/nodeMissing`` when a tile of ``tilesForRoot()`` is missing.
    public func root(from tiles: TileNodeSource) throws(LedgerError) -> Hash32 {
        try Self.ledgerErrors { try Merkle.root(size: size, nodes: tiles) }
    }

    /// Checks that `tiles` give the checkpoint's root.
    ///
    /// - Throws: ``LedgerError/Code/invalidProof`` when they give another root;
    ///   ``LedgerError/Code/nodeMissing`` when a tile of ``tilesForRoot()`` is missing.
    public func verifyRoot(tiles: TileNodeSource) throws(LedgerError) {
        let computed = try root(from: tiles)
        guard computed == root else {
            throw LedgerError(
                .invalidProof, "the tiles give root \(computed.hex), but the checkpoint signs \(root.hex)")
        }
    }

    /// The inclusion proof of entry `index` computed from `tiles`, after checking that it
    /// proves `leafHash` is entry `index` of the checkpoint's tree.
    ///
    /// - Returns: the proof, the leaf's sibling first.
    /// - Throws: ``LedgerError/Code/malformed`` unless `0 ≤ index < size`;
    ///   ``LedgerError/Code/nodeMissing`` when a tile of ``tilesForInclusion(of:)`` is missing;
    ///   ``LedgerError/Code/invalidProof`` when the proof does not lead to the root.
    @discardableResult
    public func verifyInclusion(leafHash: Hash32, index: Int, tiles: TileNodeSource) throws(LedgerError) -> [Hash32] {
        let proof = try Self.ledgerErrors { try Merkle.inclusionProof(index: index, size: size, nodes: tiles) }
        try Merkle.verifyInclusion(leafHash: leafHash, index: index, size: size, proof: proof, root: root)
        return proof
    }

    /// The consistency proof from the tree of `oldSize` entries (root `oldRoot`, from an
    /// earlier verified checkpoint) computed from `tiles`, after checking it.
    ///
    /// - Throws: ``LedgerError/Code/malformed`` unless `0 ≤ oldSize ≤ size`;
    ///   ``LedgerError/Code/nodeMissing`` when a tile of ``tilesForConsistency(from:)`` is
    ///   missing; ``LedgerError/Code/invalidProof`` when the two trees are not consistent.
    @discardableResult
    public func verifyConsistency(from oldSize: Int, oldRoot: Hash32, tiles: TileNodeSource) throws(LedgerError)
        -> [Hash32]
    {
        let proof = try Self.ledgerErrors { try Merkle.consistencyProof(size1: oldSize, size2: size, nodes: tiles) }
        try Merkle.verifyConsistency(size1: oldSize, size2: size, proof: proof, root1: oldRoot, root2: root)
        return proof
    }

    /// Runs `body`, reporting any error that is not a `LedgerError` as a missing node.
    static func ledgerErrors<T>(_ body: () throws -> T) throws(LedgerError) -> T {
        do {
            return try body()
        } catch let error as LedgerError {
            throw error
        } catch {
            throw LedgerError(.nodeMissing, "a tile could not be read: \(error)")
        }
    }
}
