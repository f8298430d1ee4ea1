/// US state codes and ZIP codes.
public enum USPostal {
    /// The USPS code of a state, DC, territory, freely associated state or military "state".
    ///
    /// Accepts codes and full names in any case, with or without periods, and common
    /// abbreviations: "CA", "california", "Calif.", "N.Y.", "Puerto Rico", "Armed Forces Europe".
    /// - Returns: the two-letter code, or nil when `text` names none.
    public static func stateCode(_ text: String) -> String? {
        // The common case, a code or a one-word name in ASCII letters, without tokenizing.
        if let word = PlaceholderText.singleWord(text) {
            return word.utf8.count == 2 ? (USStates.byName[word] == word ? word : nil) : USStates.byName[word]
        }
        return stateCodeTokenized(text)
    }

    /// `stateCode` the long way, through the address tokenizer (every input).
    static func stateCodeTokenized(_ text: String) -> String? {
        let tokens = AddressTokens(text)
        guard !tokens.isEmpty else { return nil }
        if tokens.count == 1 && tokens.tokens[0].length == 2 {
            let code = tokens.text(0)
            return USStates.byName[code] == code ? code : nil
        }
        return USStates.byName[PlaceholderText.phrase(tokens, from: 0, to: tokens.count)]
    }

    /// The five-digit ZIP of "12345", "12345-6789", "12345 6789" or "123456789"; nil otherwise.
    ///
    /// Only the shape is checked; `states(forZip:)` tells whether the ZIP is in use.
    public static func normalizedZip(_ text: String) -> String? {
        guard let value = normalizedZipNumber(text) else { return nil }
        let digits = String(value)
        return String(repeating: "0", count: 5 - digits.count) + digits
    }

    /// The five digits of `normalizedZip(text)` as a number (what linkage files and compares),
    /// read without building a string.
    static func normalizedZipNumber(_ text: String) -> UInt32? { normalizedZipNumber(bytes: text.utf8) }

    /// `normalizedZipNumber(_:)` of the text spelled by `bytes`.
    static func normalizedZipNumber(bytes text: some Sequence<UInt8>) -> UInt32? {
        var count = 0
        var value: UInt32 = 0
        var separatorAt = -1
        var started = false
        var trailingSpace = false
        for byte in text {
            switch byte {
            case 0x30...0x39:
                if trailingSpace && separatorAt < 0 && count != 5 { return nil }
                if trailingSpace && separatorAt < 0 { separatorAt = 5 }
                trailingSpace = false
                guard count < 9 else { return nil }
                if count < 5 { value = value * 10 + UInt32(byte - 0x30) }
                count += 1
                started = true
            case 0x2D:
                guard count == 5, separatorAt < 0 else { return nil }
                separatorAt = 5
                trailingSpace = false
            case 0x20, 0x09, 0x0A, 0x0D:
                if started { trailingSpace = true }
            default:
                return nil
            }
        }
        if separatorAt >= 0 {
            guard count == 9 else { return nil }
        } else {
            guard count == 5 || count == 9 else { return nil }
        }
        return value
    }

    /// The states served by a five-digit ZIP's prefix, most common first; [] when the prefix
    /// is not in use (an invalid ZIP).
    public static func states(forZip zip5: String) -> [String] {
        var prefix = 0
        var count = 0
        for byte in zip5.utf8 {
            guard AddressTokens.isDigit(byte) else { return [] }
            if count < 3 { prefix = prefix * 10 + Int(byte - 0x30) }
            count += 1
        }
        guard count == 5 else { return [] }
        return ZipPrefixTable.states[prefix]
    }

    /// `states(forZip:)` of a ZIP read by `normalizedZipNumber`.
    static func states(forZipNumber zip: UInt32) -> [String] {
        zip < 100_000 ? ZipPrefixTable.states[Int(zip / 100)] : []
    }
}
