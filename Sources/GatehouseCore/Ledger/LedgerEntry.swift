/// A point in time, in whole milliseconds since 1970-01-01T00:00:00Z (UTC).
public struct LedgerTimestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var millisecondsSince1970: Int64

    public init(millisecondsSince1970: Int64) {
        self.millisecondsSince1970 = millisecondsSince1970
    }

    /// Truncates `seconds` (e.g. `Date().timeIntervalSince1970`) to whole milliseconds.
    public init(secondsSince1970 seconds: Double) {
        millisecondsSince1970 = Int64((seconds * 1000).rounded(.down))
    }

    public static func < (lhs: LedgerTimestamp, rhs: LedgerTimestamp) -> Bool {
        lhs.millisecondsSince1970 < rhs.millisecondsSince1970
    }

    /// ISO 8601 in UTC with milliseconds, e.g. `2025-07-14T09:30:00.123Z`.
    public var description: String {
        let ms = millisecondsSince1970
        let msPerDay: Int64 = 86_400_000
        let days = ms >= 0 ? ms / msPerDay : (ms - msPerDay + 1) / msPerDay
        let inDay = ms - days * msPerDay
        let (year, month, day) = Self.civilDate(daysSince1970: days)
        let hours = inDay / 3_600_000
        let minutes = inDay / 60_000 % 60
        let seconds = inDay / 1000 % 60
        let millis = inDay % 1000
        func pad(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return
            "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hours, 2)):\(pad(minutes, 2)):\(pad(seconds, 2)).\(pad(millis, 3))Z"
    }

    /// The proleptic Gregorian date of a day number (days since 1970-01-01).
    private static func civilDate(daysSince1970: Int64) -> (Int64, Int64, Int64) {
        let z = daysSince1970 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }
}

/// One entry of the ledger: an event, when it happened, and its position in the log.
///
/// The entry's canonical bytes (``encoded``) are the Merkle leaf: its leaf hash is
/// `SHA-256(0x00 ‖ encoded)`.
public struct LedgerEntry: Sendable, Hashable {
    /// The entry's position in the log, from 0; equal to its Merkle leaf index.
    public var sequence: UInt64
    public var timestamp: LedgerTimestamp
    public var event: LedgerEvent

    public init(sequence: UInt64, timestamp: LedgerTimestamp, event: LedgerEvent) {
        self.sequence = sequence
        self.timestamp = timestamp
        self.event = event
    }

    /// The Merkle leaf hash of the entry's canonical bytes.
    public var leafHash: Hash32 { Merkle.leafHash(encoded) }
}
