/// Forms of address lines as people write them on forms, beyond the house-number-first street:
/// intersections, units and building names before the number, a `#` before the house number.
extension AddressParser {
    /// Whether the line names an intersection: two streets joined by `&`, `@`, `AND` or `AT`
    /// (`MAIN ST AND 5TH AVE`, `1601 JUMER DR AT VETERANS PKWY`, `I-80 & FRONTAGE RD`), never a
    /// residence. The part before the joint must name a street (a street type or a numbered
    /// road), and the part after it a street or a route number; so `BARNES AND NOBLE BLVD` (no
    /// street before AND) and `123 MAIN ST AND APT 4` (a unit after it) are not intersections.
    static func isIntersection(_ t: AddressTokens) -> Bool {
        guard t.count >= 2 else { return false }
        for joint in t.joints where joint > 0 && joint < t.count {
            if intersects(t, left: joint, right: joint) { return true }
            // "BROADWAY @ W 42ND ST": with a symbol between them, one side naming a street is
            // enough when the line has no house number to be the address of.
            if houseNumber(t, at: 0) == nil, namesStreet(t, 0..<joint) || namesStreet(t, joint..<t.count) { return true }
        }
        for k in 1..<(t.count - 1) {
            let word = t.tokens[k].key
            if (word == Word.and || word == Word.at), intersects(t, left: k, right: k + 1) { return true }
        }
        return false
    }

    /// Whether `t[..<left]` ends a street and `t[right...]` is another street or a route number.
    private static func intersects(_ t: AddressTokens, left: Int, right: Int) -> Bool {
        guard namesStreet(t, 0..<left) else { return false }
        let first = t.tokens[right]
        if first.info?.unit != nil && identifierEnd(t, right + 1) != nil { return false }  // AND APT 4
        if boxPattern(t, at: right, lineStart: false) != nil { return false }
        if right + 1 == t.count, first.isNumeric { return true }  // "& 330": a route
        return namesStreet(t, right..<t.count)
    }

    /// Whether the tokens of `range` hold a street: a street type after a name word, a street type
    /// written first before a name, or a numbered road (`HWY 18`, `I-80`, `US 30`).
    private static func namesStreet(_ t: AddressTokens, _ range: Range<Int>) -> Bool {
        var sawName = false
        for k in range {
            let token = t.tokens[k]
            if isInterstate(t, k) { return true }
            if let info = token.info {
                if info.roadForm != nil, k + 1 < range.upperBound, t.tokens[k + 1].hasDigit { return true }
                if info.suffix != nil, sawName, !token.hasDigit { return true }
                if info.prefixType != nil, k + 1 < range.upperBound, t.tokens[k + 1].isWord { return true }
            }
            if token.letters > 0 { sawName = true }
        }
        return false
    }

    /// `I-80`, `I80`: an interstate written as one token.
    private static func isInterstate(_ t: AddressTokens, _ k: Int) -> Bool {
        let token = t.tokens[k]
        guard token.letters == 1, token.digits >= 1, token.digits <= 3, t.byte(k, 0) == 0x49 else { return false }
        return token.length == token.digits + 1 || (token.length == token.digits + 2 && t.byte(k, 1) == 0x2D)
    }

    /// Units written before the house number, one or several (`APT 4`, `SUITE 200, BUILDING 17`,
    /// `4TH FLOOR`, `3 FL`, `FLAT 4`), and where they end; nil when the line does not start so.
    static func leadingUnits(_ t: AddressTokens) -> (end: Int, unit: UnitText)? {
        var k = 0
        var pieces: [String] = []
        while k < t.count {
            if let end = leadingUnit(t, at: k) {
                pieces.append(unitText(t, from: k, to: end).text)
                k = end
            } else if let floor = floorFirst(t, at: k) {
                pieces.append(floor.text)
                k = floor.end
            } else {
                break
            }
        }
        guard k > 0 else { return nil }
        return (k, UnitText(text: pieces.filter { !$0.isEmpty }.joined(separator: " "), isPrivateMailbox: false))
    }

