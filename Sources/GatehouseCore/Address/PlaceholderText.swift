/// Recognizes text that stands in for a value nobody supplied: "UNKNOWN", "N/A", "Failed to
/// Provide", "-", "?".
///
/// Phrases are compared word by word on letters and digits only (`N/A` reads `NA`, `DON'T`
/// reads `DONT`), always against the whole field or line, never as a substring, so that
/// "2 Unknown Ct" and "100 Box Elder St" stay streets.
public enum PlaceholderText {
    /// Address-line placeholders.
    static let addressPhrases: Set<String> = [
        "FAILED TO PROVIDE", "FAILED TO PROVIDE ADDRESS", "FAILED TO PROVIDE AN ADDRESS",
        "FAIL TO PROVIDE", "FAILED", "UNKNOWN", "UNKNOWN ADDRESS", "ADDRESS UNKNOWN", "UNK", "UNKN",
        "UNKNWN", "UNKOWN", "UNKNOWNADDRESS", "UNKNOWN STREET", "STREET UNKNOWN", "DONT CARE",
        "DO NOT CARE", "DONT KNOW", "DO NOT KNOW", "TBD", "TBA", "TO BE DETERMINED",
        "TO BE ANNOUNCED", "TO BE PROVIDED", "NO FIXED ADDRESS", "NO FIXED ABODE", "NOFIXED ADDRESS",
        "NFA", "HOMELESS", "UNHOUSED", "REFUSED", "REFUSE", "REFUSED TO PROVIDE", "REFUSED TO GIVE",
        "DECLINED", "DECLINE", "DECLINED TO PROVIDE", "DECLINED TO STATE", "NOT PROVIDED",
        "NOTPROVIDED", "ADDRESS NOT PROVIDED", "NO ADDRESS PROVIDED", "NOT GIVEN", "NONE GIVEN",
        "NOT AVAILABLE", "UNAVAILABLE", "NOT KNOWN", "NONE", "NA", "N A", "NULL", "NIL", "SAME",
        "SAME AS ABOVE", "SAME AS BEFORE", "SAME AS MAILING", "SEE ABOVE", "SEE BELOW", "SEE NOTES",
        "VARIOUS", "VARIES", "XXX", "X", "XX", "UNDELIVERABLE", "MOVED", "MOVED NO FORWARDING ADDRESS",
        "MOVED LEFT NO ADDRESS", "MLNA", "RTS", "RETURN TO SENDER", "RETURNED MAIL", "RETURNED",
        "NO ADDRESS", "NOADDRESS", "NOADDR", "NO ADDR", "NO ADDRESS ON FILE", "NOT ON FILE",
        "ON FILE", "ADDRESS ON FILE", "TRANSIENT", "BLANK", "EMPTY", "MISSING", "MISSING ADDRESS",
        "ADDRESS MISSING", "INVALID", "INVALID ADDRESS", "BAD ADDRESS", "TEST", "TEST ADDRESS",
        "DEFAULT", "ADDRESS", "ADDR", "STREET", "NOT APPLICABLE", "INAPPLICABLE", "NONAPPLICABLE",
        "UNSPECIFIED", "PENDING", "DECEASED", "OTHER", "CONFIDENTIAL", "WITHHELD", "REDACTED",
        "PRIVATE", "UNDISCLOSED", "NOWHERE", "ANYWHERE", "NO STREET ADDRESS", "NEED ADDRESS",
        "NEEDS UPDATE", "UPDATE NEEDED", "DUMMY", "FAKE", "SAMPLE", "DNK", "NK", "NP", "NO",
        "LIVES IN CAR", "LIVING IN CAR", "NO HOME", "NO PERMANENT ADDRESS", "NO CURRENT ADDRESS",
        "NO KNOWN ADDRESS", "CANT PROVIDE", "CANNOT PROVIDE", "WILL PROVIDE", "NOT STATED",
        "ANONYMOUS", "UNKNOWN UNKNOWN",
    ]

    /// Name-field placeholders (the whole field).
    static let namePhrases: Set<String> = [
        "UNKNOWN", "UNK", "UNKN", "UNKNWN", "UNKOWN", "NA", "N A", "NONE", "NULL", "NIL", "TBD",
        "TBA", "FNU", "LNU", "NFN", "NMN", "NLN", "XXX", "X", "XX", "REFUSED", "DECLINED", "TEST",
        "TESTING", "NOT PROVIDED", "NOT GIVEN", "NOT AVAILABLE", "NOT KNOWN", "NO NAME", "NONAME",
        "ANONYMOUS", "UNNAMED", "BLANK", "EMPTY", "MISSING", "DUMMY", "FAKE", "SAMPLE", "FIRST",
        "LAST", "FIRST NAME", "LAST NAME", "FIRSTNAME", "LASTNAME", "NAME", "GIVEN NAME", "SURNAME",
        "BABY BOY", "BABY GIRL", "INFANT", "FAILED TO PROVIDE", "NOT APPLICABLE", "SAME", "DEFAULT",
        "REDACTED", "WITHHELD", "CONFIDENTIAL", "UNSPECIFIED", "PENDING", "DNK", "NK", "NP",
    ]

