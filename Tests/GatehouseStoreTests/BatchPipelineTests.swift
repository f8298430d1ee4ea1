import Foundation
import GatehouseCore
import GatehouseStore
import Testing

/// A workspace with a small synthetic store, an agreement in force on a fixed date, and a batch file.
struct PipelineFixture {
    static let now = ISO8601DateFormatter().date(from: "2026-06-15T12:00:00Z")!
    let directory: String
    let workspace: Workspace
    let pipeline: BatchPipeline

    static let people: [Record] =
        [
            Record(
                recordID: "R1", tin: "123456789", givenName: "William", surname: "Harris", birthDate: "1970-03-04",
                addresses: [
                    PostalAddress(
                        line1: "9 Old Rd", city: "Springfield", state: "IL", postcode: "62702", asOf: "2015-01-01"),
                    PostalAddress(
                        line1: "123 N Main St", city: "Springfield", state: "IL", postcode: "62701", asOf: "2024-01-01"),
                ]),
            Record(
                recordID: "R2", tin: "987654321", givenName: "Elena", surname: "Vargas", birthDate: "1991-12-01",
                addresses: [
                    PostalAddress(
                        line1: "5 Pine Rd", city: "Phoenix", state: "AZ", postcode: "85001", asOf: "2023-05-01")
                ]),
            Record(
                recordID: "R3", tin: "222334444", givenName: "John", surname: "Okafor", birthDate: "1950-02-11",
                addresses: [
                    PostalAddress(
                        line1: "77 Elm St", city: "Atlanta", state: "GA", postcode: "30301", asOf: "2020-01-01")
                ]),
            Record(
                recordID: "R4", tin: "555667777", givenName: "John", surname: "Okafor Jr", birthDate: "1980-09-30",
                addresses: [
                    PostalAddress(
                        line1: "77 Elm St", city: "Atlanta", state: "GA", postcode: "30301", asOf: "2020-01-01")
                ]),
        ]
        + (1...120).map { n in
            Record(
                recordID: "F\(n)", tin: String(format: "7%08d", n),
                givenName: ["James", "Mary", "Carlos", "Aisha", "Wei", "Rosa"][n % 6],
                surname: ["Johnson", "Brown", "Lee", "Nguyen", "Martinez", "Patel", "Kim", "Lopez"][n % 8],
                birthDate: "1960-01-\(10 + n % 18)",
                addresses: [
                    PostalAddress(
                        line1: "\(100 + n) Maple Ave", city: "Town", state: "TX", postcode: "78201", asOf: "2022-01-01")
                ])
        }

    /// The batch: verified, verified, insufficient (placeholder address), ambiguous (father/son), not found.
    static let batchCSV = """
        request_id,tin,given_name,middle_name,surname,birth_date,address_line1,address_line2,city,state,postcode,case_reference
        Q1,,Bill,,Harris,,123 North Main Street,,Springfield,IL,62701,CASE-1
        Q2,,Elena,,Vargas,,5 Pine Rd,,Phoenix,AZ,85001,CASE-2
        Q3,123456789,William,,Harris,,Failed to Provide,,,,62701,CASE-3
        Q4,,John,,Okafor,,77 Elm St,,Atlanta,GA,30301,CASE-4
        Q5,,Zebulon,,Quackenbush,,1 Nowhere Ln,,Town,TX,78201,CASE-5

        """

    static func agreementYAML(
        status: String = "active", perBatch: Int = 1000, perDay: Int = 5000, twoPerson: Bool = true
    ) -> String {
        """
        id: test-agreement
        version: 1
        requester:
          agency: Test Requesting Agency
        legal_basis: ["26 U.S.C. § 6103(i)(2)"]
        purpose: Testing.
        valid_from: 2026-01-01
        valid_until: 2026-12-31
        signers:
          - {name: Pat Signer, role: Director}
        permitted_signer_roles: [Director]
        permitted_statutes: ["8 U.S.C. § 1253(a)(1)"]
        permitted_fields: [verification, last_known_address]
        quotas: {records_per_batch: \(perBatch), records_per_day: \(perDay)}
        two_person_release: \(twoPerson)
        status: \(status)
        """
    }

    static func manifestYAML(
        signer: String = "Pat Signer", statute: String = "8 U.S.C. § 1253(a)(1)", attestation: Bool = true
    ) -> String {
        """
        agreement: test-agreement
        requester: Test Requesting Agency
        signer: {name: \(signer), role: Director}
        statute: "\(statute)"
        tax_periods: ["2025"]
        reason: The people listed are named in the proceeding.
        proceeding: Case T-1
        attestation: \(attestation)
        """
    }

