/// Recognizes text in an encoding other than UTF-8 at the start of a file, so that a person who
/// saved a spreadsheet as "Unicode text" hears what to do instead of "binary file".
enum TextEncodingSniffer {
    /// An encoding a CSV file may arrive in that Gatehouse does not read.
    enum Foreign: Equatable, CustomStringConvertible {
        case utf16(bigEndian: Bool, byteOrderMark: Bool)
        case utf32(bigEndian: Bool)

        var description: String {
            switch self {
            case .utf16(let bigEndian, let mark):
                "the file is UTF-16 (\(bigEndian ? "big" : "little")-endian\(mark ? ", with a byte-order mark" : ""))"
            case .utf32(let bigEndian): "the file is UTF-32 (\(bigEndian ? "big" : "little")-endian)"
            }
        }
    }

    /// The foreign encoding `bytes` start in, or nil for anything else (UTF-8, or not text).
    ///
    /// A byte-order mark says so outright. Without one, UTF-16 text of mostly ASCII characters
    /// has a zero in every other byte: at least 90% of the odd (little-endian) or even
    /// (big-endian) bytes of the first 4,096 are zero and at most 10% of the other half.
    static func foreignEncoding(of bytes: UnsafeBufferPointer<UInt8>) -> Foreign? {
        if bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return .utf32(bigEndian: false) }
        if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return .utf32(bigEndian: true) }
        if bytes.starts(with: [0xFF, 0xFE]) { return .utf16(bigEndian: false, byteOrderMark: true) }
        if bytes.starts(with: [0xFE, 0xFF]) { return .utf16(bigEndian: true, byteOrderMark: true) }
        let count = Swift.min(bytes.count, 4096) & ~1
        guard count >= 4 else { return nil }
        var zeroEven = 0
        var zeroOdd = 0
        for index in stride(from: 0, to: count, by: 2) {
            if bytes[index] == 0 { zeroEven += 1 }
            if bytes[index + 1] == 0 { zeroOdd += 1 }
        }
        let pairs = count / 2
        if zeroOdd * 10 >= pairs * 9 && zeroEven * 10 <= pairs { return .utf16(bigEndian: false, byteOrderMark: false) }
        if zeroEven * 10 >= pairs * 9 && zeroOdd * 10 <= pairs { return .utf16(bigEndian: true, byteOrderMark: false) }
        return nil
    }
}
