import Foundation
import GRDB
import GatehouseCore
@testable import GatehouseStore
import Testing

/// An insider with the database file drops the triggers and edits a row the pipeline acts on.
/// Each forgery must stop the step that would act on it (with a refusal in the ledger), and
/// `WorkspaceAudit` must name the row.
@Suite struct ForgeryTests {
    /// A decided batch with both approvals but not released: Q1, Q2 verified, Q3 insufficient,
    /// Q4 ambiguous, Q5 not found.
    static func approvedBatch() async throws -> (PipelineFixture, String) {
        let f = try PipelineFixture()
        let id = try f.submit().batch.id
        _ = try await f.pipeline.decidePending(batchID: id, index: try await f.workspace.loadIndex())
        try f.pipeline.approve(batchID: id, officer: "officer.a")
        try f.pipeline.approve(batchID: id, officer: "officer.b")
        return (f, id)
    }

    /// Runs `sql` as the insider would: triggers dropped first, foreign keys off.
    static func forge(_ f: PipelineFixture, _ sql: String, arguments: StatementArguments = []) throws {
        try f.workspace.database.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            for trigger in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger'") {
                try db.execute(sql: "DROP TRIGGER \(trigger)")
            }
            try db.execute(sql: sql, arguments: arguments)
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
    }

    static func refusals(_ f: PipelineFixture) throws -> [LedgerEvent.Refusal] {
        try f.workspace.database.read { db in
            try Row.fetchAll(db, sql: "SELECT entry FROM ledger_entries WHERE kind = 20 ORDER BY seq").compactMap {
                let data: Data = $0[0]
                if case .refusal(let r) = try LedgerEntry(decoding: [UInt8](data)).event { return r }
                return nil
            }
        }
    }

    /// The step throws `.tampered` naming `row`, a refusal of `step` is the newest ledger entry,
    /// and the audit names the row in `table`.
    static func expectRefused(
        _ f: PipelineFixture, step: String, table: String, row: String, detail: String,
        _ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        do {
            try body()
            Issue.record("the \(step) went ahead over a forged \(table) row", sourceLocation: sourceLocation)
        } catch let error as BatchError {
            #expect(error.code == .tampered, "\(error)", sourceLocation: sourceLocation)
            #expect(error.message.contains(row), "\(error)", sourceLocation: sourceLocation)
        }
        let refusal = try #require(try refusals(f).last, sourceLocation: sourceLocation)
        #expect(refusal.step == step, sourceLocation: sourceLocation)
        #expect(refusal.tables.contains(table), "\(refusal)", sourceLocation: sourceLocation)
        let report = try WorkspaceAudit(workspace: f.workspace).run()
        #expect(!report.isClean, sourceLocation: sourceLocation)
        #expect(
            report.mismatches.contains { $0.table == table && $0.row.contains(row) && $0.detail.contains(detail) },
            "\(report)", sourceLocation: sourceLocation)
    }

    func releasedState(_ f: PipelineFixture, _ id: String) throws -> String? {
        try f.workspace.database.read { db in try String.fetchOne(db, sql: "SELECT state FROM batches WHERE id = ?", arguments: [id]) }
    }

    @Test func anUntouchedWorkspaceAuditsClean() async throws {
        let (f, id) = try await Self.approvedBatch()
        _ = try f.pipeline.release(batchID: id)
        _ = try f.responses(id)
        let report = try WorkspaceAudit(workspace: f.workspace).run()
        #expect(report.isClean, "\(report)")
        #expect(report.checked["decisions"] == 5)
        #expect(report.checked["disclosures"] == 5)
        #expect(report.checked["approvals"] == 2)
        #expect(try Self.refusals(f).isEmpty)
    }

    /// The issue's own case: a not-found row edited into a verification of someone's record.
    @Test func aForgedDecisionIsNotReleased() async throws {
        let (f, id) = try await Self.approvedBatch()
        try Self.forge(
            f, "UPDATE decisions SET outcome = 'verified', record_id = 'R2', address_verified = 1, reasons = '' WHERE request_id = 'Q5'")
        try Self.expectRefused(f, step: "release", table: "decisions", row: "row 5 (request Q5)", detail: "outcome is verified") {
            _ = try f.pipeline.release(batchID: id)
        }
        #expect(try releasedState(f, id) == "approved")
        #expect(throws: BatchError.self) { _ = try f.responses(id) }
        // Nothing of Q5 was stored as disclosed.
        let disclosed = try await f.workspace.database.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM disclosures WHERE request_id = 'Q5'")
        }
        #expect(disclosed == 0)
    }

    @Test func aForgedDecisionWithAForgedEntryIsCaughtByTheCheckpoint() async throws {
        let (f, id) = try await Self.approvedBatch()
        // The insider rewrites the entry too, and its leaf hash: only the signed checkpoint disagrees.
        let (seq, entry) = try await f.workspace.database.read { db -> (Int, LedgerEntry) in
            let row = try Row.fetchOne(
                db, sql: "SELECT e.seq, e.entry FROM decisions d JOIN ledger_entries e ON e.seq = d.ledger_seq WHERE d.request_id = 'Q5'")!
            return (row[0], try LedgerEntry(decoding: [UInt8](row[1] as Data)))
        }
        guard case .decision(var decision) = entry.event else { Issue.record("not a decision"); return }
        decision.outcome = .verified
        decision.reasons = []
        decision.recordIDHash = LedgerHash.of(recordID: "R2")
        decision.rulesVersion = "statutory/statutory/index-v3"
        let forged = LedgerEntry(sequence: entry.sequence, timestamp: entry.timestamp, event: .decision(decision))
        try Self.forge(
            f,
            """
            UPDATE ledger_entries SET entry = ?, leaf_hash = ? WHERE seq = ?;
            UPDATE decisions SET outcome = 'verified', record_id = 'R2', address_verified = 1, reasons = '' WHERE request_id = 'Q5';
            """,
            arguments: [Data(forged.encoded), Data(Merkle.leafHash(forged.encoded).withUnsafeBytes { Array($0) }), seq])
        // The checkpoint proves that an entry in the range the release relies on was edited (the
        // forged row agrees with its forged entry, so the entries are named, not the row).
        #expect(seq == 6)
        try Self.expectRefused(f, step: "release", table: "ledger_entries", row: "entry", detail: "are not the ones the checkpoint") {
            _ = try f.pipeline.release(batchID: id)
        }
        // And `ledger verify` names the first checkpoint after the edit.
        let verify = try await f.workspace.database.read { db in
            try LedgerStore.verify(in: db, verifier: try LedgerKeys.loadVerifier(from: f.workspace.keysDirectory))
        }
        #expect(!verify.isIntact)
    }

    @Test func aForgedApprovalDoesNotCount() async throws {
        let f = try PipelineFixture()
        let id = try f.submit().batch.id
        _ = try await f.pipeline.decidePending(batchID: id, index: try await f.workspace.loadIndex())
        try f.pipeline.approve(batchID: id, officer: "officer.a")
        // A second "officer" who never approved, and the state moved on by hand.
        try Self.forge(
            f,
            """
            INSERT INTO approvals (batch_id, officer, approved_at) VALUES ('\(id)', 'mallory', '2026-06-15T12:00:00Z');
            UPDATE batches SET state = 'approved' WHERE id = '\(id)';
            """)
        try Self.expectRefused(f, step: "release", table: "approvals", row: "officer mallory", detail: "not in the ledger") {
            _ = try f.pipeline.release(batchID: id)
        }
        #expect(try releasedState(f, id) == "approved")
    }

    @Test func aDeletedApprovalIsNamed() async throws {
        let (f, _) = try await Self.approvedBatch()
        try Self.forge(f, "DELETE FROM approvals WHERE officer = 'officer.b'")
        let report = try WorkspaceAudit(workspace: f.workspace).run()
        #expect(report.mismatches.contains { $0.table == "approvals" && $0.row.contains("officer.b") && $0.detail.contains("missing") })
    }

    @Test func aForgedDisclosureIsNotHandedToTheRequester() async throws {
        let (f, id) = try await Self.approvedBatch()
        _ = try f.pipeline.release(batchID: id)
        // Q5 (not found) made into a release of R2's address.
        try Self.forge(
            f,
            """
            UPDATE disclosures SET fields = 'verification;last_known_address', result_code = 0, record_id = 'R2',
                released_values = '{"address_line1":"5 Pine Rd","city":"Phoenix","postcode":"85001","state":"AZ"}'
            WHERE request_id = 'Q5'
            """)
        let path = f.directory + "/responses-forged.csv"
        try Self.expectRefused(f, step: "results", table: "disclosures", row: "row 5 (request Q5)", detail: "no release") {
            _ = try f.pipeline.writeResponses(batchID: id, to: path)
        }
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(!FileManager.default.fileExists(atPath: path + ".partial"))
    }

    @Test func editedReleasedValuesAreNotHandedToTheRequester() async throws {
        let (f, id) = try await Self.approvedBatch()
        _ = try f.pipeline.release(batchID: id)
        // Q2's release kept, its address swapped for another person's, sealed with the data key
        // (an insider who holds the key file as well as the database).
        let forged = #"{"address_line1":"77 Elm St","address_line2":"","city":"Atlanta","postcode":"30301","state":"GA"}"#
        let sealed = try SealedValues.sealValues(
            forged, batchID: id, row: 2, keyring: try f.workspace.dataKeyring())
        try Self.forge(f, "UPDATE disclosures SET sealed_values = ? WHERE request_id = 'Q2'", arguments: [sealed])
        try Self.expectRefused(f, step: "results", table: "disclosures", row: "row 2 (request Q2)", detail: "values") {
            _ = try f.pipeline.writeResponses(batchID: id, to: f.directory + "/r.csv")
        }
    }

    @Test func aForgedResultCodeIsNotHandedToTheRequester() async throws {
        let (f, id) = try await Self.approvedBatch()
        _ = try f.pipeline.release(batchID: id)
        // "Not found" turned into "Verified": the requester would learn the person is on file.
        try Self.forge(f, "UPDATE disclosures SET result_code = 0 WHERE request_id = 'Q5'")
        try Self.expectRefused(f, step: "results", table: "disclosures", row: "row 5 (request Q5)", detail: "result_code") {
            _ = try f.pipeline.writeResponses(batchID: id, to: f.directory + "/r.csv")
        }
    }

    @Test func aForgedAgreementVersionIsNotActedOn() async throws {
        let (f, id) = try await Self.approvedBatch()
        // Permit the birth date and the TIN too, and fix up the hash column.
        let document = try await f.workspace.database.read { db in
            try String.fetchOne(db, sql: "SELECT document FROM agreements WHERE id = 'test-agreement' AND version = 1")!
        }
        let forged = document.replacingOccurrences(of: "\"last_known_address\"", with: "\"last_known_address\",\"birth_date\",\"tin\"")
        #expect(forged != document)
        try Self.forge(
            f, "UPDATE agreements SET document = ?, sha256 = ? WHERE id = 'test-agreement' AND version = 1",
            arguments: [forged, Hash32.sha256(utf8: forged).hex])
        try Self.expectRefused(f, step: "release", table: "agreements", row: "agreement test-agreement version 1", detail: "not the document") {
            _ = try f.pipeline.release(batchID: id)
        }
    }

    @Test func aForgedOrderStatusIsNotActedOn() async throws {
        let (f, id) = try await Self.approvedBatch()
        let order = try DocumentFiles.courtOrder(
            yaml: """
                id: address-injunction
                version: 1
                court: U.S. District Court (fictional)
                case_number: "1:26-cv-00001"
                issued: 2026-05-01
                effective: 2026-05-01
                scope: {agreements: [test-agreement]}
                effect: {forbid_fields: [last_known_address]}
                status: active
                """, name: "order.yaml")
        _ = try f.workspace.addOrder(order)
        // The injunction "vacated" by hand: the status column and the document both edited.
        let document = try await f.workspace.database.read { db in
            try String.fetchOne(db, sql: "SELECT document FROM court_orders WHERE id = 'address-injunction'")!
        }
        let forged = document.replacingOccurrences(of: "\"status\":\"active\"", with: "\"status\":\"vacated\"")
        #expect(forged != document)
        try Self.forge(
            f, "UPDATE court_orders SET status = 'vacated', document = ?, sha256 = ? WHERE id = 'address-injunction'",
            arguments: [forged, Hash32.sha256(utf8: forged).hex])
        try Self.expectRefused(f, step: "release", table: "court_orders", row: "order address-injunction version 1", detail: "status is vacated") {
            _ = try f.pipeline.release(batchID: id)
        }
    }

    @Test func aDeletedOrderIsNotForgotten() async throws {
        let (f, id) = try await Self.approvedBatch()
        _ = try f.workspace.addOrder(
            try DocumentFiles.courtOrder(
                yaml: """
                    id: address-injunction
                    version: 1
                    court: U.S. District Court (fictional)
                    case_number: "1:26-cv-00001"
                    issued: 2026-05-01
                    effective: 2026-05-01
                    scope: {agreements: [test-agreement]}
                    effect: {forbid_fields: [last_known_address]}
                    status: active
                    """, name: "order.yaml"))
        try Self.forge(f, "DELETE FROM court_orders WHERE id = 'address-injunction'")
        try Self.expectRefused(f, step: "release", table: "court_orders", row: "order address-injunction version 1", detail: "row is missing") {
            _ = try f.pipeline.release(batchID: id)
        }
    }

    @Test func anEditedRequestRowIsNamedByTheAudit() async throws {
        let (f, _) = try await Self.approvedBatch()
        // Resealed with the data key, as an insider holding the key file as well would.
        let batch = try await f.workspace.database.read { db in try String.fetchOne(db, sql: "SELECT id FROM batches")! }
        var request = try f.workspace.storedRequests(batchID: batch)[0]
        request.address.line1 = "1 Other St"
        let sealed = try SealedValues.sealRequest(request, batchID: batch, row: 1, keyring: try f.workspace.dataKeyring())
        try Self.forge(f, "UPDATE batch_rows SET sealed = ? WHERE request_id = 'Q1'", arguments: [sealed])
        let report = try WorkspaceAudit(workspace: f.workspace).run()
        #expect(report.mismatches.contains { $0.table == "batch_rows" && $0.row.contains("request Q1") }, "\(report)")
        // The audit names rows by identifiers, never by their values.
        #expect(!report.description.contains("Other St"))
    }

    @Test func aDeletedDecisionIsNamedByTheAudit() async throws {
        let (f, _) = try await Self.approvedBatch()
        try Self.forge(f, "DELETE FROM decisions WHERE request_id = 'Q4'")
        let report = try WorkspaceAudit(workspace: f.workspace).run()
        #expect(report.mismatches.contains { $0.table == "decisions" && $0.row.contains("request Q4") && $0.detail.contains("deleted") }, "\(report)")
    }
}

