import Foundation
import GRDB
public import GatehouseCore

/// A stored review.
public struct ReviewInfo: Sendable, Hashable, Codable {
    public var id: String
    public var createdAt: String
    public var reviewedOn: String
    public var profile: String
    public var agreementFilter: String?
    public var since: String?
    public var decisionsReplayed: Int
    public var disclosuresReviewed: Int
    public var findings: Int
}

/// A disposal notice's state.
public struct NoticeStatus: Sendable, Hashable, Codable {
    public enum State: String, Sendable, Hashable, Codable { case open, acknowledged, overdue }

    public var noticeID: String
    public var reviewID: String
    public var recipient: String
    public var findings: Int
    public var draftedAt: String
    public var deadline: String
    public var certifiedBy: String?
    public var certifiedOn: String?
    public var state: State
}

extension RetroactiveReview {
    /// The review `id`, or nil.
    public func review(id: String) throws -> ReviewInfo? {
        try workspace.database.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT id, created_at, reviewed_on, profile, agreement_filter, since, decisions_replayed,
                        disclosures_reviewed, findings FROM reviews WHERE id = ?
                    """, arguments: [id]
            ).map {
                ReviewInfo(
                    id: $0[0], createdAt: $0[1], reviewedOn: $0[2], profile: $0[3], agreementFilter: $0[4],
                    since: $0[5],
                    decisionsReplayed: $0[6], disclosuresReviewed: $0[7], findings: $0[8])
            }
        }
    }

    /// Every review, oldest first.
    public func reviews() throws -> [ReviewInfo] {
        let ids = try workspace.database.read { db in
            try String.fetchAll(db, sql: "SELECT id FROM reviews ORDER BY created_at, id")
        }
        return try ids.compactMap { try review(id: $0) }
    }

    /// The findings of review `reviewID`, in batch and row order.
    public func findings(reviewID: String) throws -> [ReviewFinding] {
        try workspace.database.read { db in
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT batch_id, row_number, request_id, agreement_id, agreement_version, recipient, released_fields,
                        released_at, fields, reasons, outcome_now, decision_reasons, another_record, orders
                    FROM review_findings WHERE review_id = ? ORDER BY batch_id, row_number
                    """, arguments: [reviewID])
            var out: [ReviewFinding] = []
            while let row = try rows.next() {
                out.append(
                    ReviewFinding(
                        batchID: row[0], rowNumber: row[1], requestID: row[2], agreementID: row[3],
                        agreementVersion: row[4], recipient: row[5], releasedFields: Codes.fields(row[6]),
                        releasedAt: row[7], fields: Codes.fields(row[8]), reasons: Codes.reasons(row[9]),
                        outcomeNow: Outcome(rawValue: row[10]) ?? .rejected, decisionReasons: Codes.reasons(row[11]),
                        matchedAnotherRecord: row[12], orders: Codes.list(row[13])))
            }
            return out
        }
    }

    /// Drafts the disposal notices of a review, one per recipient, and records them with a
    /// `.notice` ledger event each. Drafting again returns the notices already drafted.
    /// - Parameter deadlineDays: Days from today until certified destruction is due.
    public func draftNotices(reviewID: String, deadlineDays: Int = 30) throws -> [DisposalNotice] {
        guard try review(id: reviewID) != nil else { throw ReviewError(.unknownReview, "no review \(reviewID)") }
        let stored = try storedNotices(reviewID: reviewID)
        if !stored.isEmpty { return stored }
        let findings = try findings(reviewID: reviewID)
        guard !findings.isEmpty else { return [] }
        let agreements = Dictionary(try workspace.agreements().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let orders = Dictionary(((try? workspace.orders()) ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let holder = try workspace.meta(MetaKey.origin) ?? "the record holder"
        let notices = DisposalNotice.drafts(
            reviewID: reviewID, holder: holder, findings: findings, agreements: agreements, orders: orders,
            draftedOn: today, deadline: Self.day(today, plus: deadlineDays), noticeID: { "\(reviewID)-N\($0)" })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try workspace.database.write { db in
            let insert = try db.makeStatement(
                sql: """
                    INSERT INTO disposal_notices (id, review_id, recipient, findings, drafted_at, deadline, document)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """)
            for notice in notices {
                try insert.execute(arguments: [
                    notice.noticeID, reviewID, notice.recipient, notice.requestCount, timestamp, notice.deadline,
                    String(decoding: try encoder.encode(notice), as: UTF8.self),
                ])
            }
            let events = notices.map {
                LedgerEvent.notice(.init(noticeID: $0.noticeID, recipient: $0.recipient, reviewID: reviewID))
            }
            _ = try LedgerStore.append(events, at: ledgerTime, in: db)
        }
        try BatchLedger.checkpoint(workspace: workspace, at: ledgerTime)
        return notices
    }

    func storedNotices(reviewID: String) throws -> [DisposalNotice] {
        let documents = try workspace.database.read { db in
            try String.fetchAll(
                db, sql: "SELECT document FROM disposal_notices WHERE review_id = ? ORDER BY id", arguments: [reviewID])
        }
        let decoder = JSONDecoder()
        return try documents.map { try decoder.decode(DisposalNotice.self, from: Data($0.utf8)) }
    }

    /// Records the recipient's certification that the data of `noticeID` was destroyed.
    /// - Throws: `ReviewError` `.unknownNotice`, `.alreadyCertified`, `.invalidInput` (a bad date or empty name).
    public func certify(noticeID: String, by name: String, certifiedOn: String) throws {
        guard ISODate.isValid(certifiedOn) else {
            throw ReviewError(.invalidInput, "--certified-on must be a date, YYYY-MM-DD")
        }
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ReviewError(.invalidInput, "--by must name who certified")
        }
        try workspace.database.write { db in
            guard try Int.fetchOne(db, sql: "SELECT 1 FROM disposal_notices WHERE id = ?", arguments: [noticeID]) != nil
            else {
                throw ReviewError(.unknownNotice, "no disposal notice \(noticeID)")
            }
            if try Int.fetchOne(
                db, sql: "SELECT 1 FROM notice_certifications WHERE notice_id = ?", arguments: [noticeID]) != nil
            {
                throw ReviewError(.alreadyCertified, "notice \(noticeID) is already certified")
            }
            try db.execute(
                sql:
                    "INSERT INTO notice_certifications (notice_id, certified_by, certified_on, recorded_at) VALUES (?, ?, ?, ?)",
                arguments: [noticeID, name, certifiedOn, timestamp])
        }
    }

    /// Every notice with its state: acknowledged (certified), overdue (not certified, deadline
    /// passed) or open.
    public func noticeStatuses() throws -> [NoticeStatus] {
        try workspace.database.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT n.id, n.review_id, n.recipient, n.findings, n.drafted_at, n.deadline, c.certified_by, c.certified_on
                    FROM disposal_notices n LEFT JOIN notice_certifications c ON c.notice_id = n.id
                    ORDER BY n.drafted_at, n.id
                    """)
            return rows.map { row in
                let deadline: String = row[5]
                let certifiedBy: String? = row[6]
                let state: NoticeStatus.State =
                    certifiedBy != nil ? .acknowledged : (ISODate.isBefore(deadline, today) ? .overdue : .open)
                return NoticeStatus(
                    noticeID: row[0], reviewID: row[1], recipient: row[2], findings: row[3], draftedAt: row[4],
                    deadline: deadline, certifiedBy: certifiedBy, certifiedOn: row[7], state: state)
            }
        }
    }

    /// `day` (`YYYY-MM-DD`) plus `days`, in UTC.
    static func day(_ day: String, plus days: Int) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        formatter.timeZone = calendar.timeZone
        guard let date = formatter.date(from: day), let later = calendar.date(byAdding: .day, value: days, to: date)
        else {
            return day
        }
        return formatter.string(from: later)
    }
}

extension Workspace {
    /// The request ids of a batch's releases (responses that carried any field).
    public func releasedRequestIDs(batchID: String) throws -> [String] {
        try database.read { db in
            try String.fetchAll(
                db, sql: "SELECT request_id FROM disclosures WHERE batch_id = ? AND fields <> '' ORDER BY row_number",
                arguments: [batchID])
        }
    }
}
