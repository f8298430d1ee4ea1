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

    /// Whole days from `from` to `to` (both `YYYY-MM-DD`), or nil (no formatter on this path:
    /// the civil-day count of each date, subtracted).
    static func daysBetween(_ from: String, _ to: String) -> Int? {
        guard let a = dayNumber(from), let b = dayNumber(to) else { return nil }
        return b - a
    }

    /// Days since 1970-01-01 of a valid `YYYY-MM-DD` date, or nil.
    static func dayNumber(_ text: String) -> Int? {
        guard ISODate.isValid(text) else { return nil }
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        let (y0, m, d) = (parts[0], parts[1], parts[2])
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
