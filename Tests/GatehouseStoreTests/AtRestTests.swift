import Foundation
import GRDB
import GatehouseCore
import Testing

@testable import GatehouseStore

/// Protected values at rest: sealed under a key file kept apart from the database.
@Suite struct AtRestTests {
    /// A released batch and its response file.
    static func releasedBatch() async throws -> (PipelineFixture, String, String) {
        let f = try PipelineFixture()
        let id = try f.submit().batch.id
        _ = try await f.decideApproveRelease(id)
        return (f, id, try f.responses(id))
    }

    /// Every byte SQLite wrote: the database file and its WAL, after a checkpoint.
    static func rawBytes(_ f: PipelineFixture) throws -> Data {
        try f.workspace.database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        var bytes = try Data(contentsOf: URL(fileURLWithPath: f.workspace.databasePath))
        if let wal = FileManager.default.contents(atPath: f.workspace.databasePath + "-wal") { bytes += wal }
        return bytes
    }

    static func contains(_ haystack: Data, _ needle: String) -> Bool {
        haystack.range(of: Data(needle.utf8)) != nil
    }

    @Test func theRawDatabaseHoldsNoRequestValueAndNoReleasedValueInTheClear() async throws {
        let (f, _, responses) = try await Self.releasedBatch()
        let raw = try Self.rawBytes(f)
        // The scan reads the file: the protected store itself (not sealed: see docs/threat-model.md)
        // and the request ids are there.
        #expect(Self.contains(raw, "Okafor"))
        #expect(Self.contains(raw, "Q5"))
        // Values only the requester supplied, in every spelling they took.
        for value in [
            "Zebulon", "Quackenbush", "1 Nowhere Ln", "123 North Main Street", "Failed to Provide", "CASE-1", "CASE-5",
        ] {
            #expect(!Self.contains(raw, value), "\(value) is in the database file in the clear")
        }
        // The released values, as the response file holds them and as they were stored.
        #expect(responses.contains("123 N Main St"))
        #expect(!Self.contains(raw, #""address_line1":"123 N Main St""#))
        #expect(!Self.contains(raw, "address_line1\":\""))
    }

    @Test func theLedgerVerifiesWithoutTheDataKeyAndNothingElseReadsWithoutIt() async throws {
        let (f, id, _) = try await Self.releasedBatch()
        let key = f.workspace.dataKeyPath
        try FileManager.default.moveItem(atPath: key, toPath: key + ".away")
        // A fresh process: nothing cached.
        let reopened = try Workspace.open(at: f.directory)
        let verify = try await reopened.database.read { db in
            try LedgerStore.verify(in: db, verifier: try LedgerKeys.loadVerifier(from: reopened.keysDirectory))
        }
        #expect(verify.isIntact, "\(verify)")
        let error = #expect(throws: WorkspaceError.self) { _ = try reopened.storedRequests(batchID: id) }
        #expect(error?.code == .keyMissing)
        #expect(throws: WorkspaceError.self) {
            _ = try BatchPipeline(workspace: reopened, now: PipelineFixture.now).writeResponses(
                batchID: id, to: f.directory + "/r.csv")
        }
        // And no new key was made behind the operator's back.
        #expect(!FileManager.default.fileExists(atPath: key))
    }

    @Test func rotationSealsEverythingAgainAndRetiresTheOldKey() async throws {
        let (f, id, before) = try await Self.releasedBatch()
        let sealedBefore = try await f.workspace.database.read { db in
            try Data.fetchAll(db, sql: "SELECT sealed FROM batch_rows ORDER BY row_number")
        }
        #expect(sealedBefore.allSatisfy { $0.first == 1 })
        // A row stored in the clear by an older Gatehouse.
        let requests = try f.workspace.storedRequests(batchID: id)
        try await f.workspace.database.write { db in
            try db.execute(
                sql: "UPDATE batch_rows SET sealed = NULL, given_name = 'Elena', surname = 'Vargas', address_line1 = '5 Pine Rd', city = 'Phoenix', state = 'AZ', postcode = '85001', case_reference = 'CASE-2' WHERE row_number = 2")
        }
        let rotation = try f.workspace.rotateDataKey(chunkRows: 2)
        #expect(rotation.version == 2)
        #expect(rotation.requestRows == 5)
        #expect(rotation.disclosures == 5)
        #expect(rotation.retired)
        let keyFile = try String(contentsOfFile: f.workspace.dataKeyPath, encoding: .utf8)
        #expect(keyFile.split(separator: "\n").count == 1)
        #expect(keyFile.hasPrefix("gatehouse-data-key 2 "))
        let sealedAfter = try await f.workspace.database.read { db in
            try Data.fetchAll(db, sql: "SELECT sealed FROM batch_rows ORDER BY row_number")
        }
        #expect(sealedAfter.allSatisfy { $0.first == 2 })
        #expect(zip(sealedBefore, sealedAfter).allSatisfy { $0 != $1 })
        // Read by another process that knows only the new file: the same rows, the same responses.
        let reopened = try Workspace.open(at: f.directory)
        #expect(try reopened.storedRequests(batchID: id) == requests)
        let path = f.directory + "/after.csv"
        _ = try BatchPipeline(workspace: reopened, now: PipelineFixture.now).writeResponses(batchID: id, to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == before)
        #expect(try WorkspaceAudit(workspace: reopened).run().isClean)
    }

    @Test func aSealedValueIsBoundToItsRow() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gatehouse-keys-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let keyring = try DataKeyring.create(at: directory + "/data.key")
        let request = Request(requestID: "Q", givenName: "Ana", surname: "Lee", address: PostalAddress(line1: "1 Main St"))
        let sealed = try SealedValues.sealRequest(request, batchID: "B1", row: 3, keyring: keyring)
        #expect(
            try SealedValues.decode(
                keyring.open(sealed, context: SealedValues.context("batch_rows", batchID: "B1", row: 3)), count: 11)
                == SealedValues.fields(of: request))
        for context in [("batch_rows", "B1", 4), ("batch_rows", "B2", 3), ("disclosures", "B1", 3)] {
            #expect(throws: WorkspaceError.self) {
                _ = try keyring.open(sealed, context: SealedValues.context(context.0, batchID: context.1, row: context.2))
            }
        }
        var edited = sealed
        edited[edited.count - 20] ^= 1
        #expect(throws: WorkspaceError.self) {
            _ = try keyring.open(edited, context: SealedValues.context("batch_rows", batchID: "B1", row: 3))
        }
        // The key file is 0600.
        let mode = try FileManager.default.attributesOfItem(atPath: directory + "/data.key")[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }
}
