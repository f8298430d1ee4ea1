extension Merkle {
    /// The perfect subtrees that tile `leaves`, left to right, each as large as its
    /// alignment allows. Hashing them right to left gives the hash of a tree node
    /// whose leaves are `leaves` (a perfect subtree, or a subtree on the right edge).
    ///
    /// - Complexity: O(log n) nodes.
    public static func perfectNodes(covering leaves: Range<Int>) -> [MerkleNodeID] {
        var result: [MerkleNodeID] = []
        var start = leaves.lowerBound
        while start < leaves.upperBound {
            let remaining = leaves.upperBound - start
            let largestFitting = Int.bitWidth - 1 - remaining.leadingZeroBitCount
            let level = start == 0 ? largestFitting : min(start.trailingZeroBitCount, largestFitting)
            result.append(MerkleNodeID(level: level, index: start >> level))
            start += 1 << level
        }
        return result
    }

    /// The right edge of a tree of `size` leaves: the perfect subtrees whose hashes
    /// give its root and let an appender continue it, largest first.
    public static func rightEdge(size: Int) -> [MerkleNodeID] {
        perfectNodes(covering: 0..<max(size, 0))
    }

    /// The subtrees whose hashes form the inclusion proof of leaf `index` in a tree of
    /// `size` leaves (RFC 9162 §2.1.3.1), in proof order: the leaf's sibling first.
    ///
    /// - Throws: ``LedgerError/Code/malformed`` unless `0 ≤ index < size`.
    /// - Complexity: O(log n).
    public static func inclusionPath(index: Int, size: Int) throws(LedgerError) -> [Range<Int>] {
        guard index >= 0, size >= 0 else {
            throw LedgerError(.malformed, "an index and a tree size cannot be negative")
        }
        guard index < size else {
            throw LedgerError(
                .malformed, "entry \(index) is not in a tree of \(size) entries (indices start at 0)")
        }
        var path: [Range<Int>] = []
        var lower = 0
        var upper = size
        while upper - lower > 1 {
            let split = lower + largestPowerOfTwo(below: upper - lower)
            if index < split {
                path.append(split..<upper)
                upper = split
            } else {
                path.append(lower..<split)
                lower = split
            }
        }
        return path.reversed()
    }

    /// The subtrees whose hashes form the consistency proof from a tree of `size1`
    /// leaves to one of `size2` leaves (RFC 9162 §2.1.4.1), in proof order.
    ///
    /// The proof is empty when `size1` is 0 or equals `size2`.
    ///
    /// - Throws: ``LedgerError/Code/malformed`` unless `0 ≤ size1 ≤ size2`.
    /// - Complexity: O(log n).
    public static func consistencyPath(size1: Int, size2: Int) throws(LedgerError) -> [Range<Int>] {
        guard size1 >= 0, size2 >= 0 else {
            throw LedgerError(.malformed, "a tree size cannot be negative")
        }
        guard size1 <= size2 else {
            throw LedgerError(
                .malformed, "the first size (\(size1)) is larger than the second (\(size2))")
        }
        if size1 == 0 || size1 == size2 { return [] }
        var path: [Range<Int>] = []
        var lower = 0
        var upper = size2
        var oldSize = size1  // leaves of the old tree within lower..<upper
        var startsAtOldRoot = true  // RFC 9162 `b`: the old tree's root is known to the verifier
        while oldSize != upper - lower {
            let split = largestPowerOfTwo(below: upper - lower)
            if oldSize <= split {
                path.append((lower + split)..<upper)
                upper = lower + split
            } else {
                path.append(lower..<(lower + split))
                lower += split
                oldSize -= split
                startsAtOldRoot = false
            }
        }
        if !startsAtOldRoot {
            path.append(lower..<upper)
        }
        return path.reversed()
    }
}
