/// A word of up to 16 folded ASCII bytes packed into two integers, for cheap table look-ups.
///
/// Only letters and digits are packed (`N/A` and `NA` share a key). A longer word gets a key
/// that no table holds.
struct WordKey: Hashable, Sendable {
    var low: UInt64
    var high: UInt64

    static let tooLong = WordKey(low: .max, high: .max)

    init(low: UInt64, high: UInt64) {
        self.low = low
        self.high = high
    }

    /// The key of an uppercase ASCII word, as written in a table.
    init(_ word: String) {
        var key = WordKey(low: 0, high: 0)
        var count = 0
        for byte in word.utf8 where AddressTokens.isAlphanumeric(byte) {
            key.append(byte, at: count)
            count += 1
        }
        self = count > 16 ? .tooLong : key
    }

    @inline(__always)
    mutating func append(_ byte: UInt8, at index: Int) {
        if index < 8 {
            low |= UInt64(byte) << UInt64(index * 8)
        } else if index < 16 {
            high |= UInt64(byte) << UInt64((index - 8) * 8)
        }
    }
}

/// One token of an address line: a run of letters, digits, `-` and `/`, or a lone `#`.
struct AddressToken: Sendable {
    var start: Int
    var end: Int
    var key: WordKey
    var digits: Int
    var letters: Int
    /// Index of the comma-separated segment the token is in.
    var segment: Int
    /// What the address vocabulary knows of the word, looked up once (nil when nothing).
    var info: WordInfo?

    var length: Int { end - start }
    var isNumeric: Bool { digits > 0 && letters == 0 }
    var isAllDigits: Bool { digits == length }
    var hasDigit: Bool { digits > 0 }
    var isWord: Bool { letters > 0 && digits == 0 }
}

/// An address line folded once and split into tokens over its bytes.
struct AddressTokens: Sendable {
    /// The cleaned bytes the tokens point into (periods and apostrophes removed).
    var bytes: [UInt8]
    var tokens: [AddressToken]
    /// Whether the folded line had any visible character at all (a lone "?" has).
    var hadText: Bool
    /// Where an `&` or `@` stood: the index of the token after it (an intersection's joint,
    /// "MAIN ST & 5TH AVE"). The characters themselves make no token.
    var joints: [Int] = []

    var count: Int { tokens.count }
    var isEmpty: Bool { tokens.isEmpty }

    @inline(__always)
    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A)
    }

    @inline(__always)
    static func isLetter(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// Folds `text` with `TextFolding` and tokenizes it.
    init(_ text: String) {
        // ASCII text (the usual case) is folded byte by byte into a buffer on the stack. Unlike
        // `foldedBytes` it keeps runs of spaces, which only separate tokens either way.
        if text.utf8.allSatisfy({ $0 < 0x80 }),
            let tokens = text.utf8.withContiguousStorageIfAvailable({ bytes in
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { buffer in
                    for (k, byte) in bytes.enumerated() { buffer[k] = TextFolding.asciiFold(byte) }
                    let folded = UnsafeBufferPointer(buffer)
                    return AddressTokens(folded: folded, hadText: folded.contains { $0 != 0x20 })
                }
            })
        {
            self = tokens
            return
        }
        self.init(folded: TextFolding.foldedBytes(text))
    }

    /// Tokenizes already-folded bytes.
    init(folded: [UInt8]) {
        self = folded.withUnsafeBufferPointer { AddressTokens(folded: $0, hadText: !$0.isEmpty) }
    }

    /// Tokenizes folded bytes; `hadText` tells whether any is more than white space.
    private init(folded: UnsafeBufferPointer<UInt8>, hadText: Bool) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(folded.count)
        var tokens: [AddressToken] = []
        tokens.reserveCapacity(8)
        self.hadText = hadText
        var start = 0
        var digits = 0
        var letters = 0
        var key = WordKey(low: 0, high: 0)
        var keyCount = 0
        var segment = 0

        func flush() {
            // Trim joiners ('-', '/') at the ends of the token.
            var s = start
            var e = bytes.count
            while s < e, !AddressTokens.isAlphanumeric(bytes[s]) { s += 1 }
            while e > s, !AddressTokens.isAlphanumeric(bytes[e - 1]) { e -= 1 }
            if s < e {
                tokens.append(
                    AddressToken(
                        start: s, end: e, key: keyCount > 16 ? .tooLong : key, digits: digits,
                        letters: letters, segment: segment, info: AddressLexicon.info(keyCount > 16 ? .tooLong : key)))
            }
            if s >= e { bytes.removeSubrange(start..<bytes.count) }
            start = bytes.count
            digits = 0
            letters = 0
            key = WordKey(low: 0, high: 0)
            keyCount = 0
        }

        let n = folded.count
        var i = 0
        while i < n {
            let byte = folded[i]
            switch byte {
            case 0x41...0x5A:
                bytes.append(byte)
                key.append(byte, at: keyCount)
                keyCount += 1
                letters += 1
            case 0x30...0x39:
                bytes.append(byte)
                key.append(byte, at: keyCount)
                keyCount += 1
                digits += 1
            case 0x2E, 0x27:  // '.' and '\'' join: P.O. → PO, O'NEIL → ONEIL
                break
            case 0x2D:  // '-' joins numbers (12-14, I-95) but separates words (TWENTY-FIRST)
                let previousIsLetter = bytes.count > start && AddressTokens.isLetter(bytes[bytes.count - 1])
                let nextIsLetter = i + 1 < n && AddressTokens.isLetter(folded[i + 1])
                if previousIsLetter && nextIsLetter && digits == 0 {
                    flush()
                } else {
                    bytes.append(byte)
                }
            case 0x2F:  // '/' joins: 1/2, N/A, C/O
                bytes.append(byte)
            case 0x23:  // '#' is a token of its own
                flush()
                bytes.append(byte)
                tokens.append(
                    AddressToken(
                        start: bytes.count - 1, end: bytes.count, key: WordKey(low: 0x23, high: 0),
                        digits: 0, letters: 0, segment: segment, info: AddressLexicon.info(WordKey(low: 0x23, high: 0))))
                start = bytes.count
            case 0x2C, 0x3B:  // ',' and ';' end a segment
                flush()
                segment += 1
            case 0x26, 0x40:  // '&' and '@' join two streets
                flush()
                joints.append(tokens.count)
            default:
                flush()
            }
            i += 1
        }
        flush()
        self.bytes = bytes
        self.tokens = tokens
    }

    /// The token's bytes as a `String`.
    func text(_ index: Int) -> String {
        let token = tokens[index]
        return String(decoding: bytes[token.start..<token.end], as: UTF8.self)
    }

    /// The token's letters and digits only, as a `String` (`N/A` → `NA`).
    func alphanumericText(_ index: Int) -> String {
        let token = tokens[index]
        if token.digits + token.letters == token.length { return text(index) }
        var out: [UInt8] = []
        for byte in bytes[token.start..<token.end] where AddressTokens.isAlphanumeric(byte) {
            out.append(byte)
        }
        return String(decoding: out, as: UTF8.self)
    }

    @inline(__always)
    func byte(_ index: Int, _ offset: Int) -> UInt8 {
        bytes[tokens[index].start + offset]
    }
}
