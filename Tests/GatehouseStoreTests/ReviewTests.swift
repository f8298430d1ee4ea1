import Foundation
import GRDB
import GatehouseCSV
import GatehouseCore
import GatehouseStore
import GatehouseSynth
import Testing

/// A generated store and batch, run once under a `legacy-zip-only` agreement and once under a
/// statutory one (the same file, two agreements), each released.
struct ReviewFixture {
    static let now = ISO8601DateFormatter().date(from: "2026-06-15T12:00:00Z")!
    let directory: String
    let workspace: Workspace
    let legacyBatch: String
    let statutoryBatch: String

    static func agreementYAML(id: String, profile: String) -> String {
        """
        id: \(id)
        version: 1
        requester:
          agency: Requesting Agency \(id)
          contact: Disclosure Office
          address: 1 Plaza, Capital City, DC 20001
        legal_basis: ["26 U.S.C. § 6103(i)(2)"]
        purpose: Testing the review.
        valid_from: 2026-01-01
        valid_until: 2026-12-31
        signers:
          - {name: Pat Signer, role: Director}
        permitted_signer_roles: [Director]
        permitted_statutes: ["8 U.S.C. § 1253(a)(1)"]
        required_fields: [case_reference]
        sufficiency_profile: \(profile)
        permitted_fields: [verification, last_known_address]
        two_person_release: true
        status: active
        """
    }

    static func manifestYAML(agreement: String) -> String {
        """
        agreement: \(agreement)
        requester: Requesting Agency \(agreement)
        signer: {name: Pat Signer, role: Director}
        statute: "8 U.S.C. § 1253(a)(1)"
        tax_periods: ["2025"]
        reason: The people listed are named in the proceeding.
        proceeding: Case T-1
        attestation: true
        """
    }

    init(records: Int = 3_000, requests: Int = 2_000, seed: UInt64 = 11) async throws {
        directory =
            FileManager.default.temporaryDirectory.appendingPathComponent("gatehouse-review-\(UUID().uuidString)").path
        workspace = try Workspace.create(at: directory)
        let data = directory + "/data"
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        _ = try SynthGenerator(configuration: SynthConfiguration(records: records, requests: requests, seed: seed))
            .write(to: data)
        let reader = try RecordsReader(path: data + "/records.csv")
        _ = try workspace.importRecords(
            reader.lazy.map { row -> RecordImportRow in
                switch row {
                case .record(let line, let record): .record(line: line, record)
                case .rejected(let line, let detail): .rejected(line: line, detail: detail)
                }
            }, progress: { _ in })
        let index = try await workspace.rebuildIndex().index
        var pipeline = BatchPipeline(workspace: workspace, now: Self.now)
        pipeline.allowLegacyProfile = true
        var ids: [String] = []
        for (id, profile) in [("legacy", "legacy-zip-only"), ("statutory", "statutory")] {
            _ = try workspace.addAgreement(
                try DocumentFiles.agreement(yaml: Self.agreementYAML(id: id, profile: profile), name: "a.yaml"))
            let manifest = Self.manifestYAML(agreement: id)
            let batch = try pipeline.submit(
                file: data + "/requests.csv", agreementID: id,
                manifest: try DocumentFiles.manifest(yaml: manifest, name: "m.yaml"), manifestText: manifest
            ).batch.id
            _ = try await pipeline.decidePending(batchID: batch, index: index)
            try pipeline.approve(batchID: batch, officer: "officer.a")
            try pipeline.approve(batchID: batch, officer: "officer.b")
            _ = try pipeline.release(batchID: batch)
            ids.append(batch)
        }
        legacyBatch = ids[0]
        statutoryBatch = ids[1]
    }

    var review: RetroactiveReview { RetroactiveReview(workspace: workspace, now: Self.now) }

    /// Every protected value in the store and in the stored request rows.
    func protectedValues() throws -> (exact: Set<String>, names: Set<String>) {
        let batches = try workspace.database.read { db in try String.fetchAll(db, sql: "SELECT id FROM batches") }
        let requests = try batches.flatMap { try workspace.storedRequests(batchID: $0) }
        return try workspace.database.read { db in
            var exact: Set<String> = []
            var names: Set<String> = []
            for row in try Row.fetchAll(db, sql: "SELECT tin, given_name, surname, birth_date FROM records") {
                exact.insert(row[0])
                exact.insert(row[3])
                names.insert("\(row[1] as String) \(row[2] as String)")
            }
            for row in try Row.fetchAll(db, sql: "SELECT line1, postcode FROM record_addresses") {
                exact.insert(row[0])
            }
            for request in requests {
                exact.insert(request.tin)
                exact.insert(request.birthDate)
                exact.insert(request.address.line1)
                names.insert("\(request.givenName) \(request.surname)")
            }
            // Values too short to be telling are not scanned, nor lines without a digit: those are
            // placeholders ("General Delivery", "Failed to Provide") that reason codes explain.
            return (
                exact.filter { $0.count >= 5 && $0.contains(where: \.isNumber) },
                names.filter { $0.count >= 5 }
            )
        }
    }
}

