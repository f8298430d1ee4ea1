/// An address reduced to the parts linkage compares, folded and standardized.
public struct NormalizedAddress: Sendable, Hashable {
    public var house: String
    public var street: String
    /// USPS suffix abbreviation or empty.
    public var suffix: String
    /// Pre- and post-directionals as `PRE|POST`, or empty when neither.
    public var directions: String
    /// The 5-digit ZIP as a number, 0 when absent or invalid.
    public var zip: UInt32
    public var city: String
    public var state: String
    /// The secondary line, spaces removed: a unit (`APT4B`) or, outside the US, a property or
    /// building name (`BEGAFLATS`), or empty. Linkage weighs it as a part of its own; the
    /// statutory address level ignores it.
    public var unit: String

    /// Whether the address names a house on a street (what "on file" is judged on).
    public var hasStreet: Bool { !house.isEmpty && !street.isEmpty }

    /// Normalizes a postal address through the USPS parser.
    public init(_ address: PostalAddress) {
        var memo = NormalizationMemo(remembering: false)
        self.init(address, memo: &memo)
    }

    /// Normalizes a postal address, reusing `memo`'s recent work (same result as `init(_:)`).
    public init(_ address: PostalAddress, memo: inout NormalizationMemo) {
        if let known = memo.recentAddress(address) {
            self = known
            return
        }
        self.init(address, parsed: AddressParser.parse(line1: address.line1, line2: address.line2), memo: &memo)
    }

    /// Normalizes a postal address whose lines `parsed` holds already.
    init(_ address: PostalAddress, parsed: ParsedAddress, memo: inout NormalizationMemo) {
        house = parsed.houseNumber
        street = parsed.streetName
        suffix = parsed.suffix
        let pre = parsed.predirectional
        let post = parsed.postdirectional
        directions = pre.isEmpty && post.isEmpty ? "" : pre + "|" + post
        zip = NormalizedAddress.zip(address.postcode.utf8)
        city = memo.city(address.city)
        state = memo.state(address.state)
        unit = NormalizedAddress.unitKey(parsed: parsed, line2: address.line2)
        memo.remember(address, self)
    }

    /// The 5-digit ZIP of `postcode` as a number; for a postcode that is no US ZIP (a foreign
    /// one, as in FEBRL), its digits with the top bit set, so that it still compares; 0 when
    /// there are no digits.
    static func zip(_ postcode: some Collection<UInt8>) -> UInt32 {
        if let zip = USPostal.normalizedZipNumber(bytes: postcode) { return zip }
        var digits: UInt32 = 0
        var count = 0
        for byte in postcode where byte >= 0x30 && byte <= 0x39 && count < 9 {
            digits = digits * 10 + UInt32(byte - 0x30)
            count += 1
        }
        return count > 0 ? digits | 0x8000_0000 : 0
    }

    /// The parser's standardized unit when it found one; otherwise line 2 folded, unless line 2
    /// is where the street itself was read from.
    static func unitKey(parsed: ParsedAddress, line2: String) -> String {
        if !parsed.unit.isEmpty { return parsed.unit.filter { $0 != " " } }
        if line2.isEmpty { return "" }
        let tokens = TextFolding.nameTokens(line2)
        guard !tokens.isEmpty else { return "" }
        let joined = tokens.joined(separator: " ")
        if !parsed.streetName.isEmpty && joined.contains(parsed.streetName) { return "" }
        return tokens.joined()
    }
}

/// A person (record or request) reduced to the parts linkage compares.
public struct NormalizedPerson: Sendable, Hashable {
    public var name: PersonName
    /// For a request, the name read with the given-name and surname fields exchanged.
    public var swappedName: PersonName?
    /// Nine-digit TIN as a number, 0 when absent or malformed.
    public var tin: UInt32
    /// A TIN was supplied but is not nine digits.
    public var tinMalformed: Bool
    /// Birth date as `yyyymmdd`, 0 when absent or unreadable.
    public var birth: UInt32
    public var addresses: [NormalizedAddress]

