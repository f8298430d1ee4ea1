public import Foundation
import GRDB
public import GatehouseCore

/// Replays every past release under the rules, agreements and orders in force now, and records
/// the releases that no longer stand (docs/review.md).
///
/// The decisions are made again from the stored request rows (`batch_rows`) with today's match
/// index and the profile reviewed under, then each release's fields go through
/// ``DisclosurePolicy/review(released:releasedOn:outcome:addressVerified:)``. The review, its
/// findings and its `.review` ledger event commit in one transaction.
public struct RetroactiveReview: Sendable {
    public let workspace: Workspace
    /// The moment the review runs at (injected so tests control dates).
    public let now: Date
    /// Releases read and replayed per step.
    public var chunkSize = 50_000

    public init(workspace: Workspace, now: Date = Date()) {
        self.workspace = workspace
        self.now = now
    }

    /// What to review.
    public struct Scope: Sendable {
        /// Only releases under this agreement (all when nil).
        public var agreementID: String?
        /// Only releases on or after this day, `YYYY-MM-DD` (all when nil).
        public var since: String?
        /// The profile to decide under ("what if"); each agreement's current profile when nil.
        public var profile: SufficiencyProfile?
        /// Whether a legacy (known-flawed) profile may be used.
        public var allowLegacyProfile: Bool

        public init(
            agreementID: String? = nil, since: String? = nil, profile: SufficiencyProfile? = nil,
            allowLegacyProfile: Bool = false
        ) {
            self.agreementID = agreementID
            self.since = since
            self.profile = profile
            self.allowLegacyProfile = allowLegacyProfile
        }
    }

    /// What a review found.
    public struct Summary: Sendable, Hashable {
        public var reviewID: String
        public var profile: String
        public var reviewedOn: String
        public var decisionsReplayed: Int
        public var disclosuresReviewed: Int
        public var findings: Int
        /// Findings by category (a finding may fall under several).
        public var byCategory: [ReviewFinding.Category: Int]
        /// Findings by reason code.
        public var byReason: [ReasonCode: Int]
        /// Findings per recipient.
        public var byRecipient: [String: Int]
        /// The orders cited, by id.
        public var orders: [String]
    }

    var timestamp: String { now.ISO8601Format() }
    var today: String { String(timestamp.prefix(10)) }

