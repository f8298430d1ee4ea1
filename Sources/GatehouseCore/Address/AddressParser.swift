/// Parses and standardizes US address lines after USPS Publication 28.
///
/// The line is folded once with `TextFolding` and parsed over its bytes; look-ups go through one
/// table keyed by packed words. Recognized forms:
/// - house numbers `123`, `123A`, `123 A`, `123 1/2`, `12-14`, `105-21`, `N6W23001`, `W156N11357`,
///   `A12` (Puerto Rico block/lot), and `ONE`…`TWENTY` spelled out (`One Main St` → `1 MAIN ST`);
/// - Utah grids (`1234 S 500 W`), numbered roads (`123 HWY 50`, `4500 State Route 9`,
///   `12 County Road 7`), street types written first (`456 Avenue B`, `10 Calle Sol`,
///   `123 Avenue of the Americas`);
/// - secondary units anywhere after the street name, before it (`Apt 4, 123 Main St`) or on line 2;
/// - PO boxes, Rural Route and Highway Contract boxes, General Delivery, placeholders and
///   ZIP-only lines, each reported as its own `AddressKind`.
///
/// When line 1 is not a street (a unit, a PO box, empty) and line 2 is, line 2 is the street.
/// A placeholder on line 1 stays a placeholder whatever line 2 says.
public enum AddressParser {
    /// Parses one address, its first line and an optional second line.
    /// - Complexity: O(n) in the length of the lines.
    public static func parse(line1: String, line2: String = "") -> ParsedAddress {
        if var simple = simpleStreet(line1) {
            addSecondary(line2, to: &simple)
            return simple
        }
        return parseTokenized(line1: line1, line2: line2)
    }

    /// As `parseTokenized` reads it: a street on line 1 takes line 2 as its secondary unit.
    static func addSecondary(_ line2: String, to street: inout ParsedAddress) {
        addSecondary(secondaryUnit(line2: line2), to: &street)
    }

    /// Joins the unit read from line 2 (`secondaryUnit(line2:)`) to a street's own.
    static func addSecondary(_ unit: UnitText, to street: inout ParsedAddress) {
        street.unit = joined(street.unit, unit.text)
        street.isPrivateMailbox = street.isPrivateMailbox || unit.isPrivateMailbox
    }

    /// The unit a second line holds ("" when it holds none, or nothing at all).
    static func secondaryUnit(line2: String) -> UnitText {
        if line2.isEmpty { return UnitText(text: "", isPrivateMailbox: false) }
        return secondaryUnit(AddressTokens(line2))
    }

    /// `parse(line1:line2:)` through the tokenizer, for every input.
    static func parseTokenized(line1: String, line2: String) -> ParsedAddress {
        var primary = AddressTokens(line1)
        var secondary = AddressTokens(line2)
        if !primary.hadText {
            if !secondary.hadText { return ParsedAddress(kind: .empty) }
            swap(&primary, &secondary)
        }
        var result = parseLine(primary)
        if secondary.isEmpty { return result }
        if result.kind != .street && result.kind != .placeholder {
            var alternative = parseLine(secondary)
            if alternative.kind == .street {
                let unit = secondaryUnit(primary)
                alternative.unit = joined(unit.text, alternative.unit)
                alternative.isPrivateMailbox = alternative.isPrivateMailbox || unit.isPrivateMailbox
                return alternative
            }
        }
        let unit = secondaryUnit(secondary)
        result.unit = joined(result.unit, unit.text)
        result.isPrivateMailbox = result.isPrivateMailbox || unit.isPrivateMailbox
        return result
    }

