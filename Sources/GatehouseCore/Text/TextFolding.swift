import Foundation

/// Folds free text once at ingest so that matching compares plain uppercase ASCII bytes.
///
/// Case is folded to upper, diacritics are stripped (`JOSÉ` → `JOSE`, `MUÑOZ` → `MUNOZ`), a
/// few letters without a decomposition are spelled out (`ß` → `SS`, `Æ` → `AE`), typographic
/// quotes and dashes become their ASCII forms, every run of white space or control characters
/// becomes one space, and the ends are trimmed. ASCII punctuation is kept: the name and address
/// tokenizers decide what it means. Characters with no Latin reading are dropped.
public enum TextFolding {
    /// The folded form of `text` as a `String` of uppercase ASCII.
    public static func fold(_ text: String) -> String {
        String(decoding: foldedBytes(text), as: UTF8.self)
    }

    /// Whether `text` folds to `folded` (uppercase ASCII): `fold(text) == folded`, without
    /// folding when `text` is plain ASCII without spaces or control characters.
    public static func folds(_ text: String, to folded: String) -> Bool {
        if text.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) {
            return text.utf8.count == folded.utf8.count && zip(text.utf8, folded.utf8).allSatisfy { asciiFold($0) == $1 }
        }
        return fold(text) == folded
    }

    /// The folded form of `text` as uppercase ASCII bytes.
    /// - Complexity: O(n) in the UTF-8 length; a non-ASCII input is decomposed once first.
    public static func foldedBytes(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        func emit(_ byte: UInt8) {
            if byte == 0x20 {
                pendingSpace = !out.isEmpty
                return
            }
            if pendingSpace {
                out.append(0x20)
                pendingSpace = false
            }
            out.append(byte)
        }
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            for byte in text.utf8 { emit(asciiFold(byte)) }
            return out
        }
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                emit(asciiFold(UInt8(value)))
            } else if let spelled = latinSpelling(value) {
                for byte in spelled.utf8 { emit(byte) }
            }
        }
        return out
    }

    /// Uppercases ASCII letters and turns control characters into a space.
    @inline(__always)
    /// `text` with `asciiFold` applied to each byte, for ASCII text: no intermediate array, and
    /// no allocation at all for a text short enough to be stored inline.
    static func asciiFolded(_ text: String) -> String {
        let count = text.utf8.count
        return String(unsafeUninitializedCapacity: count) { buffer in
            var n = 0
            for byte in text.utf8 {
                buffer[n] = asciiFold(byte)
                n += 1
            }
            return n
        }
    }

    static func asciiFold(_ byte: UInt8) -> UInt8 {
        switch byte {
        case 0x61...0x7A: byte &- 0x20
        case 0x00...0x20, 0x7F: 0x20
        default: byte
        }
    }

    /// The ASCII spelling of a non-ASCII scalar left after canonical decomposition, or nil to drop it.
    static func latinSpelling(_ value: UInt32) -> String? {
        switch value {
        case 0x0300...0x036F: nil  // combining marks: the diacritics themselves
        case 0x00A0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: " "
        case 0x00DF: "SS"
        case 0x1E9E: "SS"
        case 0x00C6, 0x00E6: "AE"
        case 0x0152, 0x0153: "OE"
        case 0x00D8, 0x00F8: "O"
        case 0x0141, 0x0142: "L"
        case 0x0110, 0x0111, 0x00D0, 0x00F0: "D"
        case 0x00DE, 0x00FE: "TH"
        case 0x0131: "I"
        case 0x2018, 0x2019, 0x201B, 0x02BC, 0x00B4, 0x0060: "'"
        case 0x201C, 0x201D: "\""
        case 0x2010...0x2015, 0x2212: "-"
        case 0x00BD: " 1/2"
        case 0x00BC: " 1/4"
        case 0x00BE: " 3/4"
        case 0x00BA: "O"  // masculine ordinal, as in "N.º"
        case 0x00AA: "A"
        default: nil
        }
    }

    /// Splits folded text into alphanumeric tokens for names: apostrophes and periods join
    /// (`O'BRIEN` → `OBRIEN`, `J.R.` → `JR`), every other non-alphanumeric byte separates
    /// (`GARCIA-LOPEZ` → `GARCIA`, `LOPEZ`).
    public static func nameTokens(_ text: String) -> [String] {
        // Already one folded token (the common case in a store): nothing to split or fold.
        if !text.isEmpty && text.utf8.allSatisfy({ (0x41...0x5A).contains($0) || (0x30...0x39).contains($0) }) {
            return [text]
        }
        var tokens: [String] = []
        // ASCII text (the usual case) is folded byte by byte on the way, without a folded copy.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            let done: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
                // A token's bytes are gathered here, `'` and `.` left out (O'NEIL → ONEIL).
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { current in
                    var length = 0
                    func flush() {
                        if length > 0 {
                            tokens.append(String(decoding: UnsafeBufferPointer(rebasing: current[0..<length]), as: UTF8.self))
                            length = 0
                        }
                    }
                    for byte in bytes {
                        let folded = asciiFold(byte)
                        switch folded {
                        case 0x30...0x39, 0x41...0x5A:
                            current[length] = folded
                            length += 1
                        case 0x27, 0x2E: continue
                        default: flush()
                        }
                    }
                    flush()
                }
            }
            if done != nil { return tokens }
            tokens.removeAll()
        }
        var current: [UInt8] = []
        for byte in foldedBytes(text) {
            switch byte {
            case 0x30...0x39, 0x41...0x5A: current.append(byte)
            case 0x27, 0x2E: continue
            default:
                if !current.isEmpty {
                    tokens.append(String(decoding: current, as: UTF8.self))
                    current.removeAll(keepingCapacity: true)
                }
            }
        }
        if !current.isEmpty { tokens.append(String(decoding: current, as: UTF8.self)) }
        return tokens
    }
}
