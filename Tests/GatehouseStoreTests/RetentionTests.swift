import Foundation
import GRDB
import GatehouseCore
import Testing

@testable import GatehouseStore

/// An agreement's retention purges request rows and responses, and keeps the accounting.
@Suite struct RetentionTests {
    static func fixture(days: Int) async throws -> (PipelineFixture, String) {
        let yaml = PipelineFixture.agreementYAML() + "\nretention_days: \(days)\n"
        let f = try PipelineFixture(agreement: yaml)
        let id = try f.submit().batch.id
        _ = try await f.decideApproveRelease(id)
        return (f, id)
    }

    static func later(_ days: Double) -> Date { PipelineFixture.now.addingTimeInterval(days * 86_400) }

    @Test func nothingIsPurgedBeforeTheRetentionEnds() async throws {
        let (f, id) = try await Self.fixture(days: 30)
        let retention = Retention(workspace: f.workspace, now: Self.later(29))
        #expect(try retention.run().isEmpty)
        let status = try #require(try retention.status(batchID: id))
        #expect(status.days == 30)
        #expect(status.purgeFrom == "2026-07-15")
        #expect(status.purgedAt == nil)
        #expect(try f.workspace.storedRequests(batchID: id).map(\.givenName).contains("Elena"))
    }

    @Test func afterTheRetentionTheValuesGoAndTheAccountingStays() async throws {
        let (f, id) = try await Self.fixture(days: 30)
        let accountingBefore = try f.pipeline.accounting(recordID: "R2", actor: "test")
        let purges = try Retention(workspace: f.workspace, now: Self.later(31)).run()
        #expect(purges == [.init(batchID: id, days: 30, requestRows: 5, disclosures: 2)])
        // A second run purges nothing more.
        #expect(try Retention(workspace: f.workspace, now: Self.later(32)).run().isEmpty)
        let left = try await f.workspace.database.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT count(*) FROM batch_rows WHERE sealed IS NOT NULL") ?? -1,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM disclosures WHERE sealed_values IS NOT NULL") ?? -1,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM decisions") ?? -1,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM disclosures WHERE fields <> ''") ?? -1
            )
        }
        #expect(left.0 == 0 && left.1 == 0)
        #expect(left.2 == 5 && left.3 == 2)
        #expect(try f.workspace.storedRequests(batchID: id).allSatisfy { $0.givenName.isEmpty && $0.address.line1.isEmpty })
        // The accounting of disclosures is kept.
        #expect(try f.pipeline.accounting(recordID: "R2", actor: "test") == accountingBefore)
        // The response file is gone, and says why.
        let error = #expect(throws: BatchError.self) { _ = try f.responses(id) }
        #expect(error?.message.contains("purged on 2026-07-16") == true, "\(String(describing: error))")
        // The purge is in the ledger, and the audit accepts the purged rows.
        let report = try WorkspaceAudit(workspace: f.workspace).run()
        #expect(report.isClean, "\(report)")
        let kinds = try await f.workspace.database.read { db in try Int.fetchAll(db, sql: "SELECT kind FROM ledger_entries") }
        #expect(kinds.filter { $0 == 22 }.count == 1)
    }

    @Test func aPurgeMarkedWithoutTheLedgerIsNamed() async throws {
        let (f, id) = try await Self.fixture(days: 30)
        try await f.workspace.database.write { db in
            try db.execute(sql: "UPDATE batches SET purged_at = '2026-07-16T00:00:00Z' WHERE id = ?", arguments: [id])
        }
        let report = try WorkspaceAudit(workspace: f.workspace).run()
        #expect(report.mismatches.contains { $0.table == "batches" && $0.detail.contains("no purge") }, "\(report)")
    }

    @Test func anAgreementWithoutRetentionKeepsEverything() async throws {
        let f = try PipelineFixture()
        let id = try f.submit().batch.id
        _ = try await f.decideApproveRelease(id)
        #expect(try Retention(workspace: f.workspace, now: Self.later(3650)).run().isEmpty)
        #expect(try Retention(workspace: f.workspace).status(batchID: id)?.days == nil)
    }

    @Test func retentionDaysMustBePositive() {
        let yaml = PipelineFixture.agreementYAML() + "\nretention_days: 0\n"
        #expect(throws: DocumentFileError.self) { _ = try DocumentFiles.agreement(yaml: yaml, name: "a.yaml") }
    }
}
