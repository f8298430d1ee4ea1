import Foundation
import GatehouseCore
import Testing

@Suite struct TileDataTests {
    @Test func tileBytesAreTheHashesConcatenated() throws {
        let hashes = (0..<3).map { Hash32.sha256([UInt8($0)]) }
        let bytes = TileData.encode(hashes: hashes)
        #expect(bytes.count == 96)
        #expect(Array(bytes[32..<64]) == hashes[1].bytes)
        let tile = try Tile(level: 0, index: 0, width: 3)
        #expect(try TileData.decodeHashes(bytes, of: tile) == hashes)
        #expect(throws: LedgerError.self) { try TileData.decodeHashes(bytes.dropLast(), of: tile) }
        #expect(throws: LedgerError.self) { try TileData.decodeHashes(bytes + [0], of: tile) }
        #expect(throws: LedgerError.self) { try TileData.decodeHashes(bytes, of: tile.full) }
    }

    /// The wire format of C2SP tlog-tiles entry bundles, byte by byte.
    @Test func entryBundleIsUInt16LengthPrefixed() throws {
        let entries: [[UInt8]] = [[0xaa], [], Array(repeating: 0x07, count: 300)]
        let bundle = try TileData.encode(entries: entries)
        #expect(Array(bundle.prefix(5)) == [0x00, 0x01, 0xaa, 0x00, 0x00])
        #expect(Array(bundle[5..<7]) == [0x01, 0x2c])
        #expect(bundle.count == 3 + 2 + 302)
        #expect(try TileData.decodeEntries(bundle, of: Tile(level: 0, index: 9, width: 3)) == entries)
    }

    @Test func largestEntryFitsAndOneMoreDoesNot() throws {
        let largest = Array(repeating: UInt8(1), count: 65_535)
        let bundle = try TileData.encode(entries: [largest])
        #expect(Array(bundle.prefix(2)) == [0xff, 0xff])
        let error = #expect(throws: LedgerError.self) { try TileData.encode(entries: [largest + [1]]) }
        #expect(error?.code == .invalidEntry)
    }

    @Test(arguments: [
        ([UInt8](), 1),  // empty: no entries
        ([0x00], 1),  // a length cut short
        ([0x00, 0x02, 0x01], 1),  // an entry cut short
        ([0x00, 0x01, 0x01, 0x00, 0x00], 1),  // one entry too many
        ([0x00, 0x01, 0x01], 2),  // one too few
    ])
    func malformedBundlesAreRejected(bytes: [UInt8], width: Int) throws {
        let tile = try Tile(level: 0, index: 0, width: width)
        let error = #expect(throws: LedgerError.self) { try TileData.decodeEntries(bytes, of: tile) }
        #expect(error?.code == .malformed)
    }
}

@Suite struct TileAuditorTests {
    /// A log of random entries and every tile and bundle of it.
    struct Log {
        var entries: [[UInt8]]
        var tree: InMemoryMerkleTree
        var tiles: [Tile: [Hash32]]
        var checkpoint: Checkpoint

        init(size: Int, seed: UInt64) throws {
            var rng = SplitMix64(seed: seed)
            entries = (0..<size).map { _ in (0..<Int.random(in: 0...40, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) } }
            tree = InMemoryMerkleTree(leafHashes: entries.map { Merkle.leafHash($0) })
            tiles = try makeTiles(of: tree, size: size)
            checkpoint = Checkpoint(origin: "example.gov/log", size: size, root: tree.root)
        }

        var upper: [Tile: [Hash32]] { tiles.filter { $0.key.level > 0 } }

        func bundle(_ tile: Tile) -> [[UInt8]] {
            Array(entries[(tile.index * 256)..<(tile.index * 256 + tile.width)])
        }
    }

    func audit(_ log: Log, upper: [Tile: [Hash32]]? = nil, edit: (Tile, inout [Hash32], inout [[UInt8]]) -> Void = { _, _, _ in })
        throws -> TileAuditor.Summary
    {
        var auditor = try TileAuditor(checkpoint: log.checkpoint, upperTiles: upper ?? log.upper)
        while let tile = auditor.nextTile {
            var hashes = log.tiles[tile]!
            var entries = log.bundle(tile)
            edit(tile, &hashes, &entries)
            try auditor.consume(tile, hashes: hashes, entries: entries)
        }
        return try auditor.finish()
    }

