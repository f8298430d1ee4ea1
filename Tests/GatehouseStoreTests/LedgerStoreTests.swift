import Foundation
import GRDB
import GatehouseCore
import GatehouseStore
import Testing

@Suite struct LedgerStoreTests {
    @Test func appendedEntriesAreNumberedAndHashedAsTheReferenceTree() throws {
        try LedgerFixture.withWorkspace { workspace in
            var expected: [LedgerEvent] = []
            var generator = SplitMix(seed: 6962)
            var all: [UInt64] = []
            while expected.count < 700 {
                let count = min(Int(generator.next() % 40), 700 - expected.count)
                let events = (expected.count..<expected.count + count).map(LedgerFixture.event)
                all += try workspace.database.write { db throws in
                    try LedgerStore.append(events, at: LedgerFixture.time, in: db)
                }
                expected += events
            }
            #expect(all == (0..<UInt64(expected.count)).map { $0 })
            let leaves = expected.enumerated().map { index, event in
                LedgerEntry(sequence: UInt64(index), timestamp: LedgerFixture.time, event: event).leafHash
            }
            try workspace.database.read { db throws in
                #expect(try LedgerStore.size(in: db) == expected.count)
                for size in [0, 1, 2, 3, 7, 8, 9, 255, 256, 257, 511, 699, 700] {
                    #expect(try LedgerStore.root(size: size, in: db) == Merkle.root(leafHashes: leaves.prefix(size)))
                }
                for sequence in [0, 1, 5, 399, 699] {
                    let stored = try #require(try LedgerStore.entry(sequence: UInt64(sequence), in: db))
                    #expect(try stored.decoded().event == expected[sequence])
                    #expect(stored.leafHash == leaves[sequence])
                    #expect(stored.kind == Int(expected[sequence].kind.rawValue))
                }
                #expect(try LedgerStore.entry(sequence: 700, in: db) == nil)
                // Right-edge nodes for the full tree are stored; nothing else beyond level 0.
                let nodes = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ledger_nodes")
                #expect(nodes == 700 - 700.nonzeroBitCount)
            }
        }
    }

    @Test func proofsFromTheStoreVerifyOffline() throws {
        try LedgerFixture.withWorkspace { workspace in
            try LedgerFixture.fill(workspace, count: 333, chunk: 17)
            var generator = SplitMix(seed: 9162)
            try workspace.database.read { db throws in
                for _ in 0..<200 {
                    let size = 1 + Int(generator.next() % 333)
                    let index = Int(generator.next() % UInt64(size))
                    let proof = try LedgerStore.inclusionProof(sequence: UInt64(index), size: size, in: db)
                    #expect(proof.root == (try LedgerStore.root(size: size, in: db)))
                    #expect(proof.leafHash == Merkle.leafHash(proof.entry))
                    let verdict = LedgerAudit.inclusion(
                        leafHash: proof.leafHash.hex, index: String(index), size: String(size),
                        root: proof.root.hex, proof: proof.proof.map(\.hex).joined(separator: ","))
                    #expect(verdict.exitCode == 0, "\(verdict.message)")

                    let size1 = Int(generator.next() % UInt64(size + 1))
                    let consistency = try LedgerStore.consistencyProof(from: size1, to: size, in: db)
                    #expect(consistency.root1 == (try LedgerStore.root(size: size1, in: db)))
                    #expect(throws: Never.self) { try consistency.verify() }
                    let check = LedgerAudit.consistency(
                        size1: String(size1), size2: String(size), root1: consistency.root1.hex,
                        root2: consistency.root2.hex, proof: consistency.proof.map(\.hex).joined(separator: ","))
                    #expect(check.exitCode == 0, "\(check.message)")
                }
                #expect(throws: LedgerStoreError.self) { try LedgerStore.inclusionProof(sequence: 5, size: 5, in: db) }
                #expect(throws: LedgerStoreError.self) { try LedgerStore.inclusionProof(sequence: 0, size: 334, in: db) }
                #expect(throws: LedgerStoreError.self) { try LedgerStore.consistencyProof(from: 9, to: 8, in: db) }
            }
        }
    }