    /// Runs a review and records it.
    /// - Throws: `ReviewError` (unknown agreement, a legacy profile without the opt-in, an
    ///   unreadable order registry, a malformed date); GRDB's `DatabaseError`.
    /// - Complexity: one decision per release reviewed, spread over every core.
    public func run(_ scope: Scope = Scope(), progress: (@Sendable (Int) -> Void)? = nil) async throws -> Summary {
        if let since = scope.since, !ISODate.isValid(since) {
            throw ReviewError(.invalidInput, "--since must be a date, YYYY-MM-DD")
        }
        let orders: [CourtOrder]
        do {
            orders = try workspace.orders()
        } catch {
            throw ReviewError(.orderRegistryUnavailable, "the court-order registry cannot be read; a review needs it")
        }
        var agreements = try workspace.agreements()
        if let id = scope.agreementID {
            agreements = agreements.filter { $0.id == id }
            if agreements.isEmpty { throw ReviewError(.unknownAgreement, "no agreement '\(id)' in this workspace") }
        }
        let profiles = try agreements.map { agreement -> SufficiencyProfile in
            let profile = scope.profile ?? agreement.profile ?? .statutory
            if profile.isLegacy && !scope.allowLegacyProfile {
                throw ReviewError(
                    .legacyProfileRefused,
                    "agreement \(agreement.id) reviews under '\(profile.name)', a flawed legacy profile; pass --profile statutory, or --allow-legacy-profile"
                )
            }
            return profile
        }
        let generation = try workspace.recordsGeneration()
        let matcher = Matcher(index: try await workspace.loadIndex(keys: .needed(by: profiles.map(\.matchMode))))
        var replays: [String: ReleaseReplay] = [:]
        for (agreement, profile) in zip(agreements, profiles) {
            let engine = DecisionEngine(
                matcher: matcher, profile: profile,
                policy: MatchPolicy(mode: profile.matchMode, threshold: agreement.matchThreshold))
            let policy = DisclosurePolicy(agreement: agreement, orders: orders, on: today, registryReadable: true)
            replays[agreement.id] = ReleaseReplay(engine: engine, policy: policy, recipient: agreement.requester.agency)
        }
        let replaysByAgreement = replays

        var findings: [ReviewFinding] = []
        var reviewed = 0
        var cursor = (batch: "", row: 0)
        while true {
            let chunk = try readReleases(after: cursor, scope: scope, limit: chunkSize)
            guard let last = chunk.last else { break }
            cursor = (last.batchID, last.rowNumber)
            let results = await parallelMap(chunk, progress: progress) { release -> ReviewFinding? in
                replaysByAgreement[release.agreementID]?.finding(for: release)
            }
            reviewed += chunk.count
            findings.append(contentsOf: results.compactMap { $0 })
        }

        let profileName = scope.profile?.name ?? Set(profiles.map(\.name)).sorted().joined(separator: ",")
        let reviewID = "RV" + String(Hash32.sha256(utf8: "\(timestamp)\u{1F}\(UUID().uuidString)").hex.prefix(10))
        try await workspace.database.write { [findings, reviewed] db in
            try db.execute(
                sql: """
                    INSERT INTO reviews (id, created_at, reviewed_on, profile, agreement_filter, since, records_generation,
                        decisions_replayed, disclosures_reviewed, findings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    reviewID, timestamp, today, profileName.isEmpty ? "none" : profileName, scope.agreementID,
                    scope.since, generation, reviewed, reviewed, findings.count,
                ])
            let insert = try db.makeStatement(
                sql: """
                    INSERT INTO review_findings (review_id, batch_id, row_number, request_id, agreement_id, agreement_version,
                        recipient, released_fields, released_at, fields, reasons, outcome_now, decision_reasons,
                        another_record, orders) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            for f in findings {
                try insert.execute(arguments: [
                    reviewID, f.batchID, f.rowNumber, f.requestID, f.agreementID, f.agreementVersion, f.recipient,
                    Codes.join(f.releasedFields), f.releasedAt, Codes.join(f.fields), Codes.join(f.reasons),
                    f.outcomeNow.rawValue, Codes.join(f.decisionReasons), f.matchedAnotherRecord,
                    f.orders.joined(separator: ";"),
                ])
            }
            let event = LedgerEvent.review(
                .init(
                    reviewID: reviewID, decisionsReplayed: UInt64(reviewed), disclosuresReviewed: UInt64(reviewed),
                    disclosuresNoLongerStanding: UInt64(findings.count), noticesDrafted: 0))
            _ = try LedgerStore.append([event], at: ledgerTime, in: db)
        }
        try BatchLedger.checkpoint(workspace: workspace, at: ledgerTime)
        return Self.summarize(
            reviewID: reviewID, profile: profileName, reviewedOn: today, reviewed: reviewed, findings: findings)
    }

    var ledgerTime: LedgerTimestamp { LedgerTimestamp(secondsSince1970: now.timeIntervalSince1970) }

    static func summarize(
        reviewID: String, profile: String, reviewedOn: String, reviewed: Int, findings: [ReviewFinding]
    ) -> Summary {
        var summary = Summary(
            reviewID: reviewID, profile: profile, reviewedOn: reviewedOn, decisionsReplayed: reviewed,
            disclosuresReviewed: reviewed, findings: findings.count, byCategory: [:], byReason: [:], byRecipient: [:],
            orders: [])
        var orders: Set<String> = []
        for finding in findings {
            for category in finding.categories { summary.byCategory[category, default: 0] += 1 }
            for reason in Set(finding.reasons + finding.decisionReasons) { summary.byReason[reason, default: 0] += 1 }
            summary.byRecipient[finding.recipient, default: 0] += 1
            orders.formUnion(finding.orders)
        }
        summary.orders = orders.sorted()
        return summary
    }

    /// The next `limit` releases after `cursor` in (batch, row) order, with their request rows.
    func readReleases(after cursor: (batch: String, row: Int), scope: Scope, limit: Int) throws -> [ReleaseReplay
        .Release]
    {
        var sql = """
            SELECT x.batch_id, x.row_number, x.record_id, x.fields, x.released_at, b.agreement_id, b.agreement_version,
                \(SealedValues.requestColumns)
            FROM disclosures x
            JOIN batches b ON b.id = x.batch_id
            JOIN batch_rows r ON r.batch_id = x.batch_id AND r.row_number = x.row_number
            WHERE x.fields <> '' AND b.purged_at IS NULL AND (x.batch_id > ? OR (x.batch_id = ? AND x.row_number > ?))
            """
        var arguments: StatementArguments = [cursor.batch, cursor.batch, cursor.row]
        if let id = scope.agreementID {
            sql += " AND b.agreement_id = ?"
            arguments += [id]
        }
        if let since = scope.since {
            sql += " AND x.released_at >= ?"
            arguments += [since]
        }
        sql += " ORDER BY x.batch_id, x.row_number LIMIT ?"
        arguments += [limit]
        let keyring = try workspace.dataKeyring()
        return try workspace.database.read { db in
            let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            var out: [ReleaseReplay.Release] = []
            out.reserveCapacity(limit)
            while let row = try rows.next() {
                let request = try SealedValues.request(
                    from: row, at: 7, batchID: row[0], rowNumber: row[1], keyring: keyring)
                out.append(
                    ReleaseReplay.Release(
                        batchID: row[0], rowNumber: row[1], request: request, recordID: row[2],
                        releasedFields: Codes.fields(row[3]), releasedAt: row[4], agreementID: row[5],
                        agreementVersion: row[6]))
            }
            return out
        }
    }
}

/// `;`-joined code lists as the tables store them.
enum Codes {
    static func join<C: RawRepresentable>(_ codes: [C]) -> String where C.RawValue == String {
        codes.map(\.rawValue).joined(separator: ";")
    }

    static func fields(_ text: String) -> [DisclosureField] {
        text.split(separator: ";").compactMap { DisclosureField(rawValue: String($0)) }
    }

    static func reasons(_ text: String) -> [ReasonCode] {
        text.split(separator: ";").compactMap { ReasonCode(rawValue: String($0)) }
    }

    static func list(_ text: String) -> [String] {
        text.split(separator: ";").map(String.init)
    }
}

/// Why a review, notice or report command could not go ahead. Never carries a person's data.
public struct ReviewError: Error, CustomStringConvertible, Sendable {
    public enum Code: Sendable {
        case unknownAgreement, unknownReview, unknownNotice, legacyProfileRefused, orderRegistryUnavailable,
            invalidInput, alreadyCertified
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