    @Test(arguments: [0, 1, 255, 256, 257, 65_536, 70_000])
    func anIntactLogPasses(size: Int) throws {
        let log = try Log(size: size, seed: UInt64(size))
        let summary = try audit(log)
        #expect(summary.entries == size)
        #expect(summary.tiles == Tile.tiles(ofTreeSize: size).count)
    }

    @Test func anEditedEntryIsNamed() throws {
        let log = try Log(size: 1_000, seed: 1)
        let error = #expect(throws: LedgerError.self) {
            try audit(log) { tile, _, entries in
                if tile.index == 2 { entries[5].append(0) }
            }
        }
        #expect(error?.code == .invalidProof)
        #expect(error?.context.contains("entry 517 of tile/entries/002") == true)
    }

    @Test func aLevelZeroTileAndBundleEditedTogetherFailAboveOrAtTheRoot() throws {
        let log = try Log(size: 70_000, seed: 2)
        // Tile 3 is full, so the level-1 tile catches it; tile 273 is partial: the root does.
        for (index, named) in [(3, "of tile/1/000"), (273, "root")] {
            let error = #expect(throws: LedgerError.self) {
                try audit(log) { tile, hashes, entries in
                    guard tile.index == index else { return }
                    entries[0] = [9, 9, 9]
                    hashes[0] = Merkle.leafHash(entries[0])
                }
            }
            #expect(error?.code == .invalidProof)
            #expect(error?.context.contains(named) == true, "\(error?.context ?? "")")
        }
    }

    @Test func aForgedUpperTileIsNamed() throws {
        let log = try Log(size: 70_000, seed: 3)
        var upper = log.upper
        let tile = try Tile(level: 1, index: 0)
        upper[tile]![200] = upper[tile]![200].flipping(byte: 9)
        let error = #expect(throws: LedgerError.self) { try audit(log, upper: upper) }
        #expect(error?.context.contains("hash 200 of tile/1/000") == true)
    }

    @Test func theWrongRootOrMissingTilesFail() throws {
        var log = try Log(size: 600, seed: 4)
        let upper = log.upper
        #expect(throws: LedgerError.self) { try TileAuditor(checkpoint: log.checkpoint, upperTiles: [:]) }
        var extra = upper
        extra[try Tile(level: 1, index: 1, width: 1)] = [.zero]
        #expect(throws: LedgerError.self) { try TileAuditor(checkpoint: log.checkpoint, upperTiles: extra) }
        var auditor = try TileAuditor(checkpoint: log.checkpoint, upperTiles: upper)
        #expect(throws: LedgerError.self) { try auditor.finish() }
        #expect(throws: LedgerError.self) {
            try auditor.consume(try Tile(level: 0, index: 1), hashes: log.tiles[try Tile(level: 0, index: 1)]!, entries: nil)
        }
        log.checkpoint.root = log.checkpoint.root.flipping(byte: 0)
        #expect(throws: LedgerError.self) { try audit(log) }
    }
}

/// The RFC 6962 reference tree as tlog-tiles files, written byte by byte from the vectors
/// by an independent script (Fixtures/ledger/tiles: its checkpoint is checkpoint.note).
@Suite struct TileGoldenTests {
    static func fixture(_ path: String) throws -> [UInt8] {
        let url = try #require(Bundle.module.resourceURL).appendingPathComponent("Fixtures/ledger/tiles/" + path)
        return [UInt8](try Data(contentsOf: url))
    }

    @Test func theReferenceTreesTileAndBundle() throws {
        let vectors = RFC6962Vectors.shared
        let tile = try #require(TileResource(path: "tile/0/000.p/8")).tile
        #expect(TileData.encode(hashes: vectors.leafHashes) == (try Self.fixture(tile.path)))
        let entries = vectors.leafInputsHex.map { Hex.decode($0)! }
        #expect(try TileData.encode(entries: entries) == (try Self.fixture(tile.entriesPath)))
        #expect(try TileData.decodeEntries(Self.fixture(tile.entriesPath), of: tile) == entries)
        let checkpoint = try Checkpoint(parsing: try SignedNote(parsing: String(decoding: Self.fixture("checkpoint"), as: UTF8.self)).text)
        let log = TileVerifier(checkpoint: checkpoint)
        #expect(log.allTiles == [tile])
        try log.verifyRoot(tiles: TileNodeSource(treeSize: 8, tiles: [tile: TileData.decodeHashes(Self.fixture(tile.path), of: tile)]))
    }
}