    public init(request: Request) {
        self.init(request: request, parsedAddress: nil)
    }

    /// `init(request:)`, reusing the request's address as already parsed.
    init(request: Request, parsedAddress: ParsedAddress?) {
        var memo = NormalizationMemo(remembering: false)
        let address =
            parsedAddress.map { NormalizedAddress(request.address, parsed: $0, memo: &memo) }
            ?? NormalizedAddress(request.address, memo: &memo)
        self.init(
            given: request.givenName, middle: request.middleName, surname: request.surname,
            tin: request.tin, birthDate: request.birthDate, normalizedAddresses: [address])
        let swapped = PersonName(given: request.surname, middle: request.middleName, surname: request.givenName)
        if !swapped.given.isEmpty && !swapped.surname.isEmpty { swappedName = swapped }
    }

    public init(record: Record) {
        var memo = NormalizationMemo(remembering: false)
        self.init(record: record, memo: &memo)
    }

    /// Normalizes `record`, reusing `memo`'s recent work (same result as `init(record:)`).
    public init(record: Record, memo: inout NormalizationMemo) {
        self.init(
            given: record.givenName, middle: record.middleName, surname: record.surname,
            tin: record.tin, birthDate: record.birthDate, addresses: record.addresses, memo: &memo)
    }

    init(given: String, middle: String, surname: String, tin rawTIN: String, birthDate: String, addresses: [PostalAddress]) {
        var memo = NormalizationMemo(remembering: false)
        self.init(
            given: given, middle: middle, surname: surname, tin: rawTIN, birthDate: birthDate, addresses: addresses,
            memo: &memo)
    }

    init(
        given: String, middle: String, surname: String, tin rawTIN: String, birthDate: String,
        addresses: [PostalAddress], memo: inout NormalizationMemo
    ) {
        var normalized: [NormalizedAddress] = []
        normalized.reserveCapacity(addresses.count)
        for address in addresses { normalized.append(NormalizedAddress(address, memo: &memo)) }
        self.init(
            name: memo.name(given: given, middle: middle, surname: surname), tin: rawTIN, birthDate: birthDate,
            normalizedAddresses: normalized)
    }

    private init(
        given: String, middle: String, surname: String, tin rawTIN: String, birthDate: String,
        normalizedAddresses: [NormalizedAddress]
    ) {
        self.init(
            name: PersonName(given: given, middle: middle, surname: surname), tin: rawTIN, birthDate: birthDate,
            normalizedAddresses: normalizedAddresses)
    }

    private init(name: PersonName, tin rawTIN: String, birthDate: String, normalizedAddresses: [NormalizedAddress]) {
        self.name = name
        swappedName = nil
        (tin, tinMalformed) = NormalizedPerson.parseTIN(rawTIN)
        birth = NormalizedPerson.parseDate(birthDate)
        addresses = normalizedAddresses
    }

    /// A nine-digit TIN (dashes and spaces allowed) as a number; malformed when anything else is given.
    static func parseTIN(_ text: String) -> (UInt32, Bool) { parseTIN(bytes: text.utf8) }

    /// `parseTIN(_:)` of the text spelled by `bytes`.
    static func parseTIN(bytes text: some Sequence<UInt8>) -> (UInt32, Bool) {
        var value: UInt32 = 0
        var digits = 0
        var other = 0
        for byte in text {
            switch byte {
            case 0x30...0x39:
                digits += 1
                if digits <= 9 { value = value * 10 + UInt32(byte - 0x30) }
            case 0x2D, 0x20: continue
            default: other += 1
            }
        }
        if digits == 0 && other == 0 { return (0, false) }
        if digits == 9 && other == 0 && value != 0 { return (value, false) }
        return (0, true)
    }

    /// `YYYY-MM-DD` (or `YYYYMMDD`, or `YYYY/MM/DD`) as `yyyymmdd`; 0 when unreadable.
    static func parseDate(_ text: String) -> UInt32 { parseDate(bytes: text.utf8) }

