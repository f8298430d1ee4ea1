extension Merkle {
    /// Checks that `proof` proves the leaf `leafHash` is entry `index` of the tree of
    /// `size` leaves whose root is `root` (RFC 9162 §2.1.3.2).
    ///
    /// - Throws: ``LedgerError/Code/malformed`` unless `0 ≤ index < size`;
    ///   ``LedgerError/Code/invalidProof`` when the proof has the wrong length or
    ///   leads to another root.
    /// - Complexity: O(log n) hashes.
    public static func verifyInclusion(
        leafHash: Hash32, index: Int, size: Int, proof: [Hash32], root: Hash32
    ) throws(LedgerError) {
        let expected = try inclusionPath(index: index, size: size).count
        guard proof.count == expected else {
            throw LedgerError(
                .invalidProof,
                "the proof has \(proof.count) hashes, but an inclusion proof for entry \(index) in a tree of \(size) entries has \(expected)"
            )
        }
        var fn = index
        var sn = size - 1
        var result = leafHash
        for element in proof {
            guard sn != 0 else {
                throw LedgerError(.invalidProof, "the proof is longer than the path to the root")
            }
            if fn & 1 == 1 || fn == sn {
                result = nodeHash(element, result)
                while fn & 1 == 0 && fn != 0 {
                    fn >>= 1
                    sn >>= 1
                }
            } else {
                result = nodeHash(result, element)
            }
            fn >>= 1
            sn >>= 1
        }
        guard sn == 0 else {
            throw LedgerError(.invalidProof, "the proof is shorter than the path to the root")
        }
        guard result == root else {
            throw LedgerError(
                .invalidProof,
                "the proof leads to root \(result.hex), not to the expected root \(root.hex)")
        }
    }

    /// Checks that `proof` proves the tree of `size2` leaves with root `root2` extends
    /// the tree of `size1` leaves with root `root1` (RFC 9162 §2.1.4.2).
    ///
    /// Equal sizes need an empty proof and equal roots; a first size of 0 needs an empty
    /// proof and the empty tree's root as `root1`.
    ///
    /// - Throws: ``LedgerError/Code/malformed`` unless `0 ≤ size1 ≤ size2`;
    ///   ``LedgerError/Code/invalidProof`` when the proof does not hold.
    /// - Complexity: O(log n) hashes.
    public static func verifyConsistency(
        size1: Int, size2: Int, proof: [Hash32], root1: Hash32, root2: Hash32
    ) throws(LedgerError) {
        let expected = try consistencyPath(size1: size1, size2: size2).count
        guard proof.count == expected else {
            throw LedgerError(
                .invalidProof,
                "the proof has \(proof.count) hashes, but a consistency proof from \(size1) to \(size2) entries has \(expected)"
            )
        }
        if size1 == size2 {
            guard root1 == root2 else {
                throw LedgerError(
                    .invalidProof, "trees of the same size (\(size1)) with different roots")
            }
            if size1 == 0, root1 != emptyRoot {
                throw LedgerError(.invalidProof, "the root of an empty tree is \(emptyRoot.hex)")
            }
            return
        }
        if size1 == 0 {
            guard root1 == emptyRoot else {
                throw LedgerError(.invalidProof, "the root of an empty tree is \(emptyRoot.hex)")
            }
            return
        }
        var path = proof
        if size1 & (size1 - 1) == 0 {
            path.insert(root1, at: 0)
        }
        var fn = size1 - 1
        var sn = size2 - 1
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        var firstRoot = path[0]
        var secondRoot = path[0]
        for element in path.dropFirst() {
            guard sn != 0 else {
                throw LedgerError(.invalidProof, "the proof is longer than the path to the root")
            }
            if fn & 1 == 1 || fn == sn {
                firstRoot = nodeHash(element, firstRoot)
                secondRoot = nodeHash(element, secondRoot)
                while fn & 1 == 0 && fn != 0 {
                    fn >>= 1
                    sn >>= 1
                }
            } else {
                secondRoot = nodeHash(secondRoot, element)
            }
            fn >>= 1
            sn >>= 1
        }
        guard sn == 0 else {
            throw LedgerError(.invalidProof, "the proof is shorter than the path to the root")
        }
        guard firstRoot == root1 else {
            throw LedgerError(
                .invalidProof,
                "the proof leads to first root \(firstRoot.hex), not to the expected \(root1.hex)")
        }
        guard secondRoot == root2 else {
            throw LedgerError(
                .invalidProof,
                "the proof leads to second root \(secondRoot.hex), not to the expected \(root2.hex)")
        }
    }

    /// True when ``verifyInclusion(leafHash:index:size:proof:root:)`` accepts the proof.
    public static func isValidInclusion(
        leafHash: Hash32, index: Int, size: Int, proof: [Hash32], root: Hash32
    ) -> Bool {
        (try? verifyInclusion(leafHash: leafHash, index: index, size: size, proof: proof, root: root))
            != nil
    }

    /// True when ``verifyConsistency(size1:size2:proof:root1:root2:)`` accepts the proof.
    public static func isValidConsistency(
        size1: Int, size2: Int, proof: [Hash32], root1: Hash32, root2: Hash32
    ) -> Bool {
        (try? verifyConsistency(size1: size1, size2: size2, proof: proof, root1: root1, root2: root2))
            != nil
    }
}
