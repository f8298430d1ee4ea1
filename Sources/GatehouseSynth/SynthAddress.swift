/// One address in compact form: small integers that render to text on demand.
///
/// Addresses are kept compact so that a household can be regenerated and re-rendered in any
/// style (abbreviated or full suffix, unit in line 1 or line 2, ZIP+4) without storing strings.
struct SynthAddress: Equatable, Sendable {
    enum HouseForm: UInt8, Sendable { case plain, letter, range, fraction, grid }
    enum UnitKind: UInt8, Sendable { case none, apt, hash, unit, apartment, lot, floor }

    /// Index into the ZIP table.
    var zip: Int32
    /// Street slot within the ZIP, or `trickyBase + i` for a tricky street.
    var street: UInt16
    var house: UInt32
    var houseForm: HouseForm = .plain
    /// Letter index, range end, or grid second number, depending on `houseForm`.
    var houseExtra: UInt32 = 0
    var unitKind: UnitKind = .none
    var unitNumber: UInt16 = 0
    /// 0 for none, else 1...8 for A...H.
    var unitLetter: UInt8 = 0
    var unitInLine2 = false
    var fullSuffix = false
    var fullDirectional = false
    /// ZIP+4 add-on written on file, 0 when none.
    var zip4: UInt16 = 0
    /// ISO date packed as yyyymmdd.
    var asOf: Int32 = 0

    static let streetsPerZip = 48
    static let trickyBase: UInt16 = 0xFF00

    var isTricky: Bool { street >= SynthAddress.trickyBase }
    var hasUnit: Bool { unitKind != .none }

    /// Whether two addresses are the same place (house, street, unit, ZIP), ignoring style and date.
    func samePlace(as other: SynthAddress) -> Bool {
        zip == other.zip && street == other.street && house == other.house
            && houseForm == other.houseForm && houseExtra == other.houseExtra
            && unitKind == other.unitKind && unitNumber == other.unitNumber
            && unitLetter == other.unitLetter
    }

    /// Draws a random residential address in the ZIP at `zip`.
    static func random(zip: Int, zips: ZipTable, random: inout SynthRandom) -> SynthAddress {
        var address = SynthAddress(
            zip: Int32(zip), street: UInt16(random.below(streetsPerZip)), house: 1)
        let band = random.below(100)
        if band < 6 {
            address.house = UInt32(random.between(1...99))
        } else if band < 46 {
            address.house = UInt32(random.between(100...999))
        } else if band < 88 {
            address.house = UInt32(random.between(1000...9999))
        } else {
            address.house = UInt32(random.between(10000...29999))
        }
        let form = random.below(1000)
        if Int(zips.stateOfZip[zip]) == zips.wisconsinState, form < 120 {
            address.houseForm = .grid
            address.house = UInt32(random.between(1...99))
            address.houseExtra = UInt32(random.between(10000...39999)) * 4 + UInt32(random.below(3))
        } else if form < 20 {
            address.houseForm = .letter
            address.houseExtra = UInt32(random.below(4))
        } else if form < 30 {
            address.houseForm = .range
            address.houseExtra = address.house + 2
        } else if form < 40 {
            address.houseForm = .fraction
        }
        if random.chance(0.28) {
            let kind = random.below(100)
            address.unitKind =
                kind < 45 ? .apt : kind < 60 ? .hash : kind < 75 ? .unit : kind < 80 ? .apartment : kind < 93 ? .lot : .floor
            address.unitNumber =
                address.unitKind == .floor
                ? UInt16(random.between(1...6))
                : UInt16(random.chance(0.7) ? random.between(1...40) : random.between(41...999))
            if address.unitKind != .floor, address.unitKind != .lot, random.chance(0.25) {
                address.unitLetter = UInt8(random.between(1...8))
            }
            address.unitInLine2 = random.chance(0.55)
        }
        address.fullSuffix = random.chance(0.18)
        address.fullDirectional = random.chance(0.15)
        if random.chance(0.2) { address.zip4 = UInt16(random.between(1...9999)) }
        return address
    }
}

/// A street derived from (seed, ZIP, slot): prefix directional, name, suffix, suffix directional.
struct SynthStreet: Sendable {
    /// 0 for none, else 1 + index into `StreetVocabulary.directionals`.
    var preDirectional: Int
    var name: String
    /// Index into `StreetVocabulary.suffixes`, or -1 for none.
    var suffix: Int
    var postDirectional: Int

    static let suffixTable = AliasTable(weights: StreetVocabulary.suffixes.map(\.weight))

    /// The street at `slot` in ZIP `zip`; the same inputs always give the same street.
    static func make(seed: UInt64, zip: Int32, slot: UInt16, streetSurnames: [String]) -> SynthStreet {
        if slot >= SynthAddress.trickyBase {
            let tricky = StreetVocabulary.trickyStreets[Int(slot - SynthAddress.trickyBase)]
            return SynthStreet(preDirectional: 0, name: tricky.name, suffix: tricky.suffix, postDirectional: 0)
        }
        var random = SynthRandom(seed: seed ^ 0x5354_5245_4554, stream: UInt64(zip) << 16 | UInt64(slot))
        let category = random.below(100)
        var suffix = suffixTable.sample(&random)
        let name: String
        switch category {
        case 0..<14:
            let number = random.chance(0.7) ? random.between(1...20) : random.between(21...140)
            name = ordinal(number)
            if random.chance(0.5) { suffix = random.chance(0.6) ? 0 : 1 }
        case 14..<17:
            name = random.pick(StreetVocabulary.ordinalWords)
            suffix = random.chance(0.6) ? 0 : 1
        case 17..<33: name = random.pick(StreetVocabulary.trees)
        case 33..<58: name = random.pick(StreetVocabulary.common)
        case 58..<68: name = random.pick(StreetVocabulary.people)
        case 68..<74: name = random.pick(StreetVocabulary.spanish)
        default: name = random.pick(streetSurnames)
        }
        let directional = random.below(100)
        let pre = directional < 10 ? random.between(1...4) : directional < 13 ? random.between(5...8) : 0
        let post = pre == 0 && random.chance(0.04) ? random.between(1...8) : 0
        return SynthStreet(preDirectional: pre, name: name, suffix: suffix, postDirectional: post)
    }

    /// `1ST`, `2ND`, `3RD`, `11TH`, `22ND`.
    static func ordinal(_ number: Int) -> String {
        let tens = number % 100
        let ending: String
        if tens >= 11 && tens <= 13 {
            ending = "TH"
        } else {
            switch number % 10 {
            case 1: ending = "ST"
            case 2: ending = "ND"
            case 3: ending = "RD"
            default: ending = "TH"
            }
        }
        return String(number) + ending
    }
}
