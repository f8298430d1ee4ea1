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
        } else if let end = leadingUnit(t), houseNumber(t, at: end) != nil {
            leading = unitText(t, from: 0, to: end)
            start = end
        }
        let house = houseNumber(t, at: start)
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
            result.kind = .noHouseNumber
            return result
        }
        result.houseNumber = house.text
        if result.suffix.isEmpty, isGeneralDelivery(t, at: house.next) {
            return ParsedAddress(kind: .generalDelivery)
        }
        result.kind = result.streetName.isEmpty ? .noStreetName : .street
        return result
    }

    static func joined(_ first: String, _ second: String) -> String {
        if first.isEmpty { return second }
        if second.isEmpty { return first }
        return first + " " + second
    }
}
