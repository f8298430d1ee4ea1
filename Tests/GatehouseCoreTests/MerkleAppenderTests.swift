import GatehouseCore
import Testing

/// A node source that counts reads, to show proofs read O(log n) nodes.
struct CountingNodeSource: MerkleNodeSource {
    var tree: InMemoryMerkleTree
    let reads = Counter()

    final class Counter {
        var value = 0
    }

    func node(level: Int, index: Int) throws -> Hash32 {
        reads.value += 1
        return try tree.node(level: level, index: index)
    }
}

@Suite struct MerkleAppenderTests {
    @Test func matchesTheRecursiveDefinitionAtEverySize() {
        var rng = SplitMix64(seed: 42)
        var appender = MerkleAppender()
        var leaves: [Hash32] = []
        for size in 1...300 {
            let leaf = Hash32.random(using: &rng)
            leaves.append(leaf)
            _ = appender.append(leafHash: leaf)
            #expect(appender.size == size)
            #expect(appender.root == Merkle.root(leafHashes: leaves))
        }
    }

    @Test func writesAreLogarithmicAndAddressTheRightSubtrees() throws {
        var rng = SplitMix64(seed: 7)
        var appender = MerkleAppender()
        var leaves: [Hash32] = []
        var total = 0
        for index in 0..<1025 {
            let leaf = Hash32.random(using: &rng)
            leaves.append(leaf)
            let writes = appender.append(leafHash: leaf)
            total += writes.count
            #expect(writes.count == 1 + (~index).trailingZeroBitCount)
            #expect(writes.count <= 1 + (Int.bitWidth - index.leadingZeroBitCount))
            #expect(writes[0] == MerkleNodeWrite(node: MerkleNodeID(level: 0, index: index), hash: leaf))
            for write in writes {
                // Each written node is the root of the leaves it covers.
                let covered = Array(leaves[write.node.leaves])
                #expect(write.hash == Merkle.root(leafHashes: covered))
                #expect(write.node.leaves.upperBound == index + 1)
            }
        }
        #expect(total < 2 * leaves.count)
    }

    @Test func restoresFromANodeSourceWithLogarithmicReads() throws {
        var rng = SplitMix64(seed: 11)
        let leaves = (0..<1500).map { _ in Hash32.random(using: &rng) }
        let tree = InMemoryMerkleTree(leafHashes: leaves.prefix(1000))
        let source = CountingNodeSource(tree: tree)
        var restored = try MerkleAppender(size: 1000, nodes: source)
        #expect(source.reads.value == 1000.nonzeroBitCount)
        #expect(restored.root == tree.root)
        var full = InMemoryMerkleTree(leafHashes: leaves.prefix(1000))
        for leaf in leaves.dropFirst(1000) {
            _ = restored.append(leafHash: leaf)
            full.append(leafHash: leaf)
        }
        #expect(restored.root == Merkle.root(leafHashes: leaves))
        #expect(full.root == restored.root)
        #expect(full.nodeCount < 2 * leaves.count)
    }

    @Test func proofsReadLogarithmicallyManyNodes() throws {
        var rng = SplitMix64(seed: 13)
        let tree = InMemoryMerkleTree(leafHashes: (0..<1999).map { _ in Hash32.random(using: &rng) })
        let source = CountingNodeSource(tree: tree)
        _ = try Merkle.inclusionProof(index: 1234, size: 1999, nodes: source)
        #expect(source.reads.value <= 2 * 11)
        source.reads.value = 0
        _ = try Merkle.consistencyProof(size1: 777, size2: 1999, nodes: source)
        #expect(source.reads.value <= 2 * 11)
        source.reads.value = 0
        _ = try Merkle.root(size: 1999, nodes: source)
        #expect(source.reads.value == 1999.nonzeroBitCount)
    }

    @Test func rejectsARightEdgeOfTheWrongLength() {
        #expect(throws: LedgerError.self) { try MerkleAppender(size: 3, rightEdge: [.zero]) }
        #expect(throws: Never.self) { try MerkleAppender(size: 3, rightEdge: [.zero, .zero]) }
    }

    @Test func missingNodesAreReported() {
        let tree = InMemoryMerkleTree(leafHashes: [Hash32.zero, .zero, .zero])
        let error = #expect(throws: LedgerError.self) {
            try Merkle.inclusionProof(index: 0, size: 4, nodes: tree)
        }
        #expect(error?.code == .nodeMissing)
    }
}