@Suite(.serialized) struct ReviewTests {
    @Test func findingsAreExactlyTheReleasesTheStatutoryProfileWouldNotMake() async throws {
        let f = try await ReviewFixture()
        let legacyReleased = Set(try f.workspace.releasedRequestIDs(batchID: f.legacyBatch))
        let statutoryReleased = Set(try f.workspace.releasedRequestIDs(batchID: f.statutoryBatch))
        let expected = legacyReleased.subtracting(statutoryReleased)
        #expect(!expected.isEmpty, "the generated batch should hold improper legacy releases")

        let summary = try await f.review.run(.init(agreementID: "legacy", profile: .statutory))
        let findings = try f.review.findings(reviewID: summary.reviewID)
        let found = Set(findings.map(\.requestID))
        #expect(
            found == expected,
            "extra: \(found.subtracting(expected).count), missed: \(expected.subtracting(found).count)")
        #expect(summary.findings == findings.count && findings.count == found.count)
        #expect(summary.disclosuresReviewed == legacyReleased.count)
        // Zero false findings: every finding is a legacy release the statutory run did not make.
        #expect(found.isSubset(of: legacyReleased) && found.isDisjoint(with: statutoryReleased))
        #expect(findings.allSatisfy { $0.reasons.contains(.releaseOutcomeNotVerified) && $0.batchID == f.legacyBatch })
        #expect(findings.allSatisfy { !$0.categories.isEmpty })