    /// `parseDate(_:)` of the text spelled by `bytes`.
    static func parseDate(bytes text: some Sequence<UInt8>) -> UInt32 {
        var value: UInt32 = 0
        var digits = 0
        for byte in text {
            switch byte {
            case 0x30...0x39:
                digits += 1
                value = value &* 10 &+ UInt32(byte - 0x30)
            case 0x2D, 0x2F: continue
            default: return 0
            }
        }
        guard digits == 8 else { return 0 }
        let month = value / 100 % 100
        let day = value % 100
        return (1...12).contains(month) && (1...31).contains(day) ? value : 0
    }
}

extension NormalizedAddress {
    /// Memberwise, for addresses read back from an index.
    init(house: String, street: String, suffix: String, directions: String, zip: UInt32, city: String, state: String, unit: String = "") {
        self.house = house
        self.street = street
        self.suffix = suffix
        self.directions = directions
        self.zip = zip
        self.city = city
        self.state = state
        self.unit = unit
    }
}

extension NormalizedPerson {
    /// Memberwise, for people read back from an index.
    init(name: PersonName, tin: UInt32, tinMalformed: Bool, birth: UInt32, addresses: [NormalizedAddress]) {
        self.name = name
        self.swappedName = nil
        self.tin = tin
        self.tinMalformed = tinMalformed
        self.birth = birth
        self.addresses = addresses
    }
}

/// Recent normalizations, kept while one task normalizes a run of records: the members of a
/// household share an address, often on consecutive rows, and a store repeats a few thousand
/// cities and states endlessly. A cache only: results are the same with a fresh memo.
public struct NormalizationMemo: Sendable {
    // Two arrays of concrete types rather than one of tuples: a tuple is copied through the
    // runtime's generic witnesses, field by field.
    private var recentInputs: [PostalAddress] = []
    private var recentOutputs: [NormalizedAddress] = []
    private var next = 0
    private var cities: [String: String] = [:]
    private var states: [String: String] = [:]
    private var line2Units: [String: AddressParser.UnitText] = [:]
    private var tailUnits: [String: AddressParser.UnitText?] = [:]
    /// `state(_:)` of each two-capital-letter text met, by its letters.
    private var twoLetterStates: [String?] = []
    private var lastName: LastName?

    private struct LastName: Sendable {
        var given: String
        var middle: String
        var surname: String
        var parsed: PersonName
    }
    private static let recentCount = 2
    private static let localityLimit = 50_000

    /// Whether results are kept for the next rows. A memo for one normalization (a request)
    /// keeps nothing: storing would cost more than it could save.
    private let remembering: Bool

    public init() { remembering = true }

    init(remembering: Bool) { self.remembering = remembering }

    func recentAddress(_ address: PostalAddress) -> NormalizedAddress? {
        // By index: iterating would copy every entry (a retain and a release per string).
        for i in recentInputs.indices
        where recentInputs[i].line1 == address.line1 && recentInputs[i].postcode == address.postcode
            && recentInputs[i].city == address.city && recentInputs[i].line2 == address.line2
            && recentInputs[i].state == address.state
        {
            return recentOutputs[i]
        }
        return nil
    }

    mutating func remember(_ address: PostalAddress, _ normalized: NormalizedAddress) {
        guard remembering else { return }
        if recentInputs.count < Self.recentCount {
            recentInputs.append(address)
            recentOutputs.append(normalized)
        } else {
            recentInputs[next] = address
            recentOutputs[next] = normalized
            next = (next + 1) % Self.recentCount
        }
    }

    /// The parsed name, reused when the last row named the same (a person's rows are consecutive
    /// in a store, one per address).
    mutating func name(given: String, middle: String, surname: String) -> PersonName {
        if let last = lastName, last.given == given, last.middle == middle, last.surname == surname {
            return last.parsed
        }
        let parsed = PersonName(given: given, middle: middle, surname: surname)
        if remembering { lastName = LastName(given: given, middle: middle, surname: surname, parsed: parsed) }
        return parsed
    }

