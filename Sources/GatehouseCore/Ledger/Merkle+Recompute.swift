extension Merkle {
    /// The root of the first `size` leaves, with the leaves at `leaves` taken as given and every
    /// perfect subtree that holds none of them read from `nodes`.
    ///
    /// This is how a step proves that the entries it acts on are the ones a signed checkpoint
    /// covers without rehashing the whole log: hash each entry's bytes, then compare this root
    /// with the checkpoint's. A stored node that covers any of `leaves` is never read, so an edit
    /// to those entries (or to the nodes above them) changes the root whatever else was edited.
    ///
    /// - Parameters:
    ///   - size: the tree size (the checkpoint's).
    ///   - leaves: leaf indices below `size`, strictly increasing, with their leaf hashes.
    ///   - nodes: the stored tree, asked once (``MerkleNodeSource/nodes(_:)``) for the subtrees
    ///     beside the given leaves.
    /// - Throws: ``LedgerError/Code/malformed`` for indices out of order or not below `size`;
    ///   ``LedgerError/Code/nodeMissing`` for a stored subtree that is missing.
    /// - Complexity: O(k) hashes for k leaves, and O(r log n) stored nodes for leaves in r runs.
    public static func root<Source: MerkleNodeSource>(
        size: Int, recomputing leaves: [(index: Int, hash: Hash32)], nodes: Source
    ) throws -> Hash32 {
        guard size > 0 else {
            guard leaves.isEmpty else { throw LedgerError(.malformed, "a leaf index is not below the tree size 0") }
            return emptyRoot
        }
        var previous = -1
        for leaf in leaves {
            guard leaf.index > previous, leaf.index < size else {
                throw LedgerError(.malformed, "leaf indices must increase and stay below the tree size \(size)")
            }
            previous = leaf.index
        }
        let tiles = perfectNodes(covering: 0..<size)
        // Pass 1: the stored subtrees needed (those beside the given leaves).
        var needed: [MerkleNodeID] = []
        func collect(_ node: MerkleNodeID, _ slice: Range<Int>) {
            if slice.isEmpty {
                needed.append(node)
                return
            }
            guard node.level > 0 else { return }
            let (left, right, split) = children(node, slice, leaves)
            collect(left, slice.lowerBound..<split)
            collect(right, split..<slice.upperBound)
        }
        var slices: [Range<Int>] = []
        var start = 0
        for tile in tiles {
            var end = start
            while end < leaves.count, leaves[end].index < tile.leaves.upperBound { end += 1 }
            slices.append(start..<end)
            collect(tile, start..<end)
            start = end
        }
        var stored: [MerkleNodeID: Hash32] = [:]
        let batch = 256
        for first in stride(from: 0, to: needed.count, by: batch) {
            let part = Array(needed[first..<Swift.min(first + batch, needed.count)])
            stored.merge(try nodes.nodes(part)) { a, _ in a }
        }
        // Pass 2: hash up.
        func hash(_ node: MerkleNodeID, _ slice: Range<Int>) throws -> Hash32 {
            if slice.isEmpty {
                guard let value = stored[node] else { throw LedgerError(.nodeMissing, "no perfect subtree at \(node)") }
                return value
            }
            if node.level == 0 { return leaves[slice.lowerBound].hash }
            let (left, right, split) = children(node, slice, leaves)
            return nodeHash(
                try hash(left, slice.lowerBound..<split), try hash(right, split..<slice.upperBound))
        }
        var root = try hash(tiles[tiles.count - 1], slices[tiles.count - 1])
        for position in stride(from: tiles.count - 2, through: 0, by: -1) {
            root = nodeHash(try hash(tiles[position], slices[position]), root)
        }
        return root
    }

    /// The two children of `node` and where the given leaves in `slice` divide between them.
    private static func children(
        _ node: MerkleNodeID, _ slice: Range<Int>, _ leaves: [(index: Int, hash: Hash32)]
    ) -> (MerkleNodeID, MerkleNodeID, Int) {
        let left = MerkleNodeID(level: node.level - 1, index: node.index * 2)
        let right = MerkleNodeID(level: node.level - 1, index: node.index * 2 + 1)
        let boundary = right.leaves.lowerBound
        // Binary search: the first given leaf in the right child.
        var low = slice.lowerBound
        var high = slice.upperBound
        while low < high {
            let mid = (low + high) / 2
            if leaves[mid].index < boundary { low = mid + 1 } else { high = mid }
        }
        return (left, right, low)
    }
}