    @Test func checkpointsAreSignedStoredAndVerifiable() throws {
        try LedgerFixture.withWorkspace { workspace in
            let signer = try LedgerKeys.load(from: workspace.keysDirectory)
            let verifier = try LedgerKeys.loadVerifier(from: workspace.keysDirectory)
            #expect(signer.verifier == verifier)
            #expect(verifier.name == (try workspace.meta(MetaKey.origin)))
            let mode = try FileManager.default.attributesOfItem(
                atPath: workspace.keysDirectory + "/" + LedgerKeys.signerFileName)[.posixPermissions] as? Int
            #expect(mode == 0o600)

            try workspace.database.read { db throws in #expect(try LedgerStore.latestCheckpoint(in: db) == nil) }
            try LedgerFixture.fill(workspace, count: 20)
            let note = try workspace.database.write { db throws in try LedgerStore.checkpoint(in: db, signer: signer) }
            let checkpoint = try Checkpoint.verified(note: note, by: verifier)
            #expect(checkpoint.size == 20)
            try workspace.database.read { db throws in
                #expect(checkpoint.root == (try LedgerStore.root(size: 20, in: db)))
                #expect(try LedgerStore.latestCheckpoint(in: db)?.note == note)
            }
            // Nothing appended since: the same checkpoint.
            let again = try workspace.database.write { db throws in try LedgerStore.checkpoint(in: db, signer: signer) }
            #expect(again == note)
            #expect(LedgerAudit.checkpoint(note: note, key: verifier.keyString).exitCode == 0)

            #expect(throws: LedgerStoreError.self) { try LedgerKeys.create(in: workspace.keysDirectory, name: "x") }
        }
    }

    @Test func anAppendInATransactionThatThrowsLeavesNoTrace() throws {
        struct Abort: Error {}
        try LedgerFixture.withWorkspace { workspace in
            try LedgerFixture.fill(workspace, count: 5)
            #expect(throws: Abort.self) {
                try workspace.database.write { db throws in
                    try LedgerStore.append((5..<40).map(LedgerFixture.event), at: LedgerFixture.time, in: db)
                    throw Abort()
                }
            }
            try workspace.database.read { db throws in
                #expect(try LedgerStore.size(in: db) == 5)
                #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ledger_nodes") == 3)
            }
            let sequences = try workspace.database.write { db throws in
                try LedgerStore.append([LedgerFixture.event(5)], at: LedgerFixture.time, in: db)
            }
            #expect(sequences == [5])
            let verifier = try LedgerKeys.loadVerifier(from: workspace.keysDirectory)
            let report = try workspace.database.read { db throws in try LedgerStore.verify(in: db, verifier: verifier) }
            #expect(report.isIntact && report.entries == 6)
        }
    }

    @Test(arguments: [
        "UPDATE ledger_entries SET kind = 3 WHERE seq = 1",
        "UPDATE ledger_entries SET entry = x'00' WHERE seq = 1",
        "DELETE FROM ledger_entries WHERE seq = 1",
        "DELETE FROM ledger_entries",
        "INSERT OR REPLACE INTO ledger_entries SELECT * FROM ledger_entries WHERE seq = 1",
        "INSERT INTO ledger_entries SELECT seq + 100, kind, entry, leaf_hash FROM ledger_entries WHERE seq = 1",
        "UPDATE ledger_nodes SET hash = zeroblob(32) WHERE level = 1 AND idx = 0",
        "DELETE FROM ledger_nodes WHERE level = 1",
        "INSERT OR REPLACE INTO ledger_nodes VALUES (1, 0, zeroblob(32))",
        "UPDATE ledger_checkpoints SET note = 'x'",
        "DELETE FROM ledger_checkpoints",
        "INSERT OR REPLACE INTO ledger_checkpoints VALUES (4, 'x', 'y')",
    ])
    func theTablesRejectChanges(sql: String) throws {
        try LedgerFixture.withWorkspace { workspace in
            try LedgerFixture.fill(workspace, count: 4, checkpoints: [4])
            #expect(throws: DatabaseError.self) { try workspace.database.write { db throws in try db.execute(sql: sql) } }
            let verifier = try LedgerKeys.loadVerifier(from: workspace.keysDirectory)
            let report = try workspace.database.read { db throws in try LedgerStore.verify(in: db, verifier: verifier) }
            #expect(report.isIntact && report.entries == 4 && report.checkpoints == 1)
        }
    }
}

/// A seeded generator (SplitMix64), so failures reproduce.
struct SplitMix: RandomNumberGenerator {
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
