import Foundation
import GRDB
import GatehouseCore
import GatehouseStore
import Testing

/// A rejection is a verdict on one submission: the same file submitted again is checked again.
@Suite struct ResubmissionTests {
    static func agreement(version: Int, validUntil: String) -> String {
        PipelineFixture.agreementYAML()
            .replacingOccurrences(of: "version: 1", with: "version: \(version)")
            .replacingOccurrences(of: "valid_until: 2026-12-31", with: "valid_until: \(validUntil)")
    }

    func batchCount(_ f: PipelineFixture) throws -> Int {
        try f.workspace.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM batches") ?? 0 }
    }

    @Test func aBatchRejectedForAnExpiredAgreementIsAcceptedAfterTheRenewal() async throws {
        // In force until 2026-05-31; the fixture's clock says 2026-06-15.
        let f = try PipelineFixture(agreement: Self.agreement(version: 1, validUntil: "2026-05-31"))
        var firstID = ""
        do {
            _ = try f.submit()
            Issue.record("a batch under an expired agreement was accepted")
        } catch let error as BatchError {
            #expect(error.code == .manifestRejected)
            #expect(error.reasons == [.agreementNotInForce])
            firstID = String(error.message.split(separator: " ")[1])
        }
        // Submitting it again unchanged returns the same rejection and stores nothing new.
        do {
            _ = try f.submit()
            Issue.record("accepted on the second try without a renewal")
        } catch let error as BatchError {
            #expect(error.reasons == [.agreementNotInForce])
            #expect(error.message.contains(firstID))
        }
        #expect(try batchCount(f) == 1)

        // The renewal is a new version; the same file and manifest now go through.
        _ = try f.workspace.addAgreement(
            try DocumentFiles.agreement(yaml: Self.agreement(version: 2, validUntil: "2027-05-31"), name: "a.yaml"))
        let accepted = try f.submit()
        #expect(!accepted.existing)
        #expect(accepted.batch.id != firstID)
        #expect(accepted.batch.agreementVersion == 2)
        #expect(accepted.batch.state == .deciding)
        #expect(try f.pipeline.batch(id: firstID)?.state == .rejected)
        // And once live, the same file is the same batch.
        let again = try f.submit()
        #expect(again.existing)
        #expect(again.batch.id == accepted.batch.id)
        #expect(try batchCount(f) == 2)
        let summary = try await f.decideApproveRelease(accepted.batch.id)
        #expect(summary.rows == 5)
    }

    @Test func aDifferentVerdictIsANewAttempt() throws {
        let f = try PipelineFixture(agreement: PipelineFixture.agreementYAML(perBatch: 3))
        #expect(throws: BatchError.self) { _ = try f.submit() }
        // Suspended as well: the reasons differ, so the verdict is recorded as a new attempt.
        _ = try f.workspace.setAgreementStatus(id: "test-agreement", .suspended)
        do {
            _ = try f.submit()
            Issue.record("accepted")
        } catch let error as BatchError {
            #expect(error.reasons == [.agreementQuotaBatchExceeded, .agreementSuspended])
        }
        #expect(try batchCount(f) == 2)
    }

    @Test func aTenMegabyteGivenNameIsStoredAsARejectedRowWithoutItsValue() async throws {
        let f = try PipelineFixture()
        let huge = String(repeating: "W", count: 10 << 20)
        let csv = PipelineFixture.batchCSV.replacingOccurrences(of: "Q2,,Elena,", with: "Q2,,\(huge),")
        let submission = try f.submit(file: try f.writeBatch(csv))
        _ = try await f.pipeline.decidePending(batchID: submission.batch.id, index: try await f.workspace.loadIndex())
        let row = try f.workspace.database.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT r.problem, length(r.given_name), d.outcome, d.reasons FROM batch_rows r
                    JOIN decisions d USING (batch_id, row_number) WHERE r.request_id = 'Q2'
                    """)
        }
        #expect(row?[0] == "ROW_FIELD_TOO_LONG")
        #expect(row?[1] == 0)
        #expect(row?[2] == "rejected")
        #expect(row?[3] == "ROW_FIELD_TOO_LONG")
        let funnel = try f.pipeline.funnel(batchID: submission.batch.id)
        #expect(funnel.rejectedRows == 1)
        #expect(funnel.decided == 5)
    }
}