    /// The commonest lines in a store, read in one pass without tokenizing: "942 SANDY AVE", a
    /// house number of one to six digits, then words of two to sixteen letters that are at most
    /// a street suffix or a state code to the address vocabulary ("MEADOW"), then a street suffix
    /// that is no directional, unit or special-form word, one space between each; or the same
    /// with a directional before the name ("942 N SANDY AVE") or after the suffix ("942 SANDY AVE
    /// SW"), or with a numbered street for the name ("1114 91ST WAY"). Nil for any other line, which the tokenizer then reads; for every line it accepts,
    /// the tokenizer gives the same parse (`SimpleStreetTests`).
    static func simpleStreet(_ line: String) -> ParsedAddress? {
        let parsed = line.utf8.withContiguousStorageIfAvailable { bytes -> ParsedAddress? in
            guard let simple = SimpleStreet(bytes), let unit = simple.unit(of: bytes) else { return nil }
            return ParsedAddress(
                kind: .street, houseNumber: simple.text(simple.house, of: bytes),
                predirectional: simple.predirectional, streetName: simple.text(simple.street, of: bytes),
                suffix: simple.suffix, postdirectional: simple.postdirectional, unit: unit.text,
                isPrivateMailbox: unit.isPrivateMailbox)
        }
        return parsed ?? nil
    }

    /// Where `simpleStreet` finds the parts of a line, as byte ranges of it.
    struct SimpleStreet {
        var house: Range<Int>
        var street: Range<Int>
        /// The USPS abbreviations of the directional before the name, the suffix and the
        /// directional after it (a directional may be empty).
        var predirectional = ""
        var suffix: String
        var postdirectional = ""
        /// The unit written after the street ("APT 4", "# 166"), to the end of the line.
        var unitTail: Range<Int>?
        /// Whether the line has lowercase letters (the parts are then folded).
        var lowercase: Bool

        /// The `NormalizedAddress.directions` of the line.
        var directions: String {
            predirectional.isEmpty && postdirectional.isEmpty ? "" : predirectional + "|" + postdirectional
        }

