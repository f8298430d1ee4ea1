/// The log appender: a state machine that holds the right edge of the tree (its
/// "compact range") and, for each new leaf, returns the perfect-subtree nodes to persist.
///
/// A store keeps every ``MerkleNodeWrite`` it is given, keyed by (level, index), and can
/// then answer any root, inclusion proof or consistency proof with O(log n) reads
/// (see ``Merkle/inclusionProof(index:size:nodes:)``). The right edge is the perfect
/// subtrees ``Merkle/rightEdge(size:)``, so an appender is restored from a store with
/// ``init(size:nodes:)`` in O(log n) reads.
public struct MerkleAppender: Sendable, Hashable {
    /// The number of leaves appended so far.
    public private(set) var size: Int
    /// The hashes of the perfect subtrees along the right edge, largest (leftmost) first:
    /// one per set bit of `size`, in the order of ``Merkle/rightEdge(size:)``.
    public private(set) var rightEdge: [Hash32]

    /// An appender for the empty tree.
    public init() {
        size = 0
        rightEdge = []
    }

    /// An appender for a tree of `size` leaves with the given right edge.
    ///
    /// - Throws: ``LedgerError/Code/malformed`` unless `rightEdge` has one hash per set
    ///   bit of `size`.
    public init(size: Int, rightEdge: [Hash32]) throws(LedgerError) {
        guard size >= 0, rightEdge.count == size.nonzeroBitCount else {
            throw LedgerError(
                .malformed,
                "a tree of \(size) leaves has \(max(size, 0).nonzeroBitCount) right-edge subtrees, not \(rightEdge.count)"
            )
        }
        self.size = size
        self.rightEdge = rightEdge
    }

    /// An appender for a stored tree of `size` leaves, reading its right edge from `nodes`.
    ///
    /// - Complexity: O(log n) node reads, in one ``MerkleNodeSource/nodes(_:)`` call.
    public init<Source: MerkleNodeSource>(size: Int, nodes: Source) throws {
        guard size >= 0 else { throw LedgerError(.malformed, "a tree size cannot be negative") }
        let ids = Merkle.rightEdge(size: size)
        let fetched = try nodes.nodes(ids)
        var edge: [Hash32] = []
        edge.reserveCapacity(ids.count)
        for id in ids {
            guard let hash = fetched[id] else {
                throw LedgerError(.nodeMissing, "no perfect subtree at \(id)")
            }
            edge.append(hash)
        }
        try self.init(size: size, rightEdge: edge)
    }

    /// Appends one leaf and returns the nodes to persist: the leaf itself at level 0,
    /// then each perfect subtree it completes, lowest level first.
    ///
    /// - Complexity: amortized 2 writes and 1 hash per leaf, at most ⌈log₂ n⌉ + 1 writes.
    public mutating func append(leafHash: Hash32) -> [MerkleNodeWrite] {
        var writes: [MerkleNodeWrite] = []
        writes.reserveCapacity(1 + (~size).trailingZeroBitCount)
        append(leafHash: leafHash, writingInto: &writes)
        return writes
    }

    /// Appends one leaf and adds the nodes to persist to `writes`, so a batch of appends
    /// shares one buffer.
    public mutating func append(leafHash: Hash32, writingInto writes: inout [MerkleNodeWrite]) {
        let index = size
        writes.append(MerkleNodeWrite(node: MerkleNodeID(level: 0, index: index), hash: leafHash))
        var carry = leafHash
        var level = 0
        var remaining = index
        // Each trailing one bit of the old size is a perfect subtree the new leaf completes.
        while remaining & 1 == 1 {
            let left = rightEdge.removeLast()
            carry = Merkle.nodeHash(left, carry)
            level += 1
            remaining >>= 1
            writes.append(
                MerkleNodeWrite(node: MerkleNodeID(level: level, index: remaining), hash: carry))
        }
        rightEdge.append(carry)
        size += 1
    }

    /// The root of the current tree.
    ///
    /// - Complexity: O(log n) hashes.
    public var root: Hash32 {
        guard var result = rightEdge.last else { return Merkle.emptyRoot }
        for hash in rightEdge.dropLast().reversed() {
            result = Merkle.nodeHash(hash, result)
        }
        return result
    }
}