    init(agreement: String = PipelineFixture.agreementYAML()) throws {
        directory =
            FileManager.default.temporaryDirectory.appendingPathComponent("gatehouse-pipeline-\(UUID().uuidString)")
            .path
        workspace = try Workspace.create(at: directory)
        _ = try workspace.importRecords(
            PipelineFixture.people.enumerated().map { .record(line: $0.offset + 2, $0.element) }, progress: { _ in })
        _ = try workspace.addAgreement(try DocumentFiles.agreement(yaml: agreement, name: "agreement.yaml"))
        pipeline = BatchPipeline(workspace: workspace, now: PipelineFixture.now)
    }

    func writeBatch(_ text: String = PipelineFixture.batchCSV, name: String = "batch.csv") throws -> String {
        let path = directory + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func submit(_ manifest: String = PipelineFixture.manifestYAML(), file: String? = nil) throws
        -> BatchPipeline.Submission
    {
        try pipeline.submit(
            file: file ?? writeBatch(), agreementID: "test-agreement",
            manifest: try DocumentFiles.manifest(yaml: manifest, name: "manifest.yaml"), manifestText: manifest)
    }

    func decideApproveRelease(_ id: String, orders: Result<[CourtOrder], any Error>? = nil) async throws
        -> BatchPipeline.ReleaseSummary
    {
        _ = try await pipeline.decidePending(batchID: id, index: try await workspace.loadIndex())
        try pipeline.approve(batchID: id, officer: "officer.a")
        try pipeline.approve(batchID: id, officer: "officer.b")
        return try pipeline.release(batchID: id, ordersOverride: orders)
    }

    func responses(_ id: String) throws -> String {
        let path = directory + "/responses-\(id).csv"
        _ = try pipeline.writeResponses(batchID: id, to: path)
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    static func order(status: String = "active", effective: String = "2026-06-01") throws -> CourtOrder {
        try DocumentFiles.courtOrder(
            yaml: """
                id: order-1
                version: 1
                court: Test District Court
                case_number: "1:26-cv-1"
                issued: 2026-06-01
                effective: \(effective)
                scope: {agreements: [test-agreement]}
                effect: {forbid_fields: [last_known_address]}
                status: \(status)
                """, name: "order.yaml")
    }
}

@Suite struct BatchPipelineTests {
    @Test func fullFlowReleasesOnlyVerifiedAddresses() async throws {
        let f = try PipelineFixture()
        let id = try f.submit().batch.id
        let summary = try await f.decideApproveRelease(id)
        #expect(summary.released == 2)
        #expect(summary.releasedWithAddress == 2)
        let funnel = try f.pipeline.funnel(batchID: id)
        #expect(
            funnel.submitted == 5 && funnel.verified == 2 && funnel.insufficient == 1 && funnel.ambiguous == 1
                && funnel.notFound == 1)
        let lines = try f.responses(id).split(separator: "\n").map(String.init)
        #expect(lines[0] == "request_id,result_code,result_label,address_line1,address_line2,city,state,postcode")
        #expect(lines[1] == "Q1,0,Verified,123 N Main St,,Springfield,IL,62701")
        #expect(lines[2] == "Q2,0,Verified,5 Pine Rd,,Phoenix,AZ,85001")
        #expect(lines[3] == "Q3,2,Insufficient request,,,,,")
        #expect(lines[4] == "Q4,3,Ambiguous: more than one person,,,,,")
        #expect(lines[5] == "Q5,1,Not found,,,,,")
    }

    @Test func responsesNeverContainUnpermittedProtectedValues() async throws {
        let f = try PipelineFixture()
        let id = try f.submit().batch.id
        _ = try await f.decideApproveRelease(id)
        let text = try f.responses(id)
        for person in PipelineFixture.people {
            #expect(!text.contains(person.recordID + ","), "record id \(person.recordID) leaked")
            #expect(!text.contains(person.tin), "a TIN leaked")
            #expect(!text.contains(person.birthDate), "a birth date leaked")
            // Addresses only of the two verified people.
            if !["R1", "R2"].contains(person.recordID) {
                for address in person.addresses {
                    #expect(!text.contains(address.line1), "an unreleased address leaked")
                }
            }
        }
        // The old address of R1 is never released, only the current one.
        #expect(!text.contains("9 Old Rd"))
    }

    @Test func orderAddedAfterDecisionWithholdsAtRelease() async throws {
        let f = try PipelineFixture()
        let id = try f.submit().batch.id
        _ = try await f.pipeline.decidePending(batchID: id, index: try await f.workspace.loadIndex())
        _ = try f.workspace.addOrder(try PipelineFixture.order())
        try f.pipeline.approve(batchID: id, officer: "officer.a")
        try f.pipeline.approve(batchID: id, officer: "officer.b")
        let summary = try f.pipeline.release(batchID: id)
        #expect(summary.released == 2 && summary.releasedWithAddress == 0 && summary.withheld == 2)
        let text = try f.responses(id)
        #expect(text.contains("Q1,0,Verified,,,,,"))
        #expect(!text.contains("Main St"))
        #expect(try f.pipeline.funnel(batchID: id).withheldByReason[.withheldByOrder] == 2)
    }

    @Test(arguments: ["stayed", "vacated"])
    func stayedOrVacatedOrderStopsApplying(_ status: String) async throws {
        let f = try PipelineFixture()
        _ = try f.workspace.addOrder(try PipelineFixture.order())
        _ = try f.workspace.setOrderStatus(id: "order-1", CourtOrder.Status(rawValue: status)!)
        let id = try f.submit().batch.id
        let summary = try await f.decideApproveRelease(id)
        #expect(summary.releasedWithAddress == 2)
    }

    @Test func unreadableOrderRegistryReleasesNothing() async throws {
        struct RegistryDown: Error {}
        let f = try PipelineFixture()
        let id = try f.submit().batch.id
        let summary = try await f.decideApproveRelease(id, orders: .failure(RegistryDown()))
        #expect(summary.released == 0)
        #expect(!(try f.responses(id)).contains("Main St"))
    }

    @Test func manifestRejectionListsEveryReason() throws {
        let f = try PipelineFixture()
        let manifest = PipelineFixture.manifestYAML(
            signer: "Somebody Else", statute: "18 U.S.C. § 1", attestation: false)
        do {
            _ = try f.submit(manifest)
            Issue.record("a bad manifest must reject the batch")
        } catch let error as BatchError {
            #expect(error.code == .manifestRejected)
            #expect(
                Set(error.reasons).isSuperset(of: [
                    .manifestSignerUnknown, .manifestStatuteNotPermitted, .manifestAttestationMissing,
                ]))
        }
        let batches = try f.pipeline.batches()
        #expect(batches.count == 1 && batches[0].state == .rejected)
    }