/// A workspace made before the ledger links: the migration links every decision and release.
@Suite struct LedgerLinkBackfillTests {
    @Test func theBackfillLinksWhatThePipelineLinked() async throws {
        let (f, id) = try await ForgeryTests.approvedBatch()
        _ = try f.pipeline.release(batchID: id)
        let query = "SELECT 'd', row_number, ledger_seq FROM decisions UNION ALL SELECT 'x', row_number, ledger_seq FROM disclosures ORDER BY 1, 2"
        let linked = try await f.workspace.database.read { db in try Row.fetchAll(db, sql: query).map { "\($0)" } }
        try await f.workspace.database.write { db in
            try db.execute(sql: "UPDATE decisions SET ledger_seq = NULL; UPDATE disclosures SET ledger_seq = NULL")
            try GuardSchema.backfill(db)
        }
        let relinked = try await f.workspace.database.read { db in try Row.fetchAll(db, sql: query).map { "\($0)" } }
        #expect(relinked == linked)
        #expect(linked.count == 10)
    }
}

extension ForgeryTests {
    /// Without the key, an insider can only move sealed values between rows: they do not open there.
    @Test func sealedValuesMovedToAnotherRowDoNotOpen() async throws {
        let (f, id) = try await Self.approvedBatch()
        _ = try f.pipeline.release(batchID: id)
        try Self.forge(
            f,
            """
            UPDATE disclosures SET sealed_values = (SELECT sealed_values FROM disclosures WHERE request_id = 'Q1'),
                values_salt = (SELECT values_salt FROM disclosures WHERE request_id = 'Q1')
            WHERE request_id = 'Q2'
            """)
        try Self.expectRefused(f, step: "results", table: "disclosures", row: "row 2", detail: "does not open") {
            _ = try f.pipeline.writeResponses(batchID: id, to: f.directory + "/r.csv")
        }
    }
}
