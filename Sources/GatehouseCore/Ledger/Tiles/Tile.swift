/// A tile of the log's Merkle tree, as C2SP tlog-tiles serves it: up to 256 consecutive
/// hashes of one tree level.
///
/// The tile at tile level `l`, index `n` holds the hashes of the perfect subtrees at Merkle
/// level `8·l`, indices `n·256 ..< n·256 + width`: at level 0 the leaf hashes, at level 1
/// the roots of full level-0 tiles, and so on. Every hash in a tile, partial or full, is
/// the hash of a *perfect* subtree, so it never changes; a partial tile (width below 256)
/// is the first `width` hashes of the full tile it will become.
///
/// ```swift
/// let tile = try Tile(level: 0, index: 1_234_067, width: 5)
/// tile.path         // "tile/0/x001/x234/067.p/5"
/// tile.entriesPath  // "tile/entries/x001/x234/067.p/5"
/// ```
public struct Tile: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The hashes in a full tile.
    public static let fullWidth = 256
    /// The Merkle levels one tile level spans (256 = 2⁸).
    public static let height = 8
    /// The highest tile level a tlog-tiles path may name.
    public static let maximumLevel = 63
    /// The largest tile index: the end of its hashes still has an `Int` index in their level.
    public static let maximumIndex = (Int.max - fullWidth) / fullWidth

    /// The tile level, from 0 (leaf hashes) to 63.
    public let level: Int
    /// The tile's index within its level, from 0.
    public let index: Int
    /// The number of hashes, from 1 to 256; 256 is a full tile, anything less a partial one.
    public let width: Int

    /// A tile at (`level`, `index`) holding `width` hashes.
    ///
    /// - Throws: ``LedgerError/Code/malformed`` unless `0 ≤ level ≤ 63`,
    ///   `0 ≤ index ≤` ``maximumIndex`` and `1 ≤ width ≤ 256`.
    public init(level: Int, index: Int, width: Int = Tile.fullWidth) throws(LedgerError) {
        guard (0...Self.maximumLevel).contains(level) else {
            throw LedgerError(.malformed, "a tile level is from 0 to \(Self.maximumLevel), not \(level)")
        }
        guard (0...Self.maximumIndex).contains(index) else {
            throw LedgerError(.malformed, "a tile index is from 0 to \(Self.maximumIndex), not \(index)")
        }
        guard (1...Self.fullWidth).contains(width) else {
            throw LedgerError(.malformed, "a tile holds 1 to \(Self.fullWidth) hashes, not \(width)")
        }
        self.level = level
        self.index = index
        self.width = width
    }

    /// For values already known to be in range.
    init(unchecked level: Int, _ index: Int, _ width: Int) {
        self.level = level
        self.index = index
        self.width = width
    }

    /// True for a tile of 256 hashes.
    public var isFull: Bool { width == Self.fullWidth }

    /// The Merkle level of the tile's hashes: `8 · level`.
    public var merkleLevel: Int { level * Self.height }

    /// The perfect subtrees whose hashes the tile holds, in order.
    public var nodes: [MerkleNodeID] {
        (0..<width).map { MerkleNodeID(level: merkleLevel, index: index * Self.fullWidth + $0) }
    }

    /// The index, within its Merkle level, of the tile's first hash.
    public var firstNodeIndex: Int { index * Self.fullWidth }

    /// The full tile at the same place (itself when already full).
    public var full: Tile { Tile(unchecked: level, index, Self.fullWidth) }

    /// True when the tree of `size` leaves holds every hash of this tile (it holds any
    /// prefix of a tile it has begun, so a partial tile stays available as the tree grows).
    public func isAvailable(inTreeOfSize size: Int) -> Bool {
        firstNodeIndex + width <= Self.nodeCount(level: level, treeSize: size)
    }

    public static func < (lhs: Tile, rhs: Tile) -> Bool {
        (lhs.level, lhs.index, lhs.width) < (rhs.level, rhs.index, rhs.width)
    }

    /// The tile's path, e.g. `tile/0/x001/234.p/5`.
    public var description: String { path }
}

extension Tile {
    /// The number of hashes at tile level `level` in a tree of `treeSize` leaves: the
    /// perfect subtrees of Merkle level `8 · level`, `⌊treeSize / 256^level⌋`.
    public static func nodeCount(level: Int, treeSize: Int) -> Int {
        guard treeSize > 0, level >= 0 else { return 0 }
        return treeSize >> (level * height)
    }

    /// The width of the partial tile at `level` in a tree of `treeSize` leaves,
    /// `⌊treeSize / 256^level⌋ mod 256`; 0 when that level has no partial tile.
    public static func partialWidth(level: Int, treeSize: Int) -> Int {
        nodeCount(level: level, treeSize: treeSize) % fullWidth
    }

    /// The tile at (`level`, `index`) as the tree of `treeSize` leaves has it (full, or
    /// the rightmost partial), or nil when the tree has no hash of it.
    public static func inTree(level: Int, index: Int, treeSize: Int) -> Tile? {
        guard (0...maximumLevel).contains(level), (0...maximumIndex).contains(index) else { return nil }
        let remaining = nodeCount(level: level, treeSize: treeSize) - index * fullWidth
        guard remaining > 0 else { return nil }
        return Tile(unchecked: level, index, min(remaining, fullWidth))
    }

    /// Every tile of the tree of `treeSize` leaves, level by level, left to right: the
    /// full tiles of each level, then its partial tile if it has one. An empty tree has none.
    ///
    /// A tree of 70,000 leaves has 273 full level-0 tiles and one of width 112, a full
    /// level-1 tile and one of width 17, and a level-2 tile of width 1.
    ///
    /// - Complexity: O(n / 256) tiles.
    public static func tiles(ofTreeSize treeSize: Int) -> [Tile] {
        var result: [Tile] = []
        var level = 0
        while nodeCount(level: level, treeSize: treeSize) > 0 {
            result.append(contentsOf: tiles(level: level, treeSize: treeSize))
            level += 1
        }
        return result
    }

    /// The tiles of one level of the tree of `treeSize` leaves, left to right.
    public static func tiles(level: Int, treeSize: Int) -> [Tile] {
        let count = nodeCount(level: level, treeSize: treeSize)
        var result = (0..<(count / fullWidth)).map { Tile(unchecked: level, $0, fullWidth) }
        if count % fullWidth > 0 {
            result.append(Tile(unchecked: level, count / fullWidth, count % fullWidth))
        }
        return result
    }

    /// The levels of the tree of `treeSize` leaves that have tiles (0 for an empty tree).
    public static func levelCount(treeSize: Int) -> Int {
        var level = 0
        while nodeCount(level: level, treeSize: treeSize) > 0 { level += 1 }
        return level
    }
}