        /// Reads `bytes` as `simpleStreet` describes; nil for any other line.
        init?(_ bytes: UnsafeBufferPointer<UInt8>) {
            let n = bytes.count
            var i = 0
            while i < n, AddressTokens.isDigit(bytes[i]) { i += 1 }
            guard i >= 1, i <= 6, i < n, bytes[i] == 0x20 else { return nil }
            let houseEnd = i
            i += 1
            var words = 0
            var lowercase = false
            // A line whose words are all state codes can read as a ZIP and states ("90363 VT PR").
            var allStateCodes = true
            // The first word, the last two, and the first word after the first that is not a
            // plain part of a name. Words are judged on their flags; only the words whose
            // abbreviation is taken are looked up in full, at the end.
            var firstFlags = WordFlags.unknown
            var firstKey = WordKey(low: 0, high: 0)
            var firstEnd = 0
            var lastFlags = WordFlags.unknown
            var lastKey = WordKey(low: 0, high: 0)
            var lastStart = 0
            var lastLength = 0
            var previousFlags = WordFlags.unknown
            var previousKey = WordKey(low: 0, high: 0)
            var previousStart = 0
            var firstOddWord = Int.max
            // A numbered street ("91ST"): which word, if any.
            var ordinalWord = -1
            var unitStart: Int?
            while i < n {
                let start = i
                // A unit after the street: "# 166", "#166".
                if words >= 2, bytes[i] == 0x23 {
                    unitStart = start
                    break
                }
                var key = WordKey(low: 0, high: 0)
                var allX = true
                var digits = 0
                while i < n, bytes[i] != 0x20 {
                    var byte = bytes[i]
                    if byte >= 0x61 && byte <= 0x7A {
                        byte -= 0x20
                        lowercase = true
                    }
                    if AddressTokens.isDigit(byte), digits == i - start, digits < 3 {
                        digits += 1  // digits lead an ordinal word only
                    } else {
                        guard AddressTokens.isLetter(byte), i - start < 16 else { return nil }
                    }
                    key.append(byte, at: i - start)
                    if byte != 0x58 { allX = false }
                    i += 1
                }
                if digits > 0 {
                    // One to three digits and an ordinal ending: read as written (the lexicon has
                    // no words with digits), and only as the whole name (below).
                    guard ordinalWord < 0, i - start == digits + 2, Self.isOrdinalEnding(bytes[i - 2], bytes[i - 1]) else {
                        return nil
                    }
                    ordinalWord = words
                }
                // Not XXX (a placeholder); a one-letter word is checked below (only a directional
                // first or last: another can join the house number, "123 A MAIN ST").
                guard i > start, !(allX && i - start >= 3) else { return nil }
                if i < n {
                    i += 1
                    guard i < n, bytes[i] != 0x20 else { return nil }
                }
                let flags = AddressLexicon.flags(key)
                // A unit after the street: "APT 20" (not a box, which the tokenizer reads apart).
                if words >= 2, flags.contains(.tailUnit) {
                    unitStart = start
                    break
                }
                if !flags.contains(.stateCode) { allStateCodes = false }
                if words == 0 {
                    firstFlags = flags
                    firstKey = key
                    firstEnd = i < n ? i - 1 : i
                } else {
                    // The word before this one, unless it is the first (judged on its own).
                    if words >= 2, firstOddWord == Int.max, !lastFlags.contains(.plainName) {
                        firstOddWord = words - 1
                    }
                    // A one-letter word inside the line.
                    if words >= 2, lastLength == 1 { return nil }
                }
                previousFlags = lastFlags
                previousKey = lastKey
                previousStart = lastStart
                lastFlags = flags
                lastKey = key
                lastStart = start
                lastLength = (i < n ? i - 1 : i) - start
                words += 1
            }
            guard words >= 2, !allStateCodes else { return nil }
            // A one-letter first word may only be a directional (below).
            let firstIsShort = firstEnd - (houseEnd + 1) == 1
            let firstIsPlain = !firstIsShort && firstFlags.contains(.plainName)
            // Words 1 ..< words - 1 are plain when the first odd one (if any) is the last.
            let innerPlainToLast = firstOddWord >= words - 1
            // A numbered street is the whole name: the only word between the house number (or a
            // directional) and the suffix.
            func ordinalIsWholeName(_ nameWord: Int, words expected: Int) -> Bool {
                ordinalWord < 0 || (ordinalWord == nameWord && words == expected)
            }
            let lastIsSuffix = lastFlags.contains(.simpleSuffix)
            if lastIsSuffix, lastLength >= 2, words >= 2, innerPlainToLast, firstIsPlain,
                ordinalIsWholeName(0, words: 2)
            {
                // 942 SANDY AVE
                suffix = AddressLexicon.info(lastKey)!.suffix!
                street = (houseEnd + 1)..<(lastStart - 1)
            } else if lastIsSuffix, lastLength >= 2, words >= 3, innerPlainToLast,
                firstFlags.contains(.simpleDirectional), ordinalIsWholeName(1, words: 3)
            {
                // 942 N SANDY AVE
                predirectional = AddressLexicon.info(firstKey)!.directional!
                suffix = AddressLexicon.info(lastKey)!.suffix!
                street = (firstEnd + 1)..<(lastStart - 1)
            } else if lastFlags.contains(.simpleDirectional), words >= 3, firstOddWord >= words - 2, firstIsPlain,
                previousFlags.contains(.simpleSuffix), ordinalIsWholeName(0, words: 3)
            {
                // 942 SANDY AVE SW
                postdirectional = AddressLexicon.info(lastKey)!.directional!
                suffix = AddressLexicon.info(previousKey)!.suffix!
                street = (houseEnd + 1)..<(previousStart - 1)
            } else {
                return nil
            }
            house = 0..<houseEnd
            unitTail = unitStart.map { $0..<n }
            self.lowercase = lowercase
        }

        /// The unit after the street, standardized as the tokenizer reads it ("" without one); nil
        /// when what follows the street is no unit after all (a designator without an
        /// identifier): the line is then the tokenizer's to read.
        func unit(of bytes: UnsafeBufferPointer<UInt8>) -> UnitText? {
            guard let tail = unitTail else { return UnitText(text: "", isPrivateMailbox: false) }
            return Self.unit(tail: String(decoding: bytes[tail], as: UTF8.self))
        }

        /// `unit(of:)` of the tail of a line from its unit on.
        static func unit(tail: String) -> UnitText? {
            let t = AddressTokens(tail)
            guard let first = t.tokens.first else { return nil }
            let isHash = first.letters + first.digits == 0
            guard isHash || (first.info?.unit != nil && AddressParser.identifierEnd(t, 1) != nil) else { return nil }
            return AddressParser.unitText(t, from: 0, to: t.count)
        }

