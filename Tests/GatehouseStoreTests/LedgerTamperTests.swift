import Foundation
import GRDB
import GatehouseCore
import GatehouseStore
import Testing

/// Someone who holds the database file rewrites the ledger tables (dropping a table drops
/// its triggers); `LedgerStore.verify` must fail and name the first place that differs.
@Suite struct LedgerTamperTests {
    enum Tamper: String, CaseIterable, CustomTestStringConvertible {
        case editEntryBytes, editEntryAndLeafHash, rewriteEntryAndWholeTree, deleteEntry, swapEntries
        case truncateLog, editKindColumn, editNode, deleteNode
        case checkpointByAnotherKey, checkpointWithWrongRoot, checkpointOfAnotherSize
        var testDescription: String { rawValue }

        /// Where `verify` must report the difference.
        var expected: String {
            switch self {
            case .editEntryBytes: "entry 37"
            case .editEntryAndLeafHash: "node (1, 18)"
            case .rewriteEntryAndWholeTree: "checkpoint 128"
            case .deleteEntry: "entry 50"
            case .swapEntries: "entry 10"
            case .truncateLog: "checkpoint 200"
            case .editKindColumn: "entry 3"
            case .editNode: "node (2, 5)"
            case .deleteNode: "node (3, 4)"
            case .checkpointByAnotherKey, .checkpointWithWrongRoot: "checkpoint 128"
            case .checkpointOfAnotherSize: "checkpoint 64"
            }
        }
    }

    @Test(arguments: Tamper.allCases)
    func verifyNamesTheFirstDifference(tamper: Tamper) throws {
        try LedgerFixture.withWorkspace { workspace in
            try LedgerFixture.fill(workspace, count: 200, checkpoints: [64, 128, 200])
            let verifier = try LedgerKeys.loadVerifier(from: workspace.keysDirectory)
            let before = try workspace.database.read { db throws in try LedgerStore.verify(in: db, verifier: verifier) }
            #expect(before.isIntact && before.entries == 200 && before.checkpoints == 3)
            #expect(before.nodes == 200 - 200.nonzeroBitCount)

            try apply(tamper, to: workspace)

            let report = try workspace.database.read { db throws in try LedgerStore.verify(in: db, verifier: verifier) }
            #expect(LedgerFixture.location(report) == tamper.expected, "\(report)")
            #expect(!report.isIntact)
        }
    }

    private func apply(_ tamper: Tamper, to workspace: Workspace) throws {
        switch tamper {
        case .editEntryBytes:
            try LedgerFixture.rewrite(workspace, table: "ledger_entries") { rows in
                var bytes = [UInt8](Data.fromDatabaseValue(rows[37][2])!)
                bytes[bytes.count - 3] ^= 0x01
                rows[37][2] = Data(bytes).databaseValue
            }
        case .editEntryAndLeafHash:
            try LedgerFixture.rewrite(workspace, table: "ledger_entries") { rows in
                rows[37] = Self.forged(rows[37])
            }
        case .rewriteEntryAndWholeTree:
            var leaves: [Hash32] = []
            try LedgerFixture.rewrite(workspace, table: "ledger_entries") { rows in
                rows[100] = Self.forged(rows[100])
                leaves = rows.map { Hash32(bytes: Data.fromDatabaseValue($0[3])!)! }
            }
            var tree = MerkleAppender()
            var writes: [MerkleNodeWrite] = []
            for leaf in leaves { tree.append(leafHash: leaf, writingInto: &writes) }
            let nodes = writes.filter { $0.node.level > 0 }
            try LedgerFixture.rewrite(workspace, table: "ledger_nodes") { rows in
                rows = nodes.map { [$0.node.level.databaseValue, $0.node.index.databaseValue, Data($0.hash.bytes).databaseValue] }
            }
        case .deleteEntry:
            try LedgerFixture.rewrite(workspace, table: "ledger_entries") { rows in rows.remove(at: 50) }
        case .swapEntries:
            try LedgerFixture.rewrite(workspace, table: "ledger_entries") { rows in
                let ten = rows[10]
                rows[10].replaceSubrange(1..., with: rows[20][1...])
                rows[20].replaceSubrange(1..., with: ten[1...])
            }
        case .truncateLog:
            try LedgerFixture.rewrite(workspace, table: "ledger_entries") { rows in rows.removeLast(50) }
        case .editKindColumn:
            try LedgerFixture.rewrite(workspace, table: "ledger_entries") { rows in rows[3][1] = 2.databaseValue }
        case .editNode:
            try LedgerFixture.rewrite(workspace, table: "ledger_nodes") { rows in
                let index = try #require(rows.firstIndex { $0[0] == 2.databaseValue && $0[1] == 5.databaseValue })
                rows[index][2] = Data(Hash32.sha256(utf8: "forged").bytes).databaseValue
            }
        case .deleteNode:
            try LedgerFixture.rewrite(workspace, table: "ledger_nodes") { rows in
                rows.removeAll { $0[0] == 3.databaseValue && $0[1] == 4.databaseValue }
            }
        case .checkpointByAnotherKey:
            let verifier = try LedgerKeys.loadVerifier(from: workspace.keysDirectory)
            let impostor = try NoteSigner.generate(name: verifier.name)
            try replaceCheckpoint(128, in: workspace) { checkpoint in
                try checkpoint.signed(by: impostor).serialized
            }
        case .checkpointWithWrongRoot:
            let signer = try LedgerKeys.load(from: workspace.keysDirectory)
            let otherRoot = try workspace.database.read { db throws in try LedgerStore.root(size: 127, in: db) }
            try replaceCheckpoint(128, in: workspace) { checkpoint in
                try Checkpoint(origin: checkpoint.origin, size: 128, root: otherRoot).signed(by: signer).serialized
            }
        case .checkpointOfAnotherSize:
            let signer = try LedgerKeys.load(from: workspace.keysDirectory)
            try replaceCheckpoint(64, in: workspace) { checkpoint in
                try Checkpoint(origin: checkpoint.origin, size: 65, root: checkpoint.root).signed(by: signer).serialized
            }
        }
    }

    /// The entry row with its last byte changed and its leaf hash recomputed to match.
    private static func forged(_ row: [DatabaseValue]) -> [DatabaseValue] {
        var bytes = [UInt8](Data.fromDatabaseValue(row[2])!)
        bytes[bytes.count - 1] ^= 0x01
        var result = row
        result[2] = Data(bytes).databaseValue
        result[3] = Data(Merkle.leafHash(bytes).bytes).databaseValue
        return result
    }

    private func replaceCheckpoint(
        _ size: Int, in workspace: Workspace, _ make: (Checkpoint) throws -> String
    ) throws {
        try LedgerFixture.rewrite(workspace, table: "ledger_checkpoints") { rows in
            let index = try #require(rows.firstIndex { $0[0] == size.databaseValue })
            let note = try SignedNote(parsing: String.fromDatabaseValue(rows[index][1])!)
            rows[index][1] = try make(try Checkpoint(parsing: note.text)).databaseValue
        }
    }
}
