import Foundation
import GRDB
public import GatehouseCore

extension RetroactiveReview {
    /// The declaration counts for one agreement (every version), over batches not rejected whole.
    /// - Throws: `ReviewError` `.unknownAgreement`.
    /// - Complexity: one pass over the agreement's decisions and disclosures; the statutory gate
    ///   (no matching) over each address release.
    public func declaration(agreementID: String) async throws -> DeclarationReport {
        guard let agreement = try workspace.latestAgreement(id: agreementID) else {
            throw ReviewError(.unknownAgreement, "no agreement '\(agreementID)' in this workspace")
        }
        let recipient = agreement.requester.agency
        struct AddressRelease: Sendable {
            var request: Request
            var addressVerified: Bool
            var profile: String
        }
        let keyring = try workspace.dataKeyring()
        let (counted, addressReleases) = try await workspace.database.read {
            db -> (DeclarationReport, [AddressRelease]) in
            var report = DeclarationReport(agreementID: agreementID, recipient: recipient)
            let live = "SELECT id FROM batches WHERE agreement_id = ? AND state <> 'rejected'"
            let dates = try Row.fetchOne(
                db,
                sql:
                    "SELECT count(*), min(submitted_on), max(submitted_on) FROM batches WHERE agreement_id = ? AND state <> 'rejected'",
                arguments: [agreementID])
            report.batches = dates?[0] ?? 0
            report.firstSubmitted = dates?[1]
            report.lastSubmitted = dates?[2]
            report.requestsSubmitted =
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM batch_rows WHERE batch_id IN (\(live))", arguments: [agreementID])
                ?? 0
            let outcomes = try Row.fetchAll(
                db, sql: "SELECT outcome, count(*) FROM decisions WHERE batch_id IN (\(live)) GROUP BY outcome",
                arguments: [agreementID])
            for row in outcomes {
                let count: Int = row[1]
                switch Outcome(rawValue: row[0]) {
                case .rejected: report.rowsRejected += count
                case .insufficient: report.insufficient += count
                case .verified:
                    report.verified += count
                    report.sufficient += count
                case .notFound, .ambiguous: report.sufficient += count
                case nil: break
                }
            }
            report.released =
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM disclosures WHERE fields <> '' AND batch_id IN (\(live))",
                    arguments: [agreementID]) ?? 0
            let cursor = try Row.fetchCursor(
                db,
                sql: """
                    SELECT \(SealedValues.requestColumns), d.address_verified, d.profile, x.batch_id, x.row_number
                    FROM disclosures x
                    JOIN decisions d ON d.batch_id = x.batch_id AND d.row_number = x.row_number
                    JOIN batch_rows r ON r.batch_id = x.batch_id AND r.row_number = x.row_number
                    WHERE x.batch_id IN (\(live)) AND (';' || x.fields || ';') LIKE '%;last_known_address;%'
                        AND x.batch_id NOT IN (SELECT id FROM batches WHERE purged_at IS NOT NULL)
                    """,
                arguments: [agreementID])
            var out: [AddressRelease] = []
            while let row = try cursor.next() {
                let request = try SealedValues.request(
                    from: row, at: 0, batchID: row[16], rowNumber: row[17], keyring: keyring)
                out.append(AddressRelease(request: request, addressVerified: row[14], profile: row[15]))
            }
            return (report, out)
        }
        var report = counted
        report.releasedWithAddress = addressReleases.count
        // The statutory address rules alone: names and case references are not what this count is about.
        let addressOnly = SufficiencyProfile(name: "statutory-address", requireCaseReference: false, checksNames: false)
        let gateFindings = await parallelMap(addressReleases) { Gate.findings(for: $0.request, profile: addressOnly) }
        for (release, findings) in zip(addressReleases, gateFindings) {
            report.releasedWithAddressByProfile[release.profile, default: 0] += 1
            if !findings.isEmpty {
                report.releasedWithAddressInsufficient += 1
                for code in findings { report.insufficientByReason[code.rawValue, default: 0] += 1 }
            }
            if !release.addressVerified { report.releasedWithAddressUnconfirmed += 1 }
            if !findings.isEmpty || !release.addressVerified { report.releasedWithAddressImproper += 1 }
        }
        return report
    }

    /// Drafts the 24-hour incident report of a review.
    /// - Throws: `ReviewError` `.unknownReview`.
    public func incident(reviewID: String) throws -> IncidentReport {
        guard let info = try review(id: reviewID) else { throw ReviewError(.unknownReview, "no review \(reviewID)") }
        let findings = try findings(reviewID: reviewID)
        let summary = Self.summarize(
            reviewID: reviewID, profile: info.profile, reviewedOn: info.reviewedOn, reviewed: info.disclosuresReviewed,
            findings: findings)
        let (people, noticesDrafted, noticesCertified) = try workspace.database.read { db in
            (
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT count(DISTINCT x.record_id) FROM review_findings f
                        JOIN disclosures x ON x.batch_id = f.batch_id AND x.row_number = f.row_number WHERE f.review_id = ?
                        """, arguments: [reviewID]) ?? 0,
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM disposal_notices WHERE review_id = ?", arguments: [reviewID]) ?? 0,
                try Int.fetchOne(
                    db,
                    sql:
                        "SELECT count(*) FROM notice_certifications c JOIN disposal_notices n ON n.id = c.notice_id WHERE n.review_id = ?",
                    arguments: [reviewID]) ?? 0
            )
        }
        let days = findings.map { String($0.releasedAt.prefix(10)) }
        let fields = Set(findings.flatMap(\.fields)).sorted()
        let dataElements = fields.map { field -> String in
            let columns = BatchPipeline.columns(for: [field])
            return "\(field.rawValue) (\(columns.joined(separator: ", ")))"
        }
        let scope = [info.agreementFilter.map { "agreement \($0)" }, info.since.map { "released since \($0)" }]
            .compactMap { $0 }.joined(separator: ", ")
        let howFound =
            "Gatehouse's retroactive review \(reviewID) replayed \(info.decisionsReplayed) past releases\(scope.isEmpty ? "" : " (\(scope))") from the stored request rows under the '\(info.profile)' sufficiency profile, today's match index, and the agreements and court orders in force on \(info.reviewedOn). Each release that would not be made today, or whose use a court order bars, was recorded as a finding with its reason codes."
        let discovered = info.createdAt
        let due = Self.day(String(discovered.prefix(10)), plus: 1) + String(discovered.dropFirst(10))
        return IncidentReport(
            reviewID: reviewID, discoveredAt: discovered, reportDueBy: due, releasesFrom: days.min(),
            releasesUntil: days.max(), howFound: howFound, profileReviewedUnder: info.profile,
            dataElements: dataElements,
            disclosuresReviewed: info.disclosuresReviewed, disclosuresNoLongerStanding: findings.count,
            peopleAffected: people, batchesAffected: Set(findings.map(\.batchID)).count,
            recipients: summary.byRecipient,
            byCategory: Dictionary(uniqueKeysWithValues: summary.byCategory.map { ($0.key.rawValue, $0.value) }),
            byReason: Dictionary(uniqueKeysWithValues: summary.byReason.map { ($0.key.rawValue, $0.value) }),
            agreements: Set(findings.map(\.agreementID)).sorted(), orders: summary.orders,
            noticesDrafted: noticesDrafted, noticesCertified: noticesCertified)
    }

    /// The summary of a stored review, recomputed from its findings.
    public func summary(reviewID: String) throws -> Summary {
        guard let info = try review(id: reviewID) else { throw ReviewError(.unknownReview, "no review \(reviewID)") }
        return Self.summarize(
            reviewID: reviewID, profile: info.profile, reviewedOn: info.reviewedOn, reviewed: info.disclosuresReviewed,
            findings: try findings(reviewID: reviewID))
    }
}