    /// `4TH FLOOR`, `41ST FL`, `3 FL`: a floor written number first; its standard text (`FL 4`).
    static func floorFirst(_ t: AddressTokens, at k: Int) -> (end: Int, text: String)? {
        guard k + 1 < t.count, t.tokens[k + 1].info?.unit == "FL" else { return nil }
        let token = t.tokens[k]
        guard token.hasDigit, token.length <= 5 else { return nil }
        let number: String
        if token.isAllDigits {
            number = t.text(k)
        } else if token.digits + 2 == token.length, SimpleStreet.isOrdinalEnding(t.byte(k, token.digits), t.byte(k, token.digits + 1)) {
            number = String(t.text(k).prefix(token.digits))
        } else {
            return nil
        }
        return (k + 2, "FL " + number)
    }

    /// `# 2 TURNER RD`: a `#` before the house number of a street that follows.
    static func hashHouseNumber(_ t: AddressTokens, at index: Int) -> (text: String, next: Int)? {
        guard index + 2 < t.count, t.tokens[index].letters + t.tokens[index].digits == 0,
            let house = houseNumber(t, at: index + 1), house.next < t.count, t.tokens[house.next].isWord,
            t.tokens[house.next].info?.unit == nil
        else { return nil }
        return house
    }

    /// A line that begins with a building or place name before its house number (`THE BILTMORE,
    /// 817 W PEACHTREE ST`, `HAYES CENTER 4859 S WABASH`, `RODNEY SQUARE NORTH 1100 N MARKET ST`):
    /// the street from the first house number whose street has a street type or a directional and
    /// no number of its own in the name; units in the name's part are kept.
    static func afterLeadingName(_ t: AddressTokens) -> ParsedAddress? {
        guard t.count >= 3 else { return nil }
        for k in 1..<(t.count - 1) {
            guard let house = houseNumber(t, at: k), house.next < t.count, t.tokens[house.next].letters > 0 else { continue }
            // The name's part holds no box or rural route (those are their own kinds).
            if (0..<k).contains(where: { boxPattern(t, at: $0, lineStart: false) != nil || ruralRoute(t, at: $0) }) {
                return nil
            }
            var result = street(t, from: house.next)
            let words = result.streetName.split(separator: " ")
            let located = !result.suffix.isEmpty || !result.predirectional.isEmpty || !result.postdirectional.isEmpty
            guard !words.isEmpty, located, !words.contains(where: { $0.allSatisfy(\.isNumber) }) else { continue }
            result.houseNumber = house.text
            result.unit = joined(unitsBefore(t, k), result.unit)
            return result
        }
        return nil
    }

    /// The units found among the first `end` tokens (a floor, a suite), as standard text.
    private static func unitsBefore(_ t: AddressTokens, _ end: Int) -> String {
        var pieces: [String] = []
        var k = 0
        while k < end {
            if let unitEnd = leadingUnit(t, at: k), unitEnd <= end {
                pieces.append(unitText(t, from: k, to: unitEnd).text)
                k = unitEnd
            } else if let floor = floorFirst(t, at: k), floor.end <= end {
                pieces.append(floor.text)
                k = floor.end
            } else {
                k += 1
            }
        }
        return pieces.joined(separator: " ")
    }

    /// A Rural Route or Highway Contract box starting at `index` (`RR 1 BOX 297`, `RR1`, `HC 2`,
    /// `RURAL ROUTE 3`), as written after a street.
    static func ruralRoute(_ t: AddressTokens, at index: Int) -> Bool {
        guard let first = key(t, index) else { return false }
        switch first {
        case Word.rr, Word.rfd, Word.hc, Word.hcr:
            return identifierEnd(t, index + 1).map { t.tokens[$0 - 1].hasDigit } ?? false
        case Word.rural:
            let second = key(t, index + 1)
            return second == Word.route || second == Word.rte || second == Word.rt
        default:
            let token = t.tokens[index]
            guard token.letters == 2, token.hasDigit, token.length <= 5 else { return false }
            let b0 = t.byte(index, 0)
            let b1 = t.byte(index, 1)
            return (b0 == 0x52 && b1 == 0x52) || (b0 == 0x48 && b1 == 0x43)  // RR2, HC1
        }
    }

    /// A box anywhere in the line (`DEPT 10309 PO BOX 87618`, `CHURCH STREET STATION PO BOX 6262`),
    /// for a line that holds no street.
    static func containsBox(_ t: AddressTokens) -> Bool {
        (0..<t.count).contains { boxPattern(t, at: $0, lineStart: false).map { !$0.isPrivateMailbox } ?? false }
    }
}
