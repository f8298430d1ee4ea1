/// How an address is written: the choices that vary between a record and a request.
struct AddressStyle: Sendable {
    enum UnitPlacement: Sendable { case line1, line2, dropped }
    enum Postcode: Sendable { case asOnFile, five, plus4(UInt16), none }

    var fullSuffix: Bool
    var fullDirectional: Bool
    var unit: UnitPlacement
    var postcode: Postcode = .asOnFile
    var includeCity = true
    var includeState = true
    /// Write the state's full name (`ILLINOIS`) instead of its code.
    var stateFullName = false
    /// Drop the house number (an insufficient request).
    var dropHouseNumber = false
    /// Add periods and commas (`ST.`, `123 MAIN ST., APT 4`).
    var punctuation = false

    /// The style the address was written in on file.
    static func onFile(_ address: SynthAddress) -> AddressStyle {
        AddressStyle(
            fullSuffix: address.fullSuffix, fullDirectional: address.fullDirectional,
            unit: address.unitInLine2 ? .line2 : .line1)
    }
}

/// The text fields of a rendered address.
struct AddressText: Sendable {
    var line1: String
    var line2: String
    var city: String
    var state: String
    var postcode: String
}

/// Renders compact addresses to text.
struct AddressRenderer: Sendable {
    let seed: UInt64
    let reference: ReferenceData

    func street(of address: SynthAddress) -> SynthStreet {
        SynthStreet.make(
            seed: seed, zip: address.zip, slot: address.street, streetSurnames: reference.streetSurnames)
    }

    /// The address written in `style`, uppercase ASCII.
    func render(_ address: SynthAddress, style: AddressStyle) -> AddressText {
        let street = street(of: address)
        var line: [UInt8] = []
        line.reserveCapacity(48)
        if !style.dropHouseNumber { appendHouse(address, to: &line) }
        appendStreet(street, style: style, to: &line)
        var line2: [UInt8] = []
        if address.hasUnit {
            switch style.unit {
            case .line1:
                if style.punctuation { line.append(UInt8(ascii: ",")) }
                line.append(0x20)
                appendUnit(address, to: &line)
            case .line2: appendUnit(address, to: &line2)
            case .dropped: break
            }
        }
        let zips = reference.zips
        let zipIndex = Int(address.zip)
        var postcode: String
        switch style.postcode {
        case .asOnFile: postcode = AddressRenderer.postcode(zips.codes[zipIndex], plus4: address.zip4)
        case .five: postcode = zips.codes[zipIndex]
        case .plus4(let extra): postcode = AddressRenderer.postcode(zips.codes[zipIndex], plus4: extra)
        case .none: postcode = ""
        }
        if postcode.isEmpty, case .asOnFile = style.postcode { postcode = zips.codes[zipIndex] }
        var state = style.includeState ? zips.state(ofZip: zipIndex) : ""
        if style.stateFullName, let name = StateNames.fullName[state] { state = name }
        return AddressText(
            line1: String(decoding: line, as: UTF8.self),
            line2: String(decoding: line2, as: UTF8.self),
            city: style.includeCity ? zips.cities[zipIndex] : "",
            state: state,
            postcode: postcode)
    }

