import Foundation
import GatehouseCore
import Testing

/// The RFC 6962 reference tree of eight leaves, as shared by the certificate-transparency
/// and transparency-dev/merkle test suites.
struct RFC6962Vectors: Decodable, Sendable {
    struct Inclusion: Decodable, Sendable, CustomTestStringConvertible {
        var leafIdx: Int
        var treeSize: Int
        var rootHex: String
        var leafHashHex: String
        var proofHex: [String]
        var testDescription: String { "leaf \(leafIdx) of \(treeSize)" }
    }
    struct Consistency: Decodable, Sendable, CustomTestStringConvertible {
        var size1: Int
        var size2: Int
        var root1Hex: String
        var root2Hex: String
        var proofHex: [String]
        var testDescription: String { "\(size1) → \(size2)" }
    }
    var leafInputsHex: [String]
    var emptyRootHex: String
    var rootsBySizeHex: [String: String]
    var inclusionExamples: [Inclusion]
    var consistencyExamples: [Consistency]

    static let shared: RFC6962Vectors = {
        let url = Bundle.module.url(forResource: "Fixtures/ledger/rfc6962", withExtension: "json")!
        return try! JSONDecoder().decode(RFC6962Vectors.self, from: Data(contentsOf: url))
    }()

    var leafHashes: [Hash32] { leafInputsHex.map { Merkle.leafHash(Hex.decode($0)!) } }
}

func hashes(_ hex: [String]) -> [Hash32] { hex.map { Hash32(hex: $0)! } }

@Suite struct MerkleVectorTests {
    let vectors = RFC6962Vectors.shared

    @Test func emptyRoot() {
        #expect(Merkle.emptyRoot.hex == vectors.emptyRootHex)
        #expect(Merkle.root(leafHashes: [Hash32]()) == Merkle.emptyRoot)
        #expect(InMemoryMerkleTree().root == Merkle.emptyRoot)
    }

    @Test(arguments: 1...8)
    func rootsBySize(size: Int) throws {
        let expected = try #require(vectors.rootsBySizeHex[String(size)])
        let leaves = Array(vectors.leafHashes.prefix(size))
        #expect(Merkle.root(leafHashes: leaves).hex == expected)
        let tree = InMemoryMerkleTree(leafHashes: leaves)
        #expect(tree.root.hex == expected)
        #expect(try Merkle.root(size: size, nodes: InMemoryMerkleTree(leafHashes: vectors.leafHashes)).hex == expected)
    }

    @Test(arguments: RFC6962Vectors.shared.inclusionExamples)
    func inclusionExample(_ example: RFC6962Vectors.Inclusion) throws {
        let leaf = try #require(Hash32(hex: example.leafHashHex))
        let root = try #require(Hash32(hex: example.rootHex))
        let proof = hashes(example.proofHex)
        #expect(leaf == vectors.leafHashes[example.leafIdx])
        try Merkle.verifyInclusion(
            leafHash: leaf, index: example.leafIdx, size: example.treeSize, proof: proof, root: root)
        let tree = InMemoryMerkleTree(leafHashes: vectors.leafHashes)
        #expect(try Merkle.inclusionProof(index: example.leafIdx, size: example.treeSize, nodes: tree) == proof)
    }

    @Test(arguments: RFC6962Vectors.shared.consistencyExamples)
    func consistencyExample(_ example: RFC6962Vectors.Consistency) throws {
        let root1 = try #require(Hash32(hex: example.root1Hex))
        let root2 = try #require(Hash32(hex: example.root2Hex))
        let proof = hashes(example.proofHex)
        try Merkle.verifyConsistency(
            size1: example.size1, size2: example.size2, proof: proof, root1: root1, root2: root2)
        let tree = InMemoryMerkleTree(leafHashes: vectors.leafHashes)
        #expect(try Merkle.consistencyProof(size1: example.size1, size2: example.size2, nodes: tree) == proof)
    }

    /// Every proof in the eight-leaf tree, against the reference roots.
    @Test func everyProofInTheReferenceTree() throws {
        let tree = InMemoryMerkleTree(leafHashes: vectors.leafHashes)
        let roots = (0...8).map { Merkle.root(leafHashes: Array(vectors.leafHashes.prefix($0))) }
        for size in 1...8 {
            for index in 0..<size {
                let proof = try Merkle.inclusionProof(index: index, size: size, nodes: tree)
                try Merkle.verifyInclusion(
                    leafHash: vectors.leafHashes[index], index: index, size: size, proof: proof,
                    root: roots[size])
            }
        }
        for size2 in 0...8 {
            for size1 in 0...size2 {
                let proof = try Merkle.consistencyProof(size1: size1, size2: size2, nodes: tree)
                try Merkle.verifyConsistency(
                    size1: size1, size2: size2, proof: proof, root1: roots[size1], root2: roots[size2])
            }
        }
    }

    @Test(arguments: [
        (0, 0), (1, 0), (8, 8), (-1, 4), (9, 8),
    ])
    func inclusionOutOfRangeIsMalformed(index: Int, size: Int) {
        let leaf = vectors.leafHashes[0]
        let error = #expect(throws: LedgerError.self) {
            try Merkle.verifyInclusion(leafHash: leaf, index: index, size: size, proof: [], root: leaf)
        }
        #expect(error?.code == .malformed)
    }

    @Test(arguments: [(2, 1), (-1, 3), (5, 4)])
    func consistencyFirstAboveSecondIsMalformed(size1: Int, size2: Int) {
        let root = vectors.leafHashes[0]
        let error = #expect(throws: LedgerError.self) {
            try Merkle.verifyConsistency(size1: size1, size2: size2, proof: [], root1: root, root2: root)
        }
        #expect(error?.code == .malformed)
    }
}