        // The statutory agreement's own releases all stand under the statutory profile.
        let clean = try await f.review.run(.init(agreementID: "statutory"))
        #expect(clean.findings == 0 && clean.disclosuresReviewed == statutoryReleased.count)
    }

    @Test func anOrderBarringUseMakesEveryEarlierReleaseAFinding() async throws {
        let f = try await ReviewFixture(records: 1_000, requests: 600)
        _ = try f.workspace.addOrder(
            try DocumentFiles.courtOrder(
                yaml: """
                    id: order-bar
                    version: 1
                    court: Test District Court
                    case_number: "1:26-cv-9"
                    issued: 2026-06-10
                    effective: 2026-06-10
                    scope: {agreements: [statutory]}
                    effect: {bar_use_of_releases_before: 2026-06-20}
                    status: active
                    """, name: "order.yaml"))
        let released = Set(try f.workspace.releasedRequestIDs(batchID: f.statutoryBatch))
        let summary = try await f.review.run(.init(agreementID: "statutory"))
        let findings = try f.review.findings(reviewID: summary.reviewID)
        #expect(Set(findings.map(\.requestID)) == released && !released.isEmpty)
        #expect(findings.allSatisfy { $0.categories.contains(.barredByOrder) && $0.orders == ["order-bar"] })
        #expect(findings.allSatisfy { $0.reasons.contains(.releaseUseBarredByOrder) })
        let notice = try #require(try f.review.draftNotices(reviewID: summary.reviewID).first)
        #expect(notice.orders.map(\.caseNumber) == ["1:26-cv-9"] && notice.markdown().contains("1:26-cv-9"))
    }

    @Test func legacyProfileNeedsTheExplicitOptIn() async throws {
        let f = try await ReviewFixture(records: 300, requests: 100)
        await #expect(throws: ReviewError.self) { try await f.review.run(.init(agreementID: "legacy")) }
        let replay = try await f.review.run(.init(agreementID: "legacy", allowLegacyProfile: true))
        #expect(replay.findings == 0, "the legacy rule replayed under itself finds nothing")
        let pipeline = BatchPipeline(workspace: f.workspace, now: ReviewFixture.now)
        #expect(throws: BatchError.self) {
            let manifest = ReviewFixture.manifestYAML(agreement: "legacy")
            _ = try pipeline.submit(
                file: f.directory + "/data/requests.csv", agreementID: "legacy",
                manifest: try DocumentFiles.manifest(yaml: manifest, name: "m.yaml"), manifestText: manifest)
        }
    }

    @Test func noticesCiteIdentifiersButNoProtectedValue() async throws {
        let f = try await ReviewFixture()
        let summary = try await f.review.run(.init(agreementID: "legacy", profile: .statutory))
        let notices = try f.review.draftNotices(reviewID: summary.reviewID, deadlineDays: 30)
        let notice = try #require(notices.first)
        #expect(notices.count == 1 && notice.recipient == "Requesting Agency legacy")
        #expect(notice.requestCount == summary.findings && notice.deadline == "2026-07-15")
        #expect(
            try f.review.draftNotices(reviewID: summary.reviewID) == notices, "drafting again returns the same notices")

        let encoder = JSONEncoder()
        let texts = [notice.markdown(), notice.html(), String(decoding: try encoder.encode(notices), as: UTF8.self)]
        let (exact, names) = try f.protectedValues()
        for text in texts {
            let folded = text.uppercased()
            for value in exact { #expect(!text.contains(value), "a protected value leaked into a notice") }
            for name in names { #expect(!folded.contains(name.uppercased()), "a name leaked into a notice") }
        }
        // Beyond the template, a notice holds only request ids and numbers.
        var blank = notice
        blank.batches = notice.batches.map {
            var b = $0; b.requestIDs = []; return b
        }
        let template = Set(words(blank.markdown()))
        let requestIDs = Set(notice.batches.flatMap(\.requestIDs))
        let extra = Set(words(notice.markdown())).subtracting(template).filter { Int($0) == nil }
        #expect(extra.isSubset(of: requestIDs))

        // The HTML is self-contained and escaped.
        let html = notice.html()
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("</html>"))
        #expect(!html.contains("<script") && !html.contains("http://") && !html.contains("https://"))
        #expect(html.contains("§") && !html.contains("& "))

        // Ledger: one review event and one notice event.
        let kinds = try await f.workspace.database.read { db in
            try Int.fetchAll(db, sql: "SELECT kind FROM ledger_entries WHERE kind IN (7, 8) ORDER BY seq")
        }
        #expect(kinds == [7, 8])

        // Certification and status.
        #expect(try f.review.noticeStatuses().map(\.state) == [.open])
        try f.review.certify(noticeID: notice.noticeID, by: "A. Officer, Records Manager", certifiedOn: "2026-07-01")
        #expect(throws: ReviewError.self) {
            try f.review.certify(noticeID: notice.noticeID, by: "again", certifiedOn: "2026-07-02")
        }
        #expect(try f.review.noticeStatuses().map(\.state) == [.acknowledged])
        let later = RetroactiveReview(workspace: f.workspace, now: ReviewFixture.now.addingTimeInterval(40 * 86_400))
        let second = try await later.run(.init(agreementID: "legacy", profile: .statutory))
        _ = try later.draftNotices(reviewID: second.reviewID, deadlineDays: -1)
        #expect(try later.noticeStatuses().map(\.state) == [.acknowledged, .overdue])
    }

    @Test func reportsCountWithoutProtectedData() async throws {
        let f = try await ReviewFixture()
        let summary = try await f.review.run(.init(agreementID: "legacy", profile: .statutory))
        let declaration = try await f.review.declaration(agreementID: "legacy")
        let funnel = try BatchPipeline(workspace: f.workspace).funnel(batchID: f.legacyBatch)
        #expect(declaration.requestsSubmitted == funnel.submitted && declaration.verified == funnel.verified)
        #expect(
            declaration.released == funnel.released && declaration.releasedWithAddress == funnel.releasedWithAddress)
        #expect(
            declaration.releasedWithAddressUnconfirmed == declaration.releasedWithAddress,
            "a legacy release never confirms the address")
        #expect(declaration.releasedWithAddressInsufficient > 0)
        #expect(declaration.releasedWithAddressInsufficient <= summary.findings)
        let statutory = try await f.review.declaration(agreementID: "statutory")
        #expect(statutory.releasedWithAddressImproper == 0)

        let incident = try f.review.incident(reviewID: summary.reviewID)
        #expect(incident.disclosuresNoLongerStanding == summary.findings && incident.batchesAffected == 1)
        #expect(incident.peopleAffected > 0 && incident.peopleAffected <= summary.findings)
        #expect(incident.reportDueBy == "2026-06-16T12:00:00Z")
        let (exact, names) = try f.protectedValues()
        let text =
            incident.markdown() + String(decoding: try JSONEncoder().encode(incident), as: UTF8.self)
            + declaration.text()
        for value in exact { #expect(!text.contains(value)) }
        for name in names { #expect(!text.uppercased().contains(name.uppercased())) }
    }
}

/// The words of a text: runs of letters, digits, `-` and `_`.
private func words(_ text: String) -> [String] {
    text.split { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }.map(String.init)
}