    /// The folded city, its tokens joined by one space.
    mutating func city(_ text: String) -> String {
        switch Self.foldedCase(bytes: text.utf8) {
        case false?: return text
        case true?: return TextFolding.asciiFolded(text)  // only the case to fold
        case nil: break
        }
        if let known = cities[text] { return known }
        let folded = TextFolding.nameTokens(text).joined(separator: " ")
        if remembering && cities.count < Self.localityLimit { cities[text] = folded }
        return folded
    }

    /// Whether `text` is already folded tokens joined by single spaces (uppercase letters and
    /// digits, no space at either end): what `nameTokens` joined would give back unchanged.
    static func isFolded(_ text: String) -> Bool { isFolded(bytes: text.utf8) }

    /// `isFolded(_:)` of the text spelled by `bytes`.
    static func isFolded(bytes text: some Sequence<UInt8>) -> Bool { foldedCase(bytes: text) == false }

    /// For words of ASCII letters and digits joined by single spaces, with no space at either
    /// end, whether any letter is lowercase (folding them is then all that `nameTokens` joined
    /// would do); nil for any other text.
    static func foldedCase(bytes text: some Sequence<UInt8>) -> Bool? {
        var previousSpace = true
        var lowercase = false
        for byte in text {
            switch byte {
            case 0x41...0x5A, 0x30...0x39: previousSpace = false
            case 0x61...0x7A:
                previousSpace = false
                lowercase = true
            case 0x20 where !previousSpace: previousSpace = true
            default: return nil
            }
        }
        return previousSpace ? nil : lowercase
    }

    /// `AddressParser.secondaryUnit(line2:)`, kept for the lines that follow: a store repeats
    /// its units ("APT 4", "# 2").
    mutating func secondaryUnit(_ line2: String) -> AddressParser.UnitText {
        if let known = line2Units[line2] { return known }
        let unit = AddressParser.secondaryUnit(line2: line2)
        if remembering && line2Units.count < Self.localityLimit { line2Units[line2] = unit }
        return unit
    }

    /// The unit after a plain street on line 1 (`AddressParser.SimpleStreet.unit(of:)`), kept
    /// the same way; nil when the tail is no unit.
    mutating func unit(of street: AddressParser.SimpleStreet, in line: UnsafeBufferPointer<UInt8>) -> AddressParser.UnitText? {
        guard let tail = street.unitTail else { return AddressParser.UnitText(text: "", isPrivateMailbox: false) }
        let text = String(decoding: line[tail], as: UTF8.self)
        if let known = tailUnits[text] { return known }
        let unit = AddressParser.SimpleStreet.unit(tail: text)
        if remembering && tailUnits.count < Self.localityLimit { tailUnits[text] = unit }
        return unit
    }

    /// `state(_:)` of the text spelled by `bytes`; a two-letter code in capitals is found
    /// without hashing.
    mutating func state(bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.count == 2, (0x41...0x5A).contains(bytes[0]), (0x41...0x5A).contains(bytes[1]) else {
            return state(String(decoding: bytes, as: UTF8.self))
        }
        let slot = Int(bytes[0] - 0x41) * 26 + Int(bytes[1] - 0x41)
        if twoLetterStates.isEmpty { twoLetterStates = [String?](repeating: nil, count: 26 * 26) }
        if let known = twoLetterStates[slot] { return known }
        let code = state(String(decoding: bytes, as: UTF8.self))
        twoLetterStates[slot] = code
        return code
    }

    /// The USPS state code, or the folded text when it names no state.
    mutating func state(_ text: String) -> String {
        if let known = states[text] { return known }
        let code = USPostal.stateCode(text) ?? TextFolding.nameTokens(text).joined(separator: " ")
        if remembering && states.count < Self.localityLimit { states[text] = code }
        return code
    }
}
