/// The 24-hour incident report to oversight bodies, drafted from a review: dates, how the
/// incident was found, the data elements, and counts. No protected data.
public struct IncidentReport: Sendable, Hashable, Codable {
    public var reviewID: String
    /// When the review that found the incident ran (ISO 8601) — the discovery time.
    public var discoveredAt: String
    /// The report is due 24 hours after discovery.
    public var reportDueBy: String
    /// The first and last release found improper (days).
    public var releasesFrom: String?
    public var releasesUntil: String?
    public var howFound: String
    public var profileReviewedUnder: String
    /// The data elements disclosed improperly: fields and the response columns they fill.
    public var dataElements: [String]
    public var disclosuresReviewed: Int
    public var disclosuresNoLongerStanding: Int
    /// Distinct people whose data the improper releases carried.
    public var peopleAffected: Int
    public var batchesAffected: Int
    public var recipients: [String: Int]
    public var byCategory: [String: Int]
    public var byReason: [String: Int]
    public var agreements: [String]
    public var orders: [String]
    public var noticesDrafted: Int
    public var noticesCertified: Int

    public init(
        reviewID: String, discoveredAt: String, reportDueBy: String, releasesFrom: String?, releasesUntil: String?,
        howFound: String, profileReviewedUnder: String, dataElements: [String], disclosuresReviewed: Int,
        disclosuresNoLongerStanding: Int, peopleAffected: Int, batchesAffected: Int, recipients: [String: Int],
        byCategory: [String: Int], byReason: [String: Int], agreements: [String], orders: [String],
        noticesDrafted: Int, noticesCertified: Int
    ) {
        self.reviewID = reviewID
        self.discoveredAt = discoveredAt
        self.reportDueBy = reportDueBy
        self.releasesFrom = releasesFrom
        self.releasesUntil = releasesUntil
        self.howFound = howFound
        self.profileReviewedUnder = profileReviewedUnder
        self.dataElements = dataElements
        self.disclosuresReviewed = disclosuresReviewed
        self.disclosuresNoLongerStanding = disclosuresNoLongerStanding
        self.peopleAffected = peopleAffected
        self.batchesAffected = batchesAffected
        self.recipients = recipients
        self.byCategory = byCategory
        self.byReason = byReason
        self.agreements = agreements
        self.orders = orders
        self.noticesDrafted = noticesDrafted
        self.noticesCertified = noticesCertified
    }

    /// The report as Markdown.
    public func markdown() -> String {
        func sorted(_ counts: [String: Int]) -> [(String, Int)] {
            counts.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }.map {
                ($0.key, $0.value)
            }
        }
        var lines = [
            "# Incident report — review \(reviewID)", "",
            "- Discovered: \(discoveredAt)",
            "- Report due by (24 hours): \(reportDueBy)",
            "- Improper releases made: \(releasesFrom ?? "—") to \(releasesUntil ?? "—")",
            "- Agreements: \(agreements.joined(separator: ", "))",
            "- Court orders involved: \(orders.isEmpty ? "none" : orders.joined(separator: ", "))", "",
            "## How it was found", "", howFound, "",
            "## Data elements", "",
        ]
        lines += dataElements.map { "- \($0)" }
        lines += [
            "", "## Counts", "",
            "| | |", "| --- | ---: |",
            "| disclosures reviewed | \(disclosuresReviewed) |",
            "| disclosures that no longer stand | \(disclosuresNoLongerStanding) |",
            "| people affected | \(peopleAffected) |",
            "| batches affected | \(batchesAffected) |",
            "| disposal notices drafted | \(noticesDrafted) |",
            "| disposal notices certified | \(noticesCertified) |", "",
            "### By recipient", "",
        ]
        lines += sorted(recipients).map { "- \($0.0): \($0.1)" }
        lines += ["", "### By category", ""]
        lines += sorted(byCategory).map { "- \($0.0): \($0.1)" }
        lines += ["", "### By reason code", ""]
        lines += sorted(byReason).map { "- `\($0.0)`: \($0.1) — \(ReasonCode(rawValue: $0.0)?.explanation ?? "")" }
        lines += ["", "This report holds no name, address, taxpayer identification number or birth date.", ""]
        return lines.joined(separator: "\n")
    }
}
