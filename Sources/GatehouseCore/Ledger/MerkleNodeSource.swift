/// The address of a perfect subtree: `level` 0 is a leaf, and the node at
/// (`level`, `index`) covers leaves `index·2^level ..< (index+1)·2^level`.
///
/// A perfect subtree never changes once the tree holds all its leaves, so a store
/// can keep one immutable row per node, keyed by (level, index).
public struct MerkleNodeID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var level: Int
    public var index: Int

    public init(level: Int, index: Int) {
        self.level = level
        self.index = index
    }

    /// The leaves this node covers.
    public var leaves: Range<Int> { (index << level)..<((index + 1) << level) }

    public static func < (lhs: MerkleNodeID, rhs: MerkleNodeID) -> Bool {
        (lhs.level, lhs.index) < (rhs.level, rhs.index)
    }

    public var description: String { "(\(level), \(index))" }
}

/// A perfect-subtree hash to persist, as returned by ``MerkleAppender``.
public struct MerkleNodeWrite: Sendable, Hashable {
    public var node: MerkleNodeID
    public var hash: Hash32

    public init(node: MerkleNodeID, hash: Hash32) {
        self.node = node
        self.hash = hash
    }
}

/// Where proofs and roots read perfect-subtree hashes from: a table keyed by
/// (level, index), or memory.
///
/// Proof generation asks for O(log n) nodes, all at once through ``nodes(_:)``,
/// so a database adapter can answer with one query.
public protocol MerkleNodeSource {
    /// The hash of the perfect subtree at (`level`, `index`).
    ///
    /// - Throws: when the node is not stored (typically ``LedgerError/Code/nodeMissing``)
    ///   or the store fails.
    func node(level: Int, index: Int) throws -> Hash32

    /// The hashes of several perfect subtrees. The default calls ``node(level:index:)``
    /// for each; a database adapter can override it with one query.
    func nodes(_ ids: [MerkleNodeID]) throws -> [MerkleNodeID: Hash32]
}

extension MerkleNodeSource {
    public func nodes(_ ids: [MerkleNodeID]) throws -> [MerkleNodeID: Hash32] {
        var result: [MerkleNodeID: Hash32] = [:]
        result.reserveCapacity(ids.count)
        for id in ids {
            result[id] = try node(level: id.level, index: id.index)
        }
        return result
    }
}
