/// A Merkle tree held in memory: every perfect-subtree hash, by level.
///
/// It is the reference ``MerkleNodeSource`` for tests and small logs, and shows what a
/// store keeps: the rows that ``MerkleAppender`` returns, nothing else.
public struct InMemoryMerkleTree: MerkleNodeSource, Sendable {
    /// `levels[l][i]` is the node at (l, i).
    private var levels: [[Hash32]] = []
    private var appender = MerkleAppender()

    /// An empty tree.
    public init() {}

    /// A tree over `leafHashes`, in order.
    public init(leafHashes: some Sequence<Hash32>) {
        for hash in leafHashes {
            append(leafHash: hash)
        }
    }

    /// The number of leaves.
    public var size: Int { appender.size }

    /// The root of the whole tree.
    public var root: Hash32 { appender.root }

    /// Appends one leaf hash and stores the perfect-subtree nodes it completes.
    ///
    /// - Complexity: amortized O(1), at worst O(log n) hashes.
    public mutating func append(leafHash: Hash32) {
        for write in appender.append(leafHash: leafHash) {
            let level = write.node.level
            if level == levels.count { levels.append([]) }
            precondition(levels[level].count == write.node.index, "nodes arrive in order")
            levels[level].append(write.hash)
        }
    }

    public func node(level: Int, index: Int) throws -> Hash32 {
        guard level >= 0, index >= 0, level < levels.count, index < levels[level].count else {
            throw LedgerError(.nodeMissing, "no perfect subtree at level \(level), index \(index)")
        }
        return levels[level][index]
    }

    /// The leaf hash at `index`.
    public func leafHash(at index: Int) throws -> Hash32 {
        try node(level: 0, index: index)
    }

    /// The number of stored nodes (all levels).
    public var nodeCount: Int { levels.reduce(0) { $0 + $1.count } }
}
