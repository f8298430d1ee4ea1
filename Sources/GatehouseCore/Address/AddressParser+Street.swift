/// The street part: where it ends, its directionals, name and suffix.
extension AddressParser {
    /// Parses the street that starts at `start` (just after the house number).
    static func street(_ t: AddressTokens, from start: Int) -> ParsedAddress {
        var result = ParsedAddress(kind: .street)
        let n = t.count
        guard start < n else { return result }
        var end = n
        var tailUnit = UnitText(text: "", isPrivateMailbox: false)
        let segment = t.tokens[start].segment
        var k = start
        while k < n {
            let token = t.tokens[k]
            if k == start {
                // "123 Apt 4", "123 #4": a unit where the street name should be.
                let isUnitWord = token.info?.unitStrength == .needsIdentifier
                    && token.info?.unit != nil && token.info?.unit != "BOX" && token.info?.unit != "PMB"
                if (token.letters + token.digits == 0 || isUnitWord), let identifierEnd = identifierEnd(t, k + 1) {
                    // "6910 # G MARY CAROLINE CIR": a unit between the house number and the street.
                    if identifierEnd < n, t.tokens[identifierEnd].segment == segment, t.tokens[identifierEnd].isWord,
                        t.tokens[identifierEnd].info?.unit == nil, boxPattern(t, at: identifierEnd, lineStart: false) == nil
                    {
                        var inner = street(t, from: identifierEnd)
                        inner.unit = joined(unitText(t, from: k, to: identifierEnd).text, inner.unit)
                        return inner
                    }
                    end = k
                    tailUnit = unitText(t, from: k, to: n)
                    break
                }
                k += 1
                continue
            }
            // A box or a rural route after the street ("115 HARTING RD PO BOX 12", "613 S MAIN, PO
            // 123", "104 S WALNUT RR 1 BOX 297"): a mailing address beside the street.
            if let box = boxPattern(t, at: k, lineStart: false) {
                end = k
                if box.isPrivateMailbox { tailUnit = unitText(t, from: k, to: box.end) } else { result.boxAfterStreet = .poBox }
                break
            }
            if ruralRoute(t, at: k) {
                end = k
                result.boxAfterStreet = .ruralRoute
                break
            }
            if token.segment != segment {
                end = k
                tailUnit = unitText(t, from: k, to: n)
                break
            }
            if token.letters + token.digits == 0 {
                end = k
                tailUnit = unitText(t, from: k, to: n)
                break
            }
            if let info = token.info, info.unit != nil {
                let isUnit: Bool
                switch info.unitStrength {
                case .needsIdentifier:
                    isUnit = identifierEnd(t, k + 1) != nil
                case .standalone:
                    let previous = t.tokens[k - 1].info
                    isUnit = k - start >= 2 && (previous?.suffix != nil || previous?.directional != nil)
                        && (k + 1 == n || t.tokens[k + 1].info?.unit != nil)
                }
                if isUnit {
                    end = k
                    tailUnit = unitText(t, from: k, to: n)
                    break
                }
            }
            k += 1
        }
        // A ZIP (and a state before it) written at the end of the line is locality, not street.
        if end - start >= 3, isZipLike(t, end - 1) {
            end -= 1
            if end - start >= 3, t.tokens[end - 1].isWord,
                t.tokens[end - 1].info?.isStateCode == true
            {
                end -= 1
            }
        }
        result.unit = tailUnit.text
        result.isPrivateMailbox = tailUnit.isPrivateMailbox
        nameParts(t, from: start, to: end, into: &result)
        return result
    }

    /// Street types that cannot be a street's whole name.
    static let loneTypes: Set<String> = ["ST", "AVE", "RD", "DR", "LN", "BLVD", "CT", "PL", "CIR", "TER", "HWY"]

