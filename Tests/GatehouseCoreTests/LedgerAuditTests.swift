import Foundation
import GatehouseCore
import Testing

/// The logic behind the offline auditor commands, argument text in, verdict and exit code out.
@Suite struct LedgerAuditTests {
    static let vectors = RFC6962Vectors.shared
    static let root8 = "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"
    static let leaf5 = "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658"
    static let proof5 = vectors.inclusionExamples[2].proofHex.joined(separator: ",")

    struct InclusionCase: Sendable, CustomTestStringConvertible {
        var label: String
        var leaf = leaf5
        var index = "5"
        var size = "8"
        var root = root8
        var proof = proof5
        var exit: Int32
        var testDescription: String { label }
    }

    static let inclusionCases: [InclusionCase] = [
        InclusionCase(label: "valid", exit: 0),
        InclusionCase(
            label: "upper case, spaces", leaf: leaf5.uppercased(), index: " 5 ",
            proof: proof5.replacingOccurrences(of: ",", with: ", "), exit: 0),
        InclusionCase(label: "another index", index: "4", exit: 1),
        InclusionCase(label: "one hash short", proof: String(proof5.dropLast(64 + 1)), exit: 1),
        InclusionCase(label: "another root", root: String(root8.dropLast()) + "9", exit: 1),
        InclusionCase(label: "empty proof", proof: "", exit: 1),
        InclusionCase(label: "index not below size", index: "8", exit: 2),
        InclusionCase(label: "empty tree", size: "0", proof: "", exit: 2),
        InclusionCase(label: "negative index", index: "-1", exit: 2),
        InclusionCase(label: "index not a number", index: "five", exit: 2),
        InclusionCase(label: "empty proof element", proof: proof5 + ",", exit: 2),
        InclusionCase(label: "31-byte leaf", leaf: String(leaf5.dropLast(2)), exit: 2),
        InclusionCase(label: "not hex", leaf: String(leaf5.dropLast()) + "g", exit: 2),
        InclusionCase(label: "proof not hex", proof: "zz", exit: 2),
    ]

    @Test(arguments: inclusionCases)
    func inclusion(_ c: InclusionCase) {
        let verdict = LedgerAudit.inclusion(
            leafHash: c.leaf, index: c.index, size: c.size, root: c.root, proof: c.proof)
        #expect(verdict.exitCode == c.exit, "\(verdict.message)")
    }

    @Test func validInclusionSaysValid() {
        let verdict = LedgerAudit.inclusion(
            leafHash: Self.leaf5, index: "5", size: "8", root: Self.root8, proof: Self.proof5)
        #expect(verdict.message.hasPrefix("valid\n"))
        let single = LedgerAudit.inclusion(
            leafHash: Self.vectors.rootsBySizeHex["1"]!, index: "0", size: "1",
            root: Self.vectors.rootsBySizeHex["1"]!, proof: "")
        #expect(single.exitCode == 0)
    }

    @Test(arguments: [
        ("6", "8", Int32(0), false),
        ("6", "8", 1, true),  // tampered proof
        ("7", "8", 1, false),  // another first size
        ("8", "6", 2, false),  // first above second
        ("x", "8", 2, false),
    ])
    func consistency(size1: String, size2: String, exit: Int32, tamper: Bool) {
        let example = Self.vectors.consistencyExamples[2]
        var proof = example.proofHex
        if tamper { proof[1] = String(proof[1].reversed()) }
        let verdict = LedgerAudit.consistency(
            size1: size1, size2: size2, root1: example.root1Hex, root2: example.root2Hex,
            proof: proof.joined(separator: ","))
        #expect(verdict.exitCode == exit, "\(verdict.message)")
    }

    @Test func consistencyOfEqualSizesNeedsAnEmptyProof() {
        let root = Self.root8
        #expect(LedgerAudit.consistency(size1: "8", size2: "8", root1: root, root2: root, proof: "").exitCode == 0)
        #expect(LedgerAudit.consistency(size1: "8", size2: "8", root1: root, root2: root, proof: root).exitCode == 1)
    }

    @Test func checkpointVerdicts() throws {
        let note = try fixture("checkpoint", "note")
        let key = try fixture("checkpoint", "vkey")
        let valid = LedgerAudit.checkpoint(note: note, key: key)
        #expect(valid.exitCode == 0)
        #expect(valid.message.contains("root \(Self.root8)"))
        #expect(valid.message.contains("size 8"))
        #expect(
            LedgerAudit.checkpoint(note: note.replacingOccurrences(of: "\n8\n", with: "\n7\n"), key: key).exitCode == 1)
        #expect(LedgerAudit.checkpoint(note: note, key: TestKeys.other.verifier.keyString).exitCode == 1)
        #expect(LedgerAudit.checkpoint(note: note, key: "not a key").exitCode == 2)
        #expect(LedgerAudit.checkpoint(note: "hello\n", key: key).exitCode == 2)
    }
}
