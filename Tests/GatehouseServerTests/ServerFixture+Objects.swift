import Foundation
import GatehouseCore
import GatehouseStore
import Testing

@testable import GatehouseServer

/// Objects in given states, made through the store (not the API), for the route tests.
extension ServerFixture {
    static func agency(of agreement: String) -> String {
        agreement == "agr-a" ? "Requesting Agency A" : "Requesting Agency B"
    }

    /// A new upload (a batch id awaiting its rows) under `agreement`.
    func makeUpload(agreement: String = "agr-a") throws -> String {
        try workspace.createUpload(
            agreementID: agreement,
            manifest: Self.manifestYAML(agreement: agreement, agency: Self.agency(of: agreement)),
            keyID: keyIDs[agreement == "agr-a" ? "requester" : "other"]!
        ).id
    }

    /// A batch under `agreement` brought to `target` (deciding → awaiting_approval → approved → released).
    /// Each call makes a new batch (a distinct file).
    func makeBatch(agreement: String = "agr-a", target: BatchLifecycle.State = .released) async throws -> String {
        let path = directory + "/batch-\(UUID().uuidString).csv"
        try (Self.batchCSV + "Q9\(UUID().uuidString.prefix(6)),,Nobody,,Atall,,2 Nowhere Ln,,Boise,ID,83702,CASE-9\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let manifest = Self.manifestYAML(agreement: agreement, agency: Self.agency(of: agreement))
        let pipeline = state.pipeline
        let id = try pipeline.submit(
            file: path, agreementID: agreement, manifest: try DocumentFiles.manifest(yaml: manifest, name: "m"),
            manifestText: manifest
        ).batch.id
        if target == .deciding { return id }
        // The server's own decider may be deciding it at the same time: either finishes it.
        _ = try? await pipeline.decidePending(batchID: id, index: try await workspace.loadIndex())
        try await waitDecided(id)
        if target == .awaitingApproval { return id }
        try pipeline.approve(batchID: id, officer: "setup-officer-1")
        try pipeline.approve(batchID: id, officer: "setup-officer-2")
        if target == .approved { return id }
        _ = try pipeline.release(batchID: id)
        return id
    }

    /// A new agreement document (a fresh id), as YAML.
    func newAgreementYAML() -> String {
        Self.agreementYAML(id: "agr-\(UUID().uuidString.prefix(8).lowercased())")
    }

    /// A new court order forbidding addresses under agr-a, as YAML.
    func orderYAML(id: String = "order-\(UUID().uuidString.prefix(8).lowercased())") -> String {
        """
        id: \(id)
        version: 1
        court: Test District Court
        case_number: "1:26-cv-1"
        issued: 2026-06-01
        effective: 2026-06-01
        scope: {agreements: [agr-a]}
        effect: {forbid_fields: [last_known_address]}
        status: active
        """
    }

    /// A stored order's id.
    func makeOrder() throws -> String {
        let yaml = orderYAML()
        let order = try DocumentFiles.courtOrder(yaml: yaml, name: "o")
        try workspace.addOrder(order)
        return order.id
    }

    /// A stored agreement (active) with a fresh id.
    func makeAgreement(status: Agreement.Status = .active) throws -> String {
        let agreement = try DocumentFiles.agreement(yaml: newAgreementYAML(), name: "a")
        try workspace.addAgreement(agreement)
        if status == .suspended { try workspace.setAgreementStatus(id: agreement.id, .suspended) }
        return agreement.id
    }

    /// A review with findings: a batch released with addresses, then an order that forbids them.
    func makeReview() async throws -> String {
        _ = try await makeBatch()
        _ = try makeOrder()
        let summary = try await state.review.run()
        return summary.reviewID
    }

    /// A drafted notice's id.
    func makeNotice() async throws -> String {
        let review = try await makeReview()
        return try #require(try state.review.draftNotices(reviewID: review).first).noticeID
    }

    /// A fresh key to revoke.
    func makeKey() throws -> String {
        try workspace.createKey(role: .auditor, name: "spare key").key.id
    }
}
