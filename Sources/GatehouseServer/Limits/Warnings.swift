import Foundation
import GatehouseCore
import GatehouseStore
import GRDB
import HTTPTypes
import Hummingbird

/// Warnings a requester's answers carry, and the metrics beside them: the agreement's daily
/// quota 80% used or more, and the agreement expiring within 30 days.
enum Warnings {
    static func headers(for agreement: Agreement, state: ServerState) -> HTTPFields {
        var headers: HTTPFields = [:]
        var warnings: [String] = []
        var used: Double?
        if let perDay = agreement.quotas.recordsPerDay, perDay > 0 {
            let today = (try? requestsToday(agreementID: agreement.id, state: state)) ?? 0
            used = Double(today) / Double(perDay)
            headers[.quotaRemaining] = String(max(0, perDay - today))
            if today * 5 >= perDay * 4 { warnings.append("quota-80: \(today) of \(perDay) requests used today") }
        }
        let days = daysBetween(state.today, agreement.validUntil) ?? 0
        if days <= 30 { warnings.append("agreement-expiring: valid until \(agreement.validUntil)") }
        state.metrics.agreement(agreement.id, quotaUsed: used, daysToExpiry: days)
        if !warnings.isEmpty { headers[.warning] = warnings.joined(separator: "; ") }
        return headers
    }

    /// Requests stored today under the agreement (batches not rejected, verifications).
    static func requestsToday(agreementID: String, state: ServerState) throws -> Int {
        try state.workspace.database.read { db in
            try Int.fetchOne(
                db,
                sql:
                    "SELECT coalesce(sum(row_count), 0) FROM batches WHERE agreement_id = ? AND submitted_on = ? AND state <> 'rejected'",
                arguments: [agreementID, state.today]) ?? 0
        }
    }

    /// Whole days from `from` to `to` (both `YYYY-MM-DD`), or nil.
    static func daysBetween(_ from: String, _ to: String) -> Int? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        guard let a = formatter.date(from: from), let b = formatter.date(from: to) else { return nil }
        return Int((b.timeIntervalSince(a) / 86_400).rounded())
    }
}
