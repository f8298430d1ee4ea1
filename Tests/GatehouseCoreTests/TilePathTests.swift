import GatehouseCore
import Testing

@Suite struct TilePathTests {
    @Test(arguments: [
        (0, 0, 256, "tile/0/000", "tile/entries/000"),
        (0, 5, 3, "tile/0/005.p/3", "tile/entries/005.p/3"),
        (0, 999, 256, "tile/0/999", "tile/entries/999"),
        (0, 1000, 255, "tile/0/x001/000.p/255", "tile/entries/x001/000.p/255"),
        (1, 1_234_067, 256, "tile/1/x001/x234/067", "tile/entries/x001/x234/067"),
        (2, 1000, 17, "tile/2/x001/000.p/17", "tile/entries/x001/000.p/17"),
        (63, 7, 1, "tile/63/007.p/1", "tile/entries/007.p/1"),
        (0, 1_000_000_000, 256, "tile/0/x001/x000/x000/000", "tile/entries/x001/x000/x000/000"),
    ])
    func pathsAndTheirParse(level: Int, index: Int, width: Int, path: String, entriesPath: String) throws {
        let tile = try Tile(level: level, index: index, width: width)
        #expect(tile.path == path)
        #expect(tile.entriesPath == entriesPath)
        #expect(TileResource(path: path) == .hashes(tile))
        if level == 0 {
            #expect(TileResource(path: entriesPath) == .entries(tile))
        }
        #expect(TileResource(path: path)?.path == path)
    }

    @Test(arguments: [
        "tile/0/5",  // not three digits
        "tile/0/0005",
        "tile/00/000",  // a level with a leading zero
        "tile/64/000",  // beyond level 63
        "tile/-1/000",
        "tile/0/x000/005",  // a leading x000 group: 5 has one spelling
        "tile/0/001/002",  // a non-final group without x
        "tile/0/x001",  // a final group with x
        "tile/0/x01/000",
        "tile/0/0a0",
        "tile/0/000.p/0",  // empty tiles are never served
        "tile/0/000.p/256",  // a full tile has no .p
        "tile/0/000.p/07",
        "tile/0/000.p",
        "tile/0/000.p/3/4",
        "tile/0/000/",
        "/tile/0/000",
        "tile/0",
        "tile/entries",
        "tile/entries/000.p",
        "tiles/0/000",
        "tile/0/x999/x999/x999/x999/x999/x999/999",  // an index past Tile.maximumIndex
        "tile/0/x999/x999/x999/x999/x999/x999/x999/999",
        "",
    ])
    func nonCanonicalPathsAreRejected(path: String) {
        #expect(TileResource(path: path) == nil)
    }

    @Test func indexPathGroups() {
        #expect(Tile.indexPath(0) == "000")
        #expect(Tile.indexPath(42) == "042")
        #expect(Tile.indexPath(1000) == "x001/000")
        #expect(Tile.indexPath(1_234_067) == "x001/x234/067")
        #expect(Tile.indexPath(Tile.maximumIndex) == "x036/x028/x797/x018/x963/966")
        #expect(TileResource(path: "tile/0/x036/x028/x797/x018/x963/966")?.tile.index == Tile.maximumIndex)
        #expect(TileResource(path: "tile/0/x036/x028/x797/x018/x963/967") == nil)
    }

    @Test func invalidTilesAreRejected() {
        #expect(throws: LedgerError.self) { try Tile(level: 0, index: 0, width: 0) }
        #expect(throws: LedgerError.self) { try Tile(level: 0, index: 0, width: 257) }
        #expect(throws: LedgerError.self) { try Tile(level: 64, index: 0) }
        #expect(throws: LedgerError.self) { try Tile(level: 0, index: -1) }
        #expect(throws: LedgerError.self) { try Tile(level: 0, index: Tile.maximumIndex + 1) }
    }
}

@Suite struct TileLayoutTests {
    /// The example of C2SP tlog-tiles: a tree of 70,000 entries.
    @Test func treeOfSeventyThousand() throws {
        let tiles = Tile.tiles(ofTreeSize: 70_000)
        let level0 = tiles.filter { $0.level == 0 }
        #expect(level0.filter(\.isFull).count == 273)
        #expect(level0.filter { !$0.isFull } == [try Tile(level: 0, index: 273, width: 112)])
        #expect(tiles.filter { $0.level == 1 } == [try Tile(level: 1, index: 0), try Tile(level: 1, index: 1, width: 17)])
        #expect(tiles.filter { $0.level == 2 } == [try Tile(level: 2, index: 0, width: 1)])
        #expect(tiles.count == 273 + 1 + 2 + 1)
        #expect(Tile.levelCount(treeSize: 70_000) == 3)
    }

    @Test(arguments: [
        (0, [String]()),
        (1, ["tile/0/000.p/1"]),
        (255, ["tile/0/000.p/255"]),
        (256, ["tile/0/000", "tile/1/000.p/1"]),
        (257, ["tile/0/000", "tile/0/001.p/1", "tile/1/000.p/1"]),
        (512, ["tile/0/000", "tile/0/001", "tile/1/000.p/2"]),
        (65_536, (0..<256).map { "tile/0/" + Tile.indexPath($0) } + ["tile/1/000", "tile/2/000.p/1"]),
    ])
    func tilesOfSmallTrees(size: Int, paths: [String]) {
        #expect(Tile.tiles(ofTreeSize: size).map(\.path) == paths)
    }

    @Test func partialWidths() {
        #expect(Tile.partialWidth(level: 0, treeSize: 70_000) == 112)
        #expect(Tile.partialWidth(level: 1, treeSize: 70_000) == 17)
        #expect(Tile.partialWidth(level: 2, treeSize: 70_000) == 1)
        #expect(Tile.partialWidth(level: 3, treeSize: 70_000) == 0)
        #expect(Tile.partialWidth(level: 0, treeSize: 512) == 0)
        #expect(Tile.nodeCount(level: 9, treeSize: Int.max) == 0)
    }

    @Test func availabilityAsTheTreeGrows() throws {
        let partial = try Tile(level: 0, index: 1, width: 10)
        #expect(!partial.isAvailable(inTreeOfSize: 265))
        #expect(partial.isAvailable(inTreeOfSize: 266))
        #expect(partial.isAvailable(inTreeOfSize: 10_000))
        #expect(Tile.inTree(level: 0, index: 1, treeSize: 266) == partial)
        #expect(Tile.inTree(level: 0, index: 1, treeSize: 600) == partial.full)
        #expect(Tile.inTree(level: 0, index: 2, treeSize: 512) == nil)
        #expect(Tile.inTree(level: 1, index: 0, treeSize: 255) == nil)
    }

    /// Every perfect subtree of a tree is found in exactly one of its tiles, and nothing
    /// outside the tree is.
    @Test(arguments: [1, 255, 256, 257, 4_097, 65_535, 65_536, 70_000])
    func everyPerfectSubtreeHasATile(size: Int) {
        let tiles = Set(Tile.tiles(ofTreeSize: size))
        var level = 0
        while 1 << level <= size {
            let count = size >> level
            for index in [0, count / 2, count - 1] {
                let node = MerkleNodeID(level: level, index: index)
                let found = Tile.locate(node, treeSize: size)
                #expect(found.map { tiles.contains($0.tile) } == true, "node \(node) of \(size)")
                #expect(found?.hashes.count == 1 << (level % 8))
            }
            #expect(Tile.locate(MerkleNodeID(level: level, index: count), treeSize: size) == nil)
            level += 1
        }
    }
}