    /// `60614` or `60614-0042`.
    static func postcode(_ zip: String, plus4: UInt16) -> String {
        guard plus4 > 0 else { return zip }
        var bytes = Array(zip.utf8)
        bytes.append(UInt8(ascii: "-"))
        DigitText.append(Int(plus4), width: 4, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    func appendHouse(_ address: SynthAddress, to line: inout [UInt8]) {
        switch address.houseForm {
        case .plain:
            DigitText.append(Int(address.house), to: &line)
        case .letter:
            DigitText.append(Int(address.house), to: &line)
            line.append(UInt8(ascii: "A") + UInt8(address.houseExtra))
        case .range:
            DigitText.append(Int(address.house), to: &line)
            line.append(UInt8(ascii: "-"))
            DigitText.append(Int(address.houseExtra), to: &line)
        case .fraction:
            DigitText.append(Int(address.house), to: &line)
            line.append(contentsOf: " 1/2".utf8)
        case .grid:
            let (number, variant) = (Int(address.houseExtra / 4), address.houseExtra % 4)
            switch variant {
            case 0:
                line.append(UInt8(ascii: "N"))
                DigitText.append(Int(address.house), to: &line)
                line.append(UInt8(ascii: "W"))
                DigitText.append(number, to: &line)
            case 1:
                line.append(UInt8(ascii: "W"))
                DigitText.append(number, to: &line)
                line.append(UInt8(ascii: "N"))
                DigitText.append(Int(address.house), to: &line)
            default:
                line.append(UInt8(ascii: "S"))
                DigitText.append(Int(address.house), to: &line)
                line.append(UInt8(ascii: "W"))
                DigitText.append(number, to: &line)
            }
        }
        line.append(0x20)
    }

    func appendStreet(_ street: SynthStreet, style: AddressStyle, to line: inout [UInt8]) {
        func directional(_ index: Int) {
            let entry = StreetVocabulary.directionals[index - 1]
            line.append(contentsOf: (style.fullDirectional ? entry.full : entry.short).utf8)
            if style.punctuation, !style.fullDirectional { line.append(UInt8(ascii: ".")) }
            line.append(0x20)
        }
        if street.preDirectional > 0 { directional(street.preDirectional) }
        line.append(contentsOf: street.name.utf8)
        if street.suffix >= 0 {
            let entry = StreetVocabulary.suffixes[street.suffix]
            line.append(0x20)
            line.append(contentsOf: (style.fullSuffix ? entry.full : entry.short).utf8)
            if style.punctuation, !style.fullSuffix, entry.full != entry.short {
                line.append(UInt8(ascii: "."))
            }
        }
        if street.postDirectional > 0 {
            line.append(0x20)
            directional(street.postDirectional)
            line.removeLast()
        }
    }

    func appendUnit(_ address: SynthAddress, to line: inout [UInt8]) {
        switch address.unitKind {
        case .none: return
        case .apt: line.append(contentsOf: "APT ".utf8)
        case .hash: line.append(contentsOf: (address.unitNumber % 3 == 0 ? "#" : "# ").utf8)
        case .unit: line.append(contentsOf: "UNIT ".utf8)
        case .apartment: line.append(contentsOf: "APARTMENT ".utf8)
        case .lot: line.append(contentsOf: "LOT ".utf8)
        case .floor: line.append(contentsOf: "FL ".utf8)
        }
        DigitText.append(Int(address.unitNumber), to: &line)
        if address.unitLetter > 0 { line.append(UInt8(ascii: "A") + address.unitLetter - 1) }
    }
}

/// Decimal digits appended to byte buffers without Foundation formatting.
enum DigitText {
    /// Appends `value` (non-negative) in decimal, left-padded with zeros to `width`.
    @inline(__always)
    static func append(_ value: Int, width: Int = 0, to buffer: inout [UInt8]) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { raw in
            repeat {
                raw[count] = UInt8(truncatingIfNeeded: rest % 10) &+ 0x30
                rest /= 10
                count += 1
            } while rest > 0 && count < 20
            var pad = width - count
            while pad > 0 {
                buffer.append(0x30)
                pad -= 1
            }
            var index = count - 1
            while index >= 0 {
                buffer.append(raw[index])
                index -= 1
            }
        }
    }

    /// `value` as a zero-padded decimal string.
    static func string(_ value: Int, width: Int = 0) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(max(width, 12))
        append(value, width: width, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A packed yyyymmdd date as `YYYY-MM-DD`.
    static func isoDate(_ packed: Int32) -> String {
        guard packed > 0 else { return "" }
        let value = Int(packed)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(10)
        append(value / 10000, width: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        append(value / 100 % 100, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        append(value % 100, width: 2, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}