    /// Whether `text` is empty or holds no letter or digit at all.
    public static func isBlank(_ text: String) -> Bool {
        TextFolding.foldedBytes(text).allSatisfy { !AddressTokens.isAlphanumeric($0) }
    }

    /// Whether the whole of a name field is a placeholder ("UNKNOWN", "FNU", "N/A", "-", "?").
    ///
    /// A field with no letter or digit but some punctuation is a placeholder; an empty one is
    /// not (it is missing).
    public static func isNamePlaceholder(_ text: String) -> Bool {
        if let word = singleWord(text) { return namePhrases.contains(word) }
        if let words = plainPhrase(text) { return namePhrases.contains(words) }
        return isNamePlaceholderTokenized(text)
    }

    /// `isNamePlaceholder` the long way, through the address tokenizer (every input).
    static func isNamePlaceholderTokenized(_ text: String) -> Bool {
        let tokens = AddressTokens(text)
        if tokens.isEmpty { return tokens.hadText }
        return namePhrases.contains(phrase(tokens, from: 0, to: tokens.count))
    }

    /// Whether a free-text field (a case reference, a required field) is empty or a placeholder.
    public static func isBlankOrPlaceholder(_ text: String) -> Bool {
        // No phrase holds a digit, and a digit is a token of its own: a field with an ASCII digit
        // (a case number, a ZIP) is neither blank nor a placeholder.
        if text.utf8.contains(where: AddressTokens.isDigit) { return false }
        if let word = singleWord(text) { return namePhrases.contains(word) || addressPhrases.contains(word) }
        if let words = plainPhrase(text) { return namePhrases.contains(words) || addressPhrases.contains(words) }
        return isBlankOrPlaceholderTokenized(text)
    }

    /// `isBlankOrPlaceholder` the long way, through the address tokenizer (every input).
    static func isBlankOrPlaceholderTokenized(_ text: String) -> Bool {
        let tokens = AddressTokens(text)
        if tokens.isEmpty { return true }
        let words = phrase(tokens, from: 0, to: tokens.count)
        return namePhrases.contains(words) || addressPhrases.contains(words)
    }

    /// The phrase of `text` when it is one word of ASCII letters and digits and nothing else
    /// (the common case: "JOHN", "Springfield", "TX"), read without tokenizing; nil otherwise.
    static func singleWord(_ text: String) -> String? {
        var allUpper = true
        var allX = true
        var count = 0
        for byte in text.utf8 {
            switch byte {
            case 0x41...0x5A, 0x30...0x39: break
            case 0x61...0x7A: allUpper = false
            default: return nil
            }
            if byte != 0x58 && byte != 0x78 { allX = false }
            count += 1
        }
        if count == 0 { return nil }
        if allX && count >= 3 { return "XXX" }
        return allUpper ? text : TextFolding.asciiFolded(text)
    }

    /// The phrase of `text` when it is words of ASCII letters and digits joined by single spaces,
    /// none of them three or more X's ("NEW YORK", "Last Name"): the text itself, folded, read
    /// without tokenizing; nil otherwise.
    static func plainPhrase(_ text: String) -> String? {
        guard let lowercase = NormalizationMemo.foldedCase(bytes: text.utf8) else { return nil }
        var length = 0
        var allX = true
        for byte in text.utf8 {
            if byte == 0x20 {
                if allX && length >= 3 { return nil }
                length = 0
                allX = true
            } else {
                length += 1
                if byte != 0x58 && byte != 0x78 { allX = false }
            }
        }
        if allX && length >= 3 { return nil }
        return lowercase ? TextFolding.asciiFolded(text) : text
    }

    /// The words of `tokens[from..<to]`, letters and digits only, joined by one space; a word of
    /// three or more X's reads `XXX`.
    static func phrase(_ tokens: AddressTokens, from: Int, to: Int) -> String {
        var out: [UInt8] = []
        for index in from..<to {
            let token = tokens.tokens[index]
            if !out.isEmpty { out.append(0x20) }
            var allX = token.length >= 3
            for byte in tokens.bytes[token.start..<token.end] where byte != 0x58 {
                allX = false
                break
            }
            if allX {
                out.append(contentsOf: [0x58, 0x58, 0x58])
                continue
            }
            for byte in tokens.bytes[token.start..<token.end] where AddressTokens.isAlphanumeric(byte) {
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