    /// Splits `t[from..<to]` into predirectional, name, suffix and postdirectional.
    static func nameParts(_ t: AddressTokens, from: Int, to: Int, into result: inout ParsedAddress) {
        var i = from
        var j = to
        guard i < j else { return }
        let infos = (from..<to).map { t.tokens[$0].info }
        @inline(__always) func info(_ index: Int) -> WordInfo? { infos[index - from] }
        @inline(__always) func isPrefixType(_ index: Int) -> Bool {
            info(index)?.prefixType != nil && !t.tokens[index].hasDigit
        }

        // Words after the last suffix are a city written on the street line ("123 Main St
        // Springfield"), unless they are a directional or the road is numbered ("County Road 7").
        let nameStart = (j - i >= 2 && info(i)?.directional != nil) ? i + 1 : i
        if !t.tokens[j - 1].hasDigit {
            var p = j - 1
            while p > nameStart, info(p)?.suffix == nil { p -= 1 }
            if p > nameStart, p + 1 < j, !(p + 2 == j && info(j - 1)?.directional != nil) {
                j = p + 1
            }
        }
        if j - i >= 2, let directional = info(j - 1)?.directional, !(j - i == 2 && isPrefixType(i)) {
            result.postdirectional = directional
            j -= 1
        }
        // "216 N PINE": a directional and a suffix word alone are the directional and the name
        // (not a street called N), unless the word is a common street type ("123 N ST": N Street).
        let directionalAndName = j - i == 2 && info(i)?.directional != nil && t.tokens[i].length <= 2
            && info(j - 1)?.suffix.map { !loneTypes.contains($0) } == true
        if j - i >= 2, let suffix = info(j - 1)?.suffix, !t.tokens[j - 1].hasDigit,
            !(j - i == 2 && isPrefixType(i) && t.tokens[j - 1].length == 1), !directionalAndName
        {
            result.suffix = suffix
            j -= 1
        }
        if j - i >= 2, let directional = info(i)?.directional {
            result.predirectional = directional
            i += 1
        }
        // A lone abbreviated directional ("123 N") or a lone common street type ("123 St") is
        // no street name.
        if j - i == 1, result.suffix.isEmpty {
            if info(i)?.directional != nil, t.tokens[i].length <= 2 { return }
            if let suffix = info(i)?.suffix, loneTypes.contains(suffix) { return }
        }
        result.streetName = nameText(t, from: i, to: j, infos: infos, offset: from)
    }

    /// The standardized street name of `t[from..<to]`.
    static func nameText(_ t: AddressTokens, from: Int, to: Int, infos: [WordInfo?], offset: Int) -> String {
        @inline(__always) func info(_ index: Int) -> WordInfo? { infos[index - offset] }
        var out: [UInt8] = []
        out.reserveCapacity(24)
        func word(_ text: String) {
            if !out.isEmpty { out.append(0x20) }
            out.append(contentsOf: text.utf8)
        }
        func raw(_ index: Int) {
            if !out.isEmpty { out.append(0x20) }
            out.append(contentsOf: t.bytes[t.tokens[index].start..<t.tokens[index].end])
        }
        let count = to - from
        // Numbered roads: every word before the number is a road word.
        var isNumberedRoad = count >= 2 && t.tokens[to - 1].hasDigit
        if isNumberedRoad {
            for index in from..<(to - 1) where info(index)?.roadForm == nil || t.tokens[index].hasDigit {
                isNumberedRoad = false
                break
            }
        }
        var index = from
        while index < to {
            let current = info(index)
            if isNumberedRoad, index < to - 1, let form = current?.roadForm {
                word(form)
            } else if index == from, count >= 2, let form = current?.prefixType, !t.tokens[index].hasDigit {
                word(form)
            } else if let tens = current?.cardinal, tens >= 20, tens % 10 == 0, index + 1 < to,
                let unit = info(index + 1)?.ordinal, unit >= 1, unit <= 9
            {
                word(AddressLexicon.ordinalText(tens + unit))  // TWENTY FIRST → 21ST
                index += 1
            } else if let ordinal = current?.ordinal, ordinal > 0 {
                word(AddressLexicon.ordinalText(ordinal))
            } else if count >= 2, let form = current?.nameForm {
                word(form)
            } else {
                raw(index)
            }
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
