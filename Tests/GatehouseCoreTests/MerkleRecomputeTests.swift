import GatehouseCore
import Testing

/// `Merkle.root(size:recomputing:nodes:)`: the signed root from some leaves' own hashes and the
/// stored tree beside them.
@Suite struct MerkleRecomputeTests {
    @Test(arguments: 0..<40)
    func givenTheTrueLeavesItIsTheRoot(_ seed: Int) throws {
        var random = SplitMix64(seed: UInt64(seed))
        let size = Int.random(in: 1...300, using: &random)
        let leaves = (0..<size).map { Hash32.sha256(utf8: "leaf \(seed) \($0)") }
        var tree = InMemoryMerkleTree()
        for leaf in leaves { tree.append(leafHash: leaf) }
        let root = Merkle.root(leafHashes: leaves)
        // A random subset, in runs and alone.
        let chosen = (0..<size).filter { _ in Int.random(in: 0..<4, using: &random) == 0 }
        let given = chosen.map { (index: $0, hash: leaves[$0]) }
        #expect(try Merkle.root(size: size, recomputing: given, nodes: tree) == root)
        // Any given leaf that differs changes the root, whatever the stored tree says.
        if let victim = given.indices.randomElement(using: &random) {
            var forged = given
            forged[victim].hash = Hash32.sha256(utf8: "forged")
            #expect(try Merkle.root(size: size, recomputing: forged, nodes: tree) != root)
        }
    }

    @Test func aStoredNodeAboveAGivenLeafIsNeverRead() throws {
        let leaves = (0..<8).map { Hash32.sha256(utf8: "\($0)") }
        var honest = InMemoryMerkleTree()
        for leaf in leaves { honest.append(leafHash: leaf) }
        let root = Merkle.root(leafHashes: leaves)
        // The store's leaf 5 (and everything above it) was rewritten to hide an edit of entry 5.
        var forgedLeaves = leaves
        forgedLeaves[5] = Hash32.sha256(utf8: "edited")
        var forged = InMemoryMerkleTree()
        for leaf in forgedLeaves { forged.append(leafHash: leaf) }
        #expect(try Merkle.root(size: 8, recomputing: [(5, forgedLeaves[5])], nodes: forged) != root)
        #expect(try Merkle.root(size: 8, recomputing: [(5, leaves[5])], nodes: honest) == root)
    }

    @Test func leavesOutOfOrderOrOutOfTheTreeAreRefused() {
        var tree = InMemoryMerkleTree()
        for n in 0..<4 { tree.append(leafHash: Hash32.sha256(utf8: "\(n)")) }
        let h = Hash32.sha256(utf8: "x")
        #expect(throws: LedgerError.self) { _ = try Merkle.root(size: 4, recomputing: [(2, h), (1, h)], nodes: tree) }
        #expect(throws: LedgerError.self) { _ = try Merkle.root(size: 4, recomputing: [(4, h)], nodes: tree) }
        #expect(throws: LedgerError.self) { _ = try Merkle.root(size: 4, recomputing: [(1, h), (1, h)], nodes: tree) }
    }
}
