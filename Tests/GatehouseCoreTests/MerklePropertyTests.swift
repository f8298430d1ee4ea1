import GatehouseCore
import Testing

/// SplitMix64: a tiny, seeded generator, so every run draws the same trees.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension Hash32 {
    /// A copy with one bit of byte `offset` flipped.
    func flipping(byte offset: Int, mask: UInt8 = 0x01) -> Hash32 {
        var bytes = self.bytes
        bytes[offset] ^= mask
        return Hash32(bytes: bytes)!
    }

    static func random(using rng: inout SplitMix64) -> Hash32 {
        Hash32(bytes: (0..<32).map { _ in UInt8.random(in: 0...255, using: &rng) })!
    }
}

/// A random tree and the roots of all its prefixes.
struct RandomTree {
    var leaves: [Hash32]
    var tree: InMemoryMerkleTree
    var roots: [Hash32]

    init(size: Int, rng: inout SplitMix64) {
        leaves = (0..<size).map { _ in Hash32.random(using: &rng) }
        var appender = MerkleAppender()
        roots = [appender.root]
        tree = InMemoryMerkleTree()
        for leaf in leaves {
            _ = appender.append(leafHash: leaf)
            tree.append(leafHash: leaf)
            roots.append(appender.root)
        }
    }
}

@Suite struct MerklePropertyTests {
    static let seeds: [UInt64] = [1, 2, 3, 0xdead_beef]

    @Test(arguments: seeds)
    func everyInclusionProofVerifiesAndTamperingFails(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let tree = RandomTree(size: Int.random(in: 1...2000, using: &rng), rng: &rng)
        for _ in 0..<60 {
            let size = Int.random(in: 1...tree.leaves.count, using: &rng)
            let index = Int.random(in: 0..<size, using: &rng)
            let leaf = tree.leaves[index]
            let root = tree.roots[size]
            let proof = try Merkle.inclusionProof(index: index, size: size, nodes: tree.tree)
            try Merkle.verifyInclusion(leafHash: leaf, index: index, size: size, proof: proof, root: root)

            // Flip every byte of every proof element.
            for element in proof.indices {
                for byte in 0..<32 {
                    var tampered = proof
                    tampered[element] = proof[element].flipping(byte: byte)
                    #expect(
                        !Merkle.isValidInclusion(leafHash: leaf, index: index, size: size, proof: tampered, root: root))
                }
            }
            // Flip every byte of the root and the leaf.
            for byte in 0..<32 {
                #expect(
                    !Merkle.isValidInclusion(
                        leafHash: leaf, index: index, size: size, proof: proof, root: root.flipping(byte: byte)))
                #expect(
                    !Merkle.isValidInclusion(
                        leafHash: leaf.flipping(byte: byte), index: index, size: size, proof: proof, root: root))
            }
            // Another index, same root.
            for other in [index - 1, index + 1, index ^ 1, index ^ 2, Int.random(in: 0..<size, using: &rng)]
            where other != index {
                #expect(!Merkle.isValidInclusion(leafHash: leaf, index: other, size: size, proof: proof, root: root))
            }
            // Another size, with that size's root (a size and its root come from one checkpoint).
            for other in [size - 1, size + 1, size * 2, Int.random(in: 1...tree.leaves.count, using: &rng)]
            where other != size && other > index && other <= tree.leaves.count {
                #expect(
                    !Merkle.isValidInclusion(
                        leafHash: leaf, index: index, size: other, proof: proof, root: tree.roots[other]))
            }
            // One hash more or fewer.
            #expect(
                !Merkle.isValidInclusion(leafHash: leaf, index: index, size: size, proof: proof + [root], root: root))
            if !proof.isEmpty {
                #expect(
                    !Merkle.isValidInclusion(
                        leafHash: leaf, index: index, size: size, proof: Array(proof.dropLast()), root: root))
            }
        }
    }

    @Test(arguments: seeds)
    func everyConsistencyProofVerifiesAndTamperingFails(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed &+ 100)
        let tree = RandomTree(size: Int.random(in: 2...2000, using: &rng), rng: &rng)
        let count = tree.leaves.count
        for _ in 0..<60 {
            let size2 = Int.random(in: 1...count, using: &rng)
            let size1 = Int.random(in: 1...size2, using: &rng)
            let root1 = tree.roots[size1]
            let root2 = tree.roots[size2]
            let proof = try Merkle.consistencyProof(size1: size1, size2: size2, nodes: tree.tree)
            try Merkle.verifyConsistency(size1: size1, size2: size2, proof: proof, root1: root1, root2: root2)

            for element in proof.indices {
                for byte in 0..<32 {
                    var tampered = proof
                    tampered[element] = proof[element].flipping(byte: byte)
                    #expect(
                        !Merkle.isValidConsistency(
                            size1: size1, size2: size2, proof: tampered, root1: root1, root2: root2))
                }
            }
            for byte in 0..<32 {
                #expect(
                    !Merkle.isValidConsistency(
                        size1: size1, size2: size2, proof: proof, root1: root1.flipping(byte: byte), root2: root2))
                #expect(
                    !Merkle.isValidConsistency(
                        size1: size1, size2: size2, proof: proof, root1: root1, root2: root2.flipping(byte: byte)))
            }
            // Another first or second size, with that size's root.
            for other in [size1 - 1, size1 + 1, Int.random(in: 1...size2, using: &rng)]
            where other != size1 && other >= 1 && other <= size2 {
                #expect(
                    !Merkle.isValidConsistency(
                        size1: other, size2: size2, proof: proof, root1: tree.roots[other], root2: root2))
            }
            for other in [size2 - 1, size2 + 1, Int.random(in: size1...count, using: &rng)]
            where other != size2 && other >= size1 && other <= count {
                #expect(
                    !Merkle.isValidConsistency(
                        size1: size1, size2: other, proof: proof, root1: root1, root2: tree.roots[other]))
            }
            #expect(
                !Merkle.isValidConsistency(
                    size1: size1, size2: size2, proof: proof + [root2], root1: root1, root2: root2))
        }
    }

    @Test func consistencyFromEmptyTree() throws {
        var rng = SplitMix64(seed: 9)
        let tree = RandomTree(size: 5, rng: &rng)
        try Merkle.verifyConsistency(size1: 0, size2: 5, proof: [], root1: Merkle.emptyRoot, root2: tree.roots[5])
        #expect(!Merkle.isValidConsistency(size1: 0, size2: 5, proof: [], root1: tree.roots[1], root2: tree.roots[5]))
        #expect(
            !Merkle.isValidConsistency(
                size1: 0, size2: 5, proof: [tree.roots[1]], root1: Merkle.emptyRoot, root2: tree.roots[5]))
        #expect(!Merkle.isValidConsistency(size1: 3, size2: 3, proof: [], root1: tree.roots[3], root2: tree.roots[4]))
    }

    @Test(arguments: seeds)
    func proofsReadLogarithmicallyManyNodes(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        for _ in 0..<200 {
            let size = Int.random(in: 1...(1 << 40), using: &rng)
            let index = Int.random(in: 0..<size, using: &rng)
            let bound = 2 * (Int.bitWidth - size.leadingZeroBitCount) + 2
            let inclusion = try Merkle.inclusionPath(index: index, size: size)
            #expect(Merkle.nodesNeeded(for: inclusion).count <= bound)
            let size1 = Int.random(in: 1...size, using: &rng)
            let consistency = try Merkle.consistencyPath(size1: size1, size2: size)
            #expect(Merkle.nodesNeeded(for: consistency).count <= bound)
            #expect(Merkle.rightEdge(size: size).count == size.nonzeroBitCount)
        }
    }
}
