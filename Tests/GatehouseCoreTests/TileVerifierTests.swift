import GatehouseCore
import Testing

/// The tiles of the first `size` leaves of `tree`, read from its perfect-subtree hashes.
func makeTiles(of tree: InMemoryMerkleTree, size: Int) throws -> [Tile: [Hash32]] {
    var result: [Tile: [Hash32]] = [:]
    for tile in Tile.tiles(ofTreeSize: size) {
        result[tile] = try tile.nodes.map { try tree.node(level: $0.level, index: $0.index) }
    }
    return result
}

/// A tile source holding just `needed` of `all`.
func source(size: Int, _ all: [Tile: [Hash32]], only needed: [Tile]) throws -> TileNodeSource {
    try TileNodeSource(treeSize: size, tiles: all.filter { needed.contains($0.key) })
}

@Suite struct TileVectorTests {
    let vectors = RFC6962Vectors.shared

    /// The RFC 6962 reference proofs, computed from the one partial tile of each tree.
    @Test(arguments: RFC6962Vectors.shared.inclusionExamples)
    func inclusionExampleFromTiles(_ example: RFC6962Vectors.Inclusion) throws {
        let tree = InMemoryMerkleTree(leafHashes: vectors.leafHashes)
        let root = try #require(Hash32(hex: example.rootHex))
        let log = TileVerifier(size: example.treeSize, root: root)
        let tiles = try makeTiles(of: tree, size: example.treeSize)
        #expect(tiles.keys.map(\.path) == ["tile/0/000.p/\(example.treeSize)"])
        let needed = try log.tilesForInclusion(of: example.leafIdx)
        let proof = try log.verifyInclusion(
            leafHash: try #require(Hash32(hex: example.leafHashHex)), index: example.leafIdx,
            tiles: source(size: example.treeSize, tiles, only: needed))
        #expect(proof == hashes(example.proofHex))
        try log.verifyRoot(tiles: TileNodeSource(treeSize: example.treeSize, tiles: tiles))
    }

