/// House numbers and secondary units.
extension AddressParser {
    /// The standardized house number at `index` and the index after it, or nil.
    static func houseNumber(_ t: AddressTokens, at index: Int) -> (text: String, next: Int)? {
        guard index < t.count else { return nil }
        let token = t.tokens[index]
        var next = index + 1
        if token.isAllDigits {
            guard token.length <= 6 else { return nil }
            var text = t.text(index)
            if next < t.count, isFraction(t, next) {
                text += " " + t.text(next)
                next += 1
            } else if next + 2 < t.count, t.tokens[next].length == 1, t.tokens[next].letters == 1,
                t.tokens[next].info?.directional == nil,
                t.tokens[next + 1].info?.suffix == nil
            {
                // "123 A Main St" → 123A; but "123 A St" is A Street.
                text += t.text(next)
                next += 1
            }
            return (text, next)
        }
        if token.digits > 0, let text = compoundHouseNumber(t, index) { return (text, next) }
        if var cardinal = token.info?.cardinal, cardinal >= 1, next < t.count {
            // FIFTY, FIFTY FIVE (a ten and a unit word).
            if cardinal >= 20, cardinal % 10 == 0, next + 1 < t.count, let unit = t.tokens[next].info?.cardinal, unit >= 1,
                unit <= 9
            {
                cardinal += unit
                next += 1
            }
            return (String(cardinal), next)
        }
        return nil
    }

    /// "1/2", "3/4".
    static func isFraction(_ t: AddressTokens, _ index: Int) -> Bool {
        let token = t.tokens[index]
        return token.length == 3 && token.digits == 2 && t.byte(index, 1) == 0x2F
    }

    /// `123A`, `123-A`, `12-14`, `105-21`, `N6W23001`, `W156N11357`, `A12`, `A-12`.
    static func compoundHouseNumber(_ t: AddressTokens, _ index: Int) -> String? {
        let token = t.tokens[index]
        let bytes = t.bytes[token.start..<token.end]
        var runs: [(kind: UInt8, count: Int)] = []  // d = digits, l = letters, h = hyphen
        for byte in bytes {
            let kind: UInt8 =
                AddressTokens.isDigit(byte) ? 0x64 : AddressTokens.isLetter(byte) ? 0x6C : byte == 0x2D ? 0x68 : 0x3F
            if kind == 0x3F { return nil }
            if let last = runs.last, last.kind == kind {
                runs[runs.count - 1].count += 1
            } else {
                runs.append((kind, 1))
            }
        }
        let shape = runs.map(\.kind)
        let d: UInt8 = 0x64
        let l: UInt8 = 0x6C
        let h: UInt8 = 0x68
        func withoutHyphen() -> String { String(decoding: bytes.filter { $0 != 0x2D }, as: UTF8.self) }
        switch shape {
        case [d, l], [d, h, l]:
            // 123A, 123-A; not ordinals (1ST, 2ND) which have two letters.
            guard runs[0].count <= 6, runs.last!.count == 1 else { return nil }
            return withoutHyphen()
        case [d, h, d], [d, h, d, l]:
            // 12-14, 105-21, 105-21A, 11785-11787; a ZIP+4 (5-4) is not a house number.
            guard runs[0].count <= 5, runs[2].count <= 5, !(runs[0].count == 5 && runs[2].count == 4) else {
                return nil
            }
            return String(decoding: bytes, as: UTF8.self)
        case [l, d, l, d]:
            // Wisconsin/Illinois grid: N6W23001, W156N11357.
            guard runs[0].count == 1, runs[2].count == 1, isCardinalLetter(bytes[bytes.startIndex]),
                isCardinalLetter(bytes[bytes.startIndex + 1 + runs[1].count])
            else { return nil }
            return String(decoding: bytes, as: UTF8.self)
        case [l, d], [l, h, d]:
            // Puerto Rico block and lot: A12, A-12.
            guard runs[0].count == 1, runs.last!.count <= 5 else { return nil }
            return withoutHyphen()
        default:
            return nil
        }
    }

    @inline(__always)
    static func isCardinalLetter(_ byte: UInt8) -> Bool {
        byte == 0x4E || byte == 0x53 || byte == 0x45 || byte == 0x57
    }

    /// A unit designator with its identifier at `index` ("APT 4", "# 4", "STE 200"; the start of
    /// the line by default), and the index after it.
    static func leadingUnit(_ t: AddressTokens, at index: Int = 0) -> Int? {
        guard index < t.count else { return nil }
        let first = t.tokens[index]
        let isHash = first.letters + first.digits == 0
        guard isHash || (first.info?.unit != nil && first.info?.unit != "BOX" && first.info?.unit != "PMB"),
            let end = identifierEnd(t, index + 1)
        else {
            return nil
        }
        return end
    }

    struct UnitText {
        var text: String
        var isPrivateMailbox: Bool
    }

    /// Standardizes the units in `t[from..<to]`: designators and identifiers, `#` for a bare
    /// identifier; stops at the first word that is neither.
    static func unitText(_ t: AddressTokens, from: Int, to: Int) -> UnitText {
        var out: [UInt8] = []
        var isPrivateMailbox = false
        var k = from
        while k < to {
            let token = t.tokens[k]
            let isHash = token.letters + token.digits == 0
            var designator: String
            if isHash {
                designator = "#"
            } else if let unit = token.info?.unit {
                designator = unit
                if unit == "PMB" { isPrivateMailbox = true }
            } else if k == from, isIdentifier(t, k), to - from == 1 {
                designator = "#"
                k -= 1  // the token itself is the identifier
            } else {
                break
            }
            if !out.isEmpty { out.append(0x20) }
            out.append(contentsOf: designator.utf8)
            k += 1
            if k < to, !isHash, t.tokens[k].letters + t.tokens[k].digits == 0 { k += 1 }
            if k < to, isIdentifier(t, k) || t.tokens[k].length <= 3 && t.tokens[k].letters > 0
                && t.tokens[k].info?.unit == nil
            {
                out.append(0x20)
                out.append(contentsOf: t.bytes[t.tokens[k].start..<t.tokens[k].end])
                k += 1
            }
        }
        return UnitText(text: String(decoding: out, as: UTF8.self), isPrivateMailbox: isPrivateMailbox)
    }

    /// The unit on a second line ("APT 4B", "#4", "4B", "PMB 12"); "" for anything else
    /// (care-of lines, a second street).
    static func secondaryUnit(_ t: AddressTokens) -> UnitText {
        guard !t.isEmpty else { return UnitText(text: "", isPrivateMailbox: false) }
        let first = t.tokens[0]
        let isDesignator = first.letters + first.digits == 0 || first.info?.unit != nil
        if isDesignator || (t.count == 1 && first.hasDigit && first.length <= 6) {
            return unitText(t, from: 0, to: t.count)
        }
        return UnitText(text: "", isPrivateMailbox: false)
    }
}
