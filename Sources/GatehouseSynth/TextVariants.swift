/// Small text transformations that make a request differ from the record it describes.
enum TextVariants {
    enum Casing: Sendable { case upper, title, lower }

    /// Each word spelled with its Spanish diacritics when the table knows one (`JOSE` → `JOSÉ`).
    static func accent(_ text: String) -> String {
        guard !text.isEmpty else { return text }
        var out = ""
        var word = ""
        func flush() {
            out += HispanicNames.accented[word] ?? word
            word = ""
        }
        for character in text {
            if character == " " || character == "-" {
                flush()
                out.append(character)
            } else {
                word.append(character)
            }
        }
        flush()
        return out
    }

    /// `text` in `casing`; understands the two-byte Latin-1 letters of accented names.
    static func apply(_ casing: Casing, to text: String) -> String {
        guard casing != .upper, !text.isEmpty else { return text }
        var bytes = Array(text.utf8)
        var previousIsAlphanumeric = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0xC3, index + 1 < bytes.count {
                let lowerIt = casing == .lower || previousIsAlphanumeric
                let second = bytes[index + 1]
                if lowerIt, second >= 0x80, second <= 0x9E, second != 0x97 { bytes[index + 1] = second + 0x20 }
                previousIsAlphanumeric = true
                index += 2
                continue
            }
            let isUpper = byte >= 0x41 && byte <= 0x5A
            let isAlphanumeric = isUpper || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
            if isUpper, casing == .lower || previousIsAlphanumeric { bytes[index] = byte + 0x20 }
            previousIsAlphanumeric = isAlphanumeric
            index += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// One random edit (substitute, delete, insert, transpose) inside an ASCII uppercase word,
    /// never at its first letter; returns the input unchanged when it is too short.
    static func typo(_ text: String, random: inout SynthRandom) -> String {
        var bytes = Array(text.utf8)
        let letters = bytes.indices.filter { bytes[$0] >= 0x41 && bytes[$0] <= 0x5A }
        guard letters.count >= 4 else { return text }
        let position = letters[1 + random.below(letters.count - 1)]
        let letter = UInt8(ascii: "A") + UInt8(random.below(26))
        switch random.below(4) {
        case 0:
            bytes[position] = letter == bytes[position] ? (letter == 0x5A ? 0x41 : letter + 1) : letter
        case 1:
            bytes.remove(at: position)
        case 2:
            bytes.insert(letter, at: position)
        default:
            if position + 1 < bytes.count, bytes[position + 1] >= 0x41, bytes[position + 1] <= 0x5A,
                bytes[position] != bytes[position + 1]
            {
                bytes.swapAt(position, position + 1)
            } else {
                bytes[position] = letter == bytes[position] ? (letter == 0x5A ? 0x41 : letter + 1) : letter
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Punctuation a clerk might add or remove: hyphens to spaces, apostrophes dropped or
    /// added (`OBRIEN` ↔ `O'BRIEN`), a trailing period on an initial, stray spaces.
    static func punctuate(_ text: String, random: inout SynthRandom) -> String {
        var bytes = Array(text.utf8)
        if let apostrophe = bytes.firstIndex(of: UInt8(ascii: "'")) {
            bytes.remove(at: apostrophe)
        } else if let hyphen = bytes.firstIndex(of: UInt8(ascii: "-")) {
            bytes[hyphen] = 0x20
        } else if bytes.count == 1 {
            bytes.append(UInt8(ascii: "."))
        } else if bytes.count > 3, bytes[0] == UInt8(ascii: "O"), random.chance(0.5) {
            bytes.insert(UInt8(ascii: "'"), at: 1)
        } else if random.chance(0.5) {
            bytes.append(0x20)
            bytes.insert(0x20, at: 0)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether two ASCII names are within one edit (substitution, insertion, deletion, or
    /// adjacent transposition) of each other.
    static func withinOneEdit(_ lhs: String, _ rhs: String) -> Bool {
        let a = Array(lhs.utf8)
        let b = Array(rhs.utf8)
        if a == b { return true }
        if abs(a.count - b.count) > 1 { return false }
        var i = 0
        while i < min(a.count, b.count), a[i] == b[i] { i += 1 }
        if a.count == b.count {
            if a[(i + 1)...] == b[(i + 1)...] { return true }
            return i + 1 < a.count && a[i] == b[i + 1] && a[i + 1] == b[i] && a[(i + 2)...] == b[(i + 2)...]
        }
        let (long, short) = a.count > b.count ? (a, b) : (b, a)
        return long[(i + 1)...] == short[i...]
    }
}
