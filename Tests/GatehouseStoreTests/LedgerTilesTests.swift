import GRDB
import GatehouseCore
import GatehouseStore
import Testing

@Suite struct LedgerTilesTests {
    /// The stored leaf hashes and the reference tree built from them in memory.
    static func reference(_ db: Database) throws -> (entries: [[UInt8]], tree: InMemoryMerkleTree) {
        let size = try LedgerStore.size(in: db)
        let entries = try (0..<size).map { try #require(try LedgerStore.entry(sequence: UInt64($0), in: db)).bytes }
        return (entries, InMemoryMerkleTree(leafHashes: entries.map { Merkle.leafHash($0) }))
    }

    /// Every tile and bundle read from the store is the reference tree's, and the export
    /// streams the same bytes for exactly the tree's resources.
    @Test(arguments: [1, 255, 256, 257, 700])
    func tilesAreTheReferenceTreesHashes(size: Int) throws {
        try LedgerFixture.withWorkspace { workspace in
            try LedgerFixture.fill(workspace, count: size, chunk: 97)
            try workspace.database.read { db in
                let (entries, tree) = try Self.reference(db)
                var exported: [TileResource: [UInt8]] = [:]
                try LedgerStore.forEachTile(ofTreeSize: size, in: db) { resource, bytes in
                    #expect(exported.updateValue(bytes, forKey: resource) == nil, "\(resource) twice")
                }
                let tiles = Tile.tiles(ofTreeSize: size)
                #expect(exported.count == tiles.count + tiles.filter { $0.level == 0 }.count)
                for tile in tiles {
                    let expected = TileData.encode(hashes: try tile.nodes.map { try tree.node(level: $0.level, index: $0.index) })
                    #expect(try LedgerStore.tileData(.hashes(tile), in: db) == expected, "\(tile)")
                    #expect(exported[.hashes(tile)] == expected, "\(tile) exported")
                    guard tile.level == 0 else { continue }
                    let bundle = try #require(try LedgerStore.tileData(.entries(tile), in: db))
                    #expect(exported[.entries(tile)] == bundle)
                    let decoded = try TileData.decodeEntries(bundle, of: tile)
                    #expect(decoded == Array(entries[tile.firstNodeIndex..<(tile.firstNodeIndex + tile.width)]))
                }
            }
        }
    }

    @Test func tilesBeyondTheLogAreNotServedAndPartialTilesStay() throws {
        try LedgerFixture.withWorkspace { workspace in
            try LedgerFixture.fill(workspace, count: 300)
            try workspace.database.read { db in
                let partial = try Tile(level: 0, index: 1, width: 44)
                #expect(try LedgerStore.tileData(.hashes(partial), in: db)?.count == 44 * 32)
                #expect(try LedgerStore.tileData(.entries(partial), in: db) != nil)
                // An older, narrower partial tile is still the same prefix.
                let older = try #require(try LedgerStore.tileHashes(Tile(level: 0, index: 1, width: 10), in: db))
                #expect(older == Array(try #require(try LedgerStore.tileHashes(partial, in: db)).prefix(10)))
                for absent in [
                    try Tile(level: 0, index: 1, width: 45), try Tile(level: 0, index: 1), try Tile(level: 0, index: 2, width: 1),
                    try Tile(level: 1, index: 0, width: 2), try Tile(level: 2, index: 0, width: 1),
                    try Tile(level: 63, index: 0, width: 1), try Tile(level: 0, index: Tile.maximumIndex),
                ] {
                    #expect(try LedgerStore.tileData(.hashes(absent), in: db) == nil, "\(absent)")
                    #expect(try LedgerStore.tileData(.entries(absent), in: db) == nil, "\(absent)")
                }
                #expect(try LedgerStore.tileData(.hashes(Tile(level: 1, index: 0, width: 1)), in: db) != nil)
                #expect(throws: LedgerStoreError.self) { try LedgerStore.forEachTile(ofTreeSize: 301, in: db) { _, _ in } }
            }
        }
    }

    /// An auditor holding only the checkpoint note, the verifier key and the served tiles
    /// proves inclusion and consistency, and gets the proofs the store gives.
    @Test func proofsFromServedTilesVerifyAgainstTheCheckpoint() throws {
        try LedgerFixture.withWorkspace { workspace in
            try LedgerFixture.fill(workspace, count: 1_100, chunk: 100, checkpoints: [300, 1_100])
            let verifier = try LedgerKeys.loadVerifier(from: workspace.keysDirectory)
            try workspace.database.read { db in
                let note = try #require(try LedgerStore.checkpointNote(in: db))
                #expect(note == (try LedgerStore.latestCheckpoint(in: db))?.note)
                let checkpoint = try Checkpoint.verified(note: note, by: verifier)
                #expect(checkpoint.size == 1_100)
                let log = TileVerifier(checkpoint: checkpoint)
                func fetch(_ tiles: [Tile]) throws -> TileNodeSource {
                    var source = try TileNodeSource(treeSize: log.size)
                    for tile in tiles {
                        let bytes = try #require(try LedgerStore.tileData(.hashes(tile), in: db))
                        try source.add(tile, hashes: TileData.decodeHashes(bytes, of: tile))
                    }
                    return source
                }
                try log.verifyRoot(tiles: fetch(log.tilesForRoot()))
                for sequence in [0, 255, 256, 299, 300, 1_023, 1_024, 1_099] {
                    let bundleTile = try log.entryTile(of: sequence)
                    let bundle = try #require(try LedgerStore.tileData(.entries(bundleTile), in: db))
                    let entry = try TileData.decodeEntries(bundle, of: bundleTile)[sequence % 256]
                    #expect(try LedgerEntry(decoding: entry).sequence == UInt64(sequence))
                    let proof = try log.verifyInclusion(
                        leafHash: Merkle.leafHash(entry), index: sequence, tiles: fetch(log.tilesForInclusion(of: sequence)))
                    #expect(proof == (try LedgerStore.inclusionProof(sequence: UInt64(sequence), size: 1_100, in: db)).proof)
                }
                let old = try Checkpoint.verified(note: try #require(try LedgerStore.checkpoint(size: 300, in: db)).note, by: verifier)
                let proof = try log.verifyConsistency(
                    from: old.size, oldRoot: old.root, tiles: fetch(log.tilesForConsistency(from: old.size)))
                #expect(proof == (try LedgerStore.consistencyProof(from: 300, to: 1_100, in: db)).proof)
            }
        }
    }

    @Test func aLogWithoutCheckpointsHasNoNote() throws {
        try LedgerFixture.withWorkspace { workspace in
            try workspace.database.read { db in
                #expect(try LedgerStore.checkpointNote(in: db) == nil)
                var count = 0
                try LedgerStore.forEachTile(ofTreeSize: 0, in: db) { _, _ in count += 1 }
                #expect(count == 0)
            }
        }
    }
}