        /// ST, ND, RD or TH, in either case.
        @inline(__always)
        static func isOrdinalEnding(_ first: UInt8, _ second: UInt8) -> Bool {
            switch (first & 0xDF, second & 0xDF) {
            case (0x53, 0x54), (0x4E, 0x44), (0x52, 0x44), (0x54, 0x48): true
            default: false
            }
        }

        /// The folded text of `range` of the line.
        func text(_ range: Range<Int>, of bytes: UnsafeBufferPointer<UInt8>) -> String {
            lowercase
                ? String(decoding: bytes[range].map(TextFolding.asciiFold), as: UTF8.self)
                : String(decoding: bytes[range], as: UTF8.self)
        }
    }

    /// A word that is only itself inside a street name: at most a suffix ("MEADOW", "CENTER") or
    /// a state code; not a directional, a unit, a spelled number, a street type written first, a
    /// word with another form, a placeholder or a special-form word.
    static func isPlainNameWord(_ info: WordInfo) -> Bool {
        info.directional == nil && info.unit == nil && info.prefixType == nil && info.nameForm == nil
            && info.roadForm == nil && info.cardinal == 0 && info.ordinal == 0 && !info.startsPlaceholder
            && !info.isFormWord
    }

    /// Parses a single line.
    static func parseLine(_ t: AddressTokens) -> ParsedAddress {
        if t.isEmpty { return ParsedAddress(kind: t.hadText ? .placeholder : .empty) }
        if isZipOnly(t) { return ParsedAddress(kind: .zipOnly) }
        var start = 0
        var leading = UnitText(text: "", isPrivateMailbox: false)
        if let box = boxPattern(t, at: 0, lineStart: true) {
            // "PMB 45, 123 Main St": the box is a unit in front of a street.
            guard box.isPrivateMailbox, box.end < t.count, houseNumber(t, at: box.end) != nil else {
                return ParsedAddress(kind: .poBox)
            }
            leading = unitText(t, from: 0, to: box.end)
            start = box.end
        } else if let kind = specialStart(t) {
            return ParsedAddress(kind: kind)
        } else if let units = leadingUnits(t), houseNumber(t, at: units.end) != nil {
            // "APT 4, 123 MAIN ST", "SUITE 200, BUILDING 17, 7000 PEACHTREE DUNWOODY RD", "4TH FLOOR 300 E RANDOLPH ST"
            leading = units.unit
            start = units.end
        }
        if isIntersection(t) { return ParsedAddress(kind: .intersection) }
        var house = houseNumber(t, at: start)
        if house == nil, let hashed = hashHouseNumber(t, at: start) { house = hashed }  // "# 2 TURNER RD"
        if isPlaceholder(t, from: start, houseEnd: house?.next) {
            return ParsedAddress(kind: .placeholder)
        }
        if let house, let box = boxPattern(t, at: house.next, lineStart: true), !box.isPrivateMailbox {
            return ParsedAddress(kind: .poBox)  // "123 PO Box 5"
        }
        var result = street(t, from: house?.next ?? start)
        result.unit = joined(leading.text, result.unit)
        result.isPrivateMailbox = result.isPrivateMailbox || leading.isPrivateMailbox
        guard let house else {
            // "THE BILTMORE, 817 W PEACHTREE ST": a building's name before the house number.
            if start == 0, var named = afterLeadingName(t) {
                named.kind = .street
                return named
            }
            if containsBox(t) { return ParsedAddress(kind: .poBox) }
            result.kind = .noHouseNumber
            return result
        }
        result.houseNumber = house.text
        if result.suffix.isEmpty, isGeneralDelivery(t, at: house.next) {
            return ParsedAddress(kind: .generalDelivery)
        }
        if result.streetName.isEmpty {
            result.kind = containsBox(t) ? .poBox : .noStreetName
            return result
        }
        result.kind = .street
        return result
    }

    static func joined(_ first: String, _ second: String) -> String {
        if first.isEmpty { return second }
        if second.isEmpty { return first }
        return first + " " + second
    }
}
