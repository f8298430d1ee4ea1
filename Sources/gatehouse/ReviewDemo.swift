import Foundation
import GatehouseCore
import GatehouseStore

/// The demo's last act (issue 5): the same requests run under the flawed `legacy-zip-only`
/// profile, as in the real case; then a retroactive review under the statutory profile finds
/// exactly the releases the statutory rules would not have made, prints the declaration counts,
/// and drafts the disposal notices.
extension DemoCommand {
    static let legacyAgreementID = "legacy-agreement"

    /// Runs the legacy batch, the review, the reports and the notices; `statutoryBatch` is the
    /// batch already run on the same file under the statutory agreement (for the cross-check).
    func runLegacyStory(
        workspace: Workspace, pipeline: BatchPipeline, directory: String, file: String, agreementText: String,
        manifestText: String, index: RecordIndex, matcher: Matcher, statutoryBatch: String
    ) async throws {
        print("")
        print(
            "The real case: the same requests under the flawed 'legacy-zip-only' profile (a separate agreement, --allow-legacy-profile)."
        )
        printError(SufficiencyProfile.legacyWarning)
        let legacyText =
            agreementText
            .replacingOccurrences(of: "id: demo-agreement", with: "id: \(Self.legacyAgreementID)")
            .replacingOccurrences(of: "sufficiency_profile: statutory", with: "sufficiency_profile: legacy-zip-only")
        try legacyText.write(toFile: directory + "/legacy-agreement.yaml", atomically: true, encoding: .utf8)
        _ = try workspace.addAgreement(try DocumentFiles.agreement(yaml: legacyText, name: "legacy-agreement.yaml"))
        let legacyManifestText = manifestText.replacingOccurrences(
            of: "agreement: demo-agreement", with: "agreement: \(Self.legacyAgreementID)")
        let legacyManifest = try DocumentFiles.manifest(yaml: legacyManifestText, name: "legacy-manifest.yaml")

        var legacyPipeline = pipeline
        legacyPipeline.allowLegacyProfile = true
        let start = ContinuousClock.now
        let submission = try legacyPipeline.submit(
            file: file, agreementID: Self.legacyAgreementID, manifest: legacyManifest, manifestText: legacyManifestText)
        let legacyBatch = submission.batch.id
        _ = try await legacyPipeline.decidePending(batchID: legacyBatch, index: index, matcher: matcher)
        try legacyPipeline.approve(batchID: legacyBatch, officer: "officer.a")
        try legacyPipeline.approve(batchID: legacyBatch, officer: "officer.b")
        _ = try legacyPipeline.release(batchID: legacyBatch)
        print("")
        print("Batch 3 — the same requests under legacy-zip-only (\(seconds(since: start)))")
        printFunnel(try pipeline.funnel(batchID: legacyBatch), batch: try pipeline.batch(id: legacyBatch)!)

        // The review: every release under the legacy agreement, replayed under the statutory profile.
        let reviewStart = ContinuousClock.now
        let review = RetroactiveReview(workspace: workspace, now: pipeline.now)
        let summary = try await review.run(.init(agreementID: Self.legacyAgreementID, profile: .statutory))
        print("")
        print("Retroactive review under the statutory profile (\(seconds(since: reviewStart)))")
        printReviewSummary(summary)

        // Cross-check: the findings are exactly the legacy releases the statutory batch did not make.
        let legacyReleased = try releasedRequestIDs(workspace, batch: legacyBatch)
        let statutoryReleased = try releasedRequestIDs(workspace, batch: statutoryBatch)
        let expected = legacyReleased.subtracting(statutoryReleased)
        let found = Set(try review.findings(reviewID: summary.reviewID).map(\.requestID))
        print(
            "  cross-check: legacy released \(legacyReleased.count.formatted()), statutory released \(statutoryReleased.count.formatted()) of the same requests; "
                + "legacy-only releases \(expected.count.formatted()), findings \(found.count.formatted()) — "
                + (found == expected
                    ? "identical"
                    : "DIFFERENT (\(found.subtracting(expected).count) extra, \(expected.subtracting(found).count) missed)")
        )

        print("")
        print(try await review.declaration(agreementID: Self.legacyAgreementID).text())

        let notices = try review.draftNotices(reviewID: summary.reviewID)
        let noticeDirectory = directory + "/notices"
        _ = try NoticeFiles.write(notices, to: noticeDirectory)
        let incident = try review.incident(reviewID: summary.reviewID)
        try incident.markdown().write(
            toFile: noticeDirectory + "/incident-\(summary.reviewID).md", atomically: true, encoding: .utf8)
        print("")
        for notice in notices {
            print(
                "Disposal notice \(notice.noticeID) to \(notice.recipient): \(notice.requestCount.formatted()) requests, certified destruction due \(notice.deadline)"
            )
        }
        print("Notices (Markdown, HTML, notices.json) and the incident report: \(noticeDirectory)")
        print("  gatehouse disposal status;  gatehouse report incident \(summary.reviewID)")
    }

    func releasedRequestIDs(_ workspace: Workspace, batch: String) throws -> Set<String> {
        Set(try workspace.releasedRequestIDs(batchID: batch))
    }
}