    @Test(arguments: RFC6962Vectors.shared.consistencyExamples)
    func consistencyExampleFromTiles(_ example: RFC6962Vectors.Consistency) throws {
        let tree = InMemoryMerkleTree(leafHashes: vectors.leafHashes)
        let log = TileVerifier(size: example.size2, root: try #require(Hash32(hex: example.root2Hex)))
        let tiles = try makeTiles(of: tree, size: example.size2)
        let proof = try log.verifyConsistency(
            from: example.size1, oldRoot: try #require(Hash32(hex: example.root1Hex)),
            tiles: source(size: example.size2, tiles, only: log.tilesForConsistency(from: example.size1)))
        #expect(proof == hashes(example.proofHex))
    }

    @Test(arguments: 0...8)
    func rootsFromTiles(size: Int) throws {
        let tree = InMemoryMerkleTree(leafHashes: vectors.leafHashes)
        let expected = size == 0 ? vectors.emptyRootHex : try #require(vectors.rootsBySizeHex[String(size)])
        let log = TileVerifier(size: size, root: try #require(Hash32(hex: expected)))
        let tiles = try makeTiles(of: tree, size: size)
        #expect(try log.root(from: source(size: size, tiles, only: log.tilesForRoot())).hex == expected)
    }
}

@Suite struct TileVerifierTests {
    /// Sizes around every tile edge: a level-0 tile's, a level-1 tile's (65,536 leaves).
    static let sizes = [1, 2, 3, 7, 8, 9, 255, 256, 257, 511, 512, 513, 767, 768, 769, 1_000, 4_095, 4_096, 4_097, 65_535, 65_536, 65_537, 66_000]

    /// Proofs computed from tiles are the proofs the core computes from the tree, and verify.
    @Test(arguments: sizes)
    func proofsFromTilesMatchTheTree(size: Int) throws {
        var rng = SplitMix64(seed: UInt64(size))
        let tree = InMemoryMerkleTree(leafHashes: (0..<size).map { _ in Hash32.random(using: &rng) })
        let tiles = try makeTiles(of: tree, size: size)
        let log = TileVerifier(size: size, root: tree.root)
        #expect(log.tilesForRoot().count <= Tile.levelCount(treeSize: size))
        try log.verifyRoot(tiles: source(size: size, tiles, only: log.tilesForRoot()))
        let edges = [0, 1, size / 2, size - 1, size - 2, 255, 256, 257, 65_535, 65_536].filter { 0 <= $0 && $0 < size }
        for index in edges + (0..<20).map({ _ in Int.random(in: 0..<size, using: &rng) }) {
            let needed = try log.tilesForInclusion(of: index)
            #expect(needed.count <= 2 * Tile.levelCount(treeSize: size), "tiles for \(index) of \(size)")
            let proof = try log.verifyInclusion(
                leafHash: tree.leafHash(at: index), index: index, tiles: source(size: size, tiles, only: needed))
            #expect(proof == (try Merkle.inclusionProof(index: index, size: size, nodes: tree)))
        }
        let oldSizes = [0, 1, size - 1, size, size / 2, 256, 65_536].filter { 0 <= $0 && $0 <= size }
        for oldSize in oldSizes + (0..<10).map({ _ in Int.random(in: 0...size, using: &rng) }) {
            let needed = try log.tilesForConsistency(from: oldSize)
            #expect(needed.count <= 2 * Tile.levelCount(treeSize: size), "tiles from \(oldSize) to \(size)")
            let oldRoot = try Merkle.root(size: oldSize, nodes: tree)
            let proof = try log.verifyConsistency(
                from: oldSize, oldRoot: oldRoot, tiles: source(size: size, tiles, only: needed))
            #expect(proof == (try Merkle.consistencyProof(size1: oldSize, size2: size, nodes: tree)))
        }
    }

    /// Every index and every earlier size of every tree up to 600 leaves (three partial
    /// level-0 tiles and two level-1 widths).
    @Test func everyProofOfSmallTrees() throws {
        var rng = SplitMix64(seed: 600)
        let leaves = (0..<600).map { _ in Hash32.random(using: &rng) }
        let tree = InMemoryMerkleTree(leafHashes: leaves)
        let roots = try (0...600).map { try Merkle.root(size: $0, nodes: tree) }
        for size in [1, 2, 5, 128, 255, 256, 257, 300, 511, 512, 513, 600] {
            let tiles = try TileNodeSource(treeSize: size, tiles: makeTiles(of: tree, size: size))
            let log = TileVerifier(size: size, root: roots[size])
            for index in 0..<size {
                try log.verifyInclusion(leafHash: leaves[index], index: index, tiles: tiles)
            }
            for oldSize in 0...size {
                try log.verifyConsistency(from: oldSize, oldRoot: roots[oldSize], tiles: tiles)
            }
        }
    }

    /// A forged tile — any needed tile with its hashes changed — makes the proof fail.
    @Test(arguments: [300, 4_097, 65_537])
    func aForgedTileFailsTheProof(size: Int) throws {
        var rng = SplitMix64(seed: 7 &* UInt64(size))
        let tree = InMemoryMerkleTree(leafHashes: (0..<size).map { _ in Hash32.random(using: &rng) })
        let tiles = try makeTiles(of: tree, size: size)
        let log = TileVerifier(size: size, root: tree.root)
        for _ in 0..<10 {
            let index = Int.random(in: 0..<size, using: &rng)
            for forged in try log.tilesForInclusion(of: index) {
                var bad = tiles
                bad[forged] = tiles[forged]!.map { $0.flipping(byte: 31) }
                let error = #expect(throws: LedgerError.self) {
                    try log.verifyInclusion(
                        leafHash: tree.leafHash(at: index), index: index, tiles: TileNodeSource(treeSize: size, tiles: bad))
                }
                #expect(error?.code == .invalidProof)
            }
            let oldSize = Int.random(in: 1..<size, using: &rng)
            let oldRoot = try Merkle.root(size: oldSize, nodes: tree)
            for forged in try log.tilesForConsistency(from: oldSize) {
                var bad = tiles
                bad[forged] = tiles[forged]!.map { $0.flipping(byte: 0) }
                let error = #expect(throws: LedgerError.self) {
                    try log.verifyConsistency(from: oldSize, oldRoot: oldRoot, tiles: TileNodeSource(treeSize: size, tiles: bad))
                }
                #expect(error?.code == .invalidProof)
            }
        }
        // A wrong leaf, a wrong old root, and another tree's root fail too.
        let all = try TileNodeSource(treeSize: size, tiles: tiles)
        #expect(throws: LedgerError.self) {
            try log.verifyInclusion(leafHash: tree.leafHash(at: 1), index: 0, tiles: all)
        }
        #expect(throws: LedgerError.self) {
            try log.verifyConsistency(from: size / 2, oldRoot: tree.root, tiles: all)
        }
        #expect(throws: LedgerError.self) {
            try TileVerifier(size: size, root: tree.root.flipping(byte: 3)).verifyRoot(tiles: all)
        }
    }

    @Test func aMissingTileIsNamed() throws {
        var rng = SplitMix64(seed: 9)
        let tree = InMemoryMerkleTree(leafHashes: (0..<1_000).map { _ in Hash32.random(using: &rng) })
        let log = TileVerifier(size: 1_000, root: tree.root)
        let error = #expect(throws: LedgerError.self) {
            try log.verifyInclusion(leafHash: tree.leafHash(at: 3), index: 3, tiles: TileNodeSource(treeSize: 1_000))
        }
        #expect(error?.code == .nodeMissing)
        #expect(error?.context.contains("tile/") == true)
        #expect(throws: LedgerError.self) { try log.tilesForInclusion(of: 1_000) }
        #expect(throws: LedgerError.self) { try log.entryTile(of: -1) }
        #expect(try log.entryTile(of: 999).path == "tile/0/003.p/232")
    }

    /// A client may fetch the full tile when the partial one is gone: the tiles of a larger
    /// tree prove a smaller tree's checkpoint.
    @Test func tilesOfALargerTreeProveAnEarlierCheckpoint() throws {
        var rng = SplitMix64(seed: 11)
        let tree = InMemoryMerkleTree(leafHashes: (0..<70_000).map { _ in Hash32.random(using: &rng) })
        let later = try makeTiles(of: tree, size: 70_000)
        for size in [300, 65_536, 69_999] {
            let log = TileVerifier(size: size, root: try Merkle.root(size: size, nodes: tree))
            let wider = later.filter { tile, _ in Tile.inTree(level: tile.level, index: tile.index, treeSize: size) != nil }
            let tiles = try TileNodeSource(treeSize: size, tiles: wider)
            try log.verifyRoot(tiles: tiles)
            for index in [0, size / 3, size - 1] {
                try log.verifyInclusion(leafHash: tree.leafHash(at: index), index: index, tiles: tiles)
            }
        }
    }

    @Test func aTileWithTheWrongCountIsMalformed() throws {
        let tile = try Tile(level: 0, index: 0, width: 3)
        #expect(throws: LedgerError.self) { try TileNodeSource(treeSize: 3, tiles: [tile: [.zero, .zero]]) }
    }
}
