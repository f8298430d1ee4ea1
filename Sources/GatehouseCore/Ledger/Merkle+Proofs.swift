extension Merkle {
    /// The root of the first `size` leaves of the tree in `nodes`.
    ///
    /// - Complexity: O(log n) node reads, one ``MerkleNodeSource/nodes(_:)`` call.
    public static func root<Source: MerkleNodeSource>(size: Int, nodes: Source) throws -> Hash32 {
        guard size >= 0 else { throw LedgerError(.malformed, "a tree size cannot be negative") }
        if size == 0 { return emptyRoot }
        return try hashes(of: [0..<size], nodes: nodes)[0]
    }

    /// The inclusion proof of leaf `index` in the tree of the first `size` leaves in `nodes`.
    ///
    /// - Returns: the proof hashes, the leaf's sibling first (RFC 9162 §2.1.3.1).
    /// - Throws: ``LedgerError/Code/malformed`` unless `0 ≤ index < size`; whatever the
    ///   source throws for a missing node.
    /// - Complexity: O(log n) node reads, one ``MerkleNodeSource/nodes(_:)`` call.
    public static func inclusionProof<Source: MerkleNodeSource>(
        index: Int, size: Int, nodes: Source
    ) throws -> [Hash32] {
        try hashes(of: inclusionPath(index: index, size: size), nodes: nodes)
    }

    /// The consistency proof between the trees of the first `size1` and `size2` leaves
    /// in `nodes` (RFC 9162 §2.1.4.1).
    ///
    /// - Throws: ``LedgerError/Code/malformed`` unless `0 ≤ size1 ≤ size2`; whatever the
    ///   source throws for a missing node.
    /// - Complexity: O(log n) node reads, one ``MerkleNodeSource/nodes(_:)`` call.
    public static func consistencyProof<Source: MerkleNodeSource>(
        size1: Int, size2: Int, nodes: Source
    ) throws -> [Hash32] {
        try hashes(of: consistencyPath(size1: size1, size2: size2), nodes: nodes)
    }

    /// The perfect nodes a store must read to answer the hashes of `ranges`, without duplicates.
    public static func nodesNeeded(for ranges: [Range<Int>]) -> [MerkleNodeID] {
        Array(Set(ranges.flatMap { perfectNodes(covering: $0) })).sorted()
    }

    /// The hash of each range (a node of the tree), read from `nodes` in one call.
    public static func hashes<Source: MerkleNodeSource>(
        of ranges: [Range<Int>], nodes: Source
    ) throws -> [Hash32] {
        let pieces = ranges.map { perfectNodes(covering: $0) }
        let fetched = try nodes.nodes(Array(Set(pieces.joined())).sorted())
        return try pieces.map { ids in
            var result: Hash32?
            for id in ids.reversed() {
                guard let hash = fetched[id] else {
                    throw LedgerError(.nodeMissing, "no perfect subtree at \(id)")
                }
                result = result.map { nodeHash(hash, $0) } ?? hash
            }
            guard let result else { throw LedgerError(.malformed, "an empty range has no hash") }
            return result
        }
    }
}
