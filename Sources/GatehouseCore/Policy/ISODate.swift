/// Calendar dates as the documents write them: ISO 8601 `YYYY-MM-DD`, no time, no zone.
///
/// Dates stay `String`s in the model so that a document round-trips byte for byte; a valid
/// date's string order is its calendar order, so comparisons are plain string comparisons once
/// both sides are valid.
public enum ISODate {
    /// Whether `text` is a real calendar date written `YYYY-MM-DD` (leap years included).
    public static func isValid(_ text: String) -> Bool {
        parts(text) != nil
    }

    /// The year of a valid date, or nil.
    public static func year(of text: String) -> Int? {
        parts(text)?.year
    }

    /// Whether `lhs` falls strictly before `rhs`; false unless both are valid.
    public static func isBefore(_ lhs: String, _ rhs: String) -> Bool {
        isValid(lhs) && isValid(rhs) && lhs < rhs
    }

    /// Whether `lhs` falls on or before `rhs`; false unless both are valid.
    public static func isOnOrBefore(_ lhs: String, _ rhs: String) -> Bool {
        isValid(lhs) && isValid(rhs) && lhs <= rhs
    }

    /// The number of days in `month` of `year`, or nil for a month outside 1…12.
    static func daysIn(month: Int, year: Int) -> Int? {
        switch month {
        case 1, 3, 5, 7, 8, 10, 12: 31
        case 4, 6, 9, 11: 30
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        default: nil
        }
    }

    static func parts(_ text: String) -> (year: Int, month: Int, day: Int)? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        guard let year = number(bytes[0..<4]), let month = number(bytes[5..<7]), let day = number(bytes[8..<10])
        else { return nil }
        guard year >= 1, let days = daysIn(month: month, year: year), (1...days).contains(day) else { return nil }
        return (year, month, day)
    }

    static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in digits {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }
}