    @Test func suspendedAgreementBlocksSubmission() throws {
        let f = try PipelineFixture()
        _ = try f.workspace.setAgreementStatus(id: "test-agreement", .suspended)
        #expect(throws: BatchError.self) { _ = try f.submit() }
    }

    @Test func quotaPerBatchAndPerDay() throws {
        let small = try PipelineFixture(agreement: PipelineFixture.agreementYAML(perBatch: 3))
        do {
            _ = try small.submit()
            Issue.record("a batch over the quota must be rejected")
        } catch let error as BatchError {
            #expect(error.reasons.contains(.agreementQuotaBatchExceeded))
        }
        let daily = try PipelineFixture(agreement: PipelineFixture.agreementYAML(perBatch: 5, perDay: 7))
        _ = try daily.submit()
        let other = try daily.writeBatch(
            PipelineFixture.batchCSV.replacingOccurrences(of: "CASE-", with: "CASE-B"), name: "b2.csv")
        do {
            _ = try daily.submit(file: other)
            Issue.record("the second batch of the day must exceed the daily quota")
        } catch let error as BatchError {
            #expect(error.reasons.contains(.agreementQuotaDayExceeded))
        }
    }

    @Test func sameFileReturnsTheExistingBatch() throws {
        let f = try PipelineFixture()
        let first = try f.submit()
        let again = try f.submit()
        #expect(again.existing && again.batch.id == first.batch.id)
        #expect(try f.pipeline.batches().count == 1)
    }

    @Test func releaseNeedsTwoDifferentOfficers() async throws {
        let f = try PipelineFixture()
        let id = try f.submit().batch.id
        _ = try await f.pipeline.decidePending(batchID: id, index: try await f.workspace.loadIndex())
        try f.pipeline.approve(batchID: id, officer: "officer.a")
        #expect(throws: BatchError.self) { try f.pipeline.approve(batchID: id, officer: "officer.a") }
        #expect(throws: BatchError.self) { _ = try f.pipeline.release(batchID: id) }
        try f.pipeline.approve(batchID: id, officer: "officer.b")
        #expect(try f.pipeline.release(batchID: id).released == 2)
    }

    @Test func accountingListsExactlyTheReleases() async throws {
        let f = try PipelineFixture()
        let id = try f.submit().batch.id
        _ = try await f.decideApproveRelease(id)
        let harris = try f.pipeline.accounting(recordID: "R1", actor: "auditor")
        #expect(harris.count == 1)
        #expect(harris.first?.requestID == "Q1" && harris.first?.recipient == "Test Requesting Agency")
        #expect(harris.first?.fields == ["verification", "last_known_address"])
        #expect(try f.pipeline.accounting(recordID: "R3", actor: "auditor").isEmpty)
        #expect(try f.pipeline.accounting(recordID: "F1", actor: "auditor").isEmpty)
    }
}
