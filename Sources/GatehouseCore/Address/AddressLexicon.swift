/// What a secondary unit designator needs after it (USPS Publication 28, Appendix C2).
enum UnitStrength: Sendable {
    /// Needs an identifier ("APT 4", "STE 200"); recognized anywhere after the street name.
    case needsIdentifier
    /// Stands alone ("REAR", "BSMT"); recognized only after a suffix or directional.
    case standalone
}

/// The roles one word can play in an address line, as the table is built.
struct WordFacts {
    /// USPS standard street suffix abbreviation (C1).
    var suffix: String?
    /// A street type written before the name: "AVENUE B", "CALLE SOL", "CAMINO REAL".
    var prefixType: String?
    /// USPS directional abbreviation.
    var directional: String?
    /// USPS secondary unit designator (C2) and what it needs.
    var unit: String?
    var unitStrength: UnitStrength = .needsIdentifier
    /// Spelled cardinal ONE…TWENTY, THIRTY…NINETY.
    var cardinal: Int = 0
    /// Spelled ordinal FIRST…TWENTIETH, THIRTIETH…NINETIETH.
    var ordinal: Int = 0
    /// The form of the word inside any street name (SAINT → ST, MOUNT → MT).
    var nameForm: String?
    /// The form of a word of a numbered road ("STATE ROUTE 9" → "STATE RTE 9", "CR 7" →
    /// "COUNTY RD 7"), or nil when the word is not a road word.
    var roadForm: String?
    /// A word that can begin a placeholder phrase ("UNKNOWN", "FAILED", "N/A").
    var startsPlaceholder = false
    /// A two-letter state or territory code.
    var isStateCode = false
    /// A word the special forms read (`AddressParser.Word`: PO, BOX, GENERAL, …).
    var isFormWord = false
}

/// The roles one word can play in an address line, found with a single table look-up when the
/// line is tokenized (`AddressToken.info`). A class, so that a token carries a reference rather
/// than a copy of every field.
final class WordInfo: Sendable {
    let suffix: String?
    let prefixType: String?
    let directional: String?
    let unit: String?
    let unitStrength: UnitStrength
    let cardinal: Int
    let ordinal: Int
    let nameForm: String?
    let roadForm: String?
    let startsPlaceholder: Bool
    let isStateCode: Bool
    let isFormWord: Bool

    init(_ facts: WordFacts) {
        suffix = facts.suffix
        prefixType = facts.prefixType
        directional = facts.directional
        unit = facts.unit
        unitStrength = facts.unitStrength
        cardinal = facts.cardinal
        ordinal = facts.ordinal
        nameForm = facts.nameForm
        roadForm = facts.roadForm
        startsPlaceholder = facts.startsPlaceholder
        isStateCode = facts.isStateCode
        isFormWord = facts.isFormWord
    }
}

/// The address vocabulary: USPS suffixes (from `usps-suffixes.csv`), directionals, unit
/// designators, spelled numbers and road words, merged into one table keyed by `WordKey`.
enum AddressLexicon {
    static let table: [WordKey: WordInfo] = makeTable()
    /// `table` as open addressing with a multiplicative hash: every token of every address line
    /// is looked up, and `Hasher` costs more than the rest of the look-up.
    static let slots = WordSlots(table)

    @inline(__always)
    static func info(_ key: WordKey) -> WordInfo? { slots.info(key) }

    @inline(__always)
    static func flags(_ key: WordKey) -> WordFlags { slots.flags(key) }

    static let directionals: [(String, String)] = [
        ("N", "N"), ("NORTH", "N"), ("S", "S"), ("SOUTH", "S"), ("E", "E"), ("EAST", "E"),
        ("W", "W"), ("WEST", "W"), ("NE", "NE"), ("NORTHEAST", "NE"), ("NW", "NW"),
        ("NORTHWEST", "NW"), ("SE", "SE"), ("SOUTHEAST", "SE"), ("SW", "SW"), ("SOUTHWEST", "SW"),
    ]

    /// Secondary unit designators (USPS Publication 28, Appendix C2) and common variants.
    static let units: [(String, String, UnitStrength)] = [
        ("APARTMENT", "APT", .needsIdentifier), ("APT", "APT", .needsIdentifier),
        ("APTS", "APT", .needsIdentifier), ("APTO", "APT", .needsIdentifier),
        ("APARTAMENTO", "APT", .needsIdentifier),
        ("BUILDING", "BLDG", .needsIdentifier), ("BLDG", "BLDG", .needsIdentifier),
        ("BLDNG", "BLDG", .needsIdentifier), ("BLD", "BLDG", .needsIdentifier), ("DEPARTMENT", "DEPT", .needsIdentifier),
        ("DEPT", "DEPT", .needsIdentifier), ("FLOOR", "FL", .needsIdentifier),
        ("FL", "FL", .needsIdentifier), ("FLR", "FL", .needsIdentifier),
        // Not a USPS designator, but how people write an apartment in other English usage.
        ("FLAT", "APT", .needsIdentifier),
        ("HANGAR", "HNGR", .needsIdentifier), ("HNGR", "HNGR", .needsIdentifier),
        ("KEY", "KEY", .needsIdentifier), ("LOT", "LOT", .needsIdentifier),
        ("OFFICE", "OFC", .needsIdentifier), ("OFC", "OFC", .needsIdentifier),
        ("PIER", "PIER", .needsIdentifier), ("ROOM", "RM", .needsIdentifier),
        ("RM", "RM", .needsIdentifier), ("SLIP", "SLIP", .needsIdentifier),
        ("SPACE", "SPC", .needsIdentifier), ("SPC", "SPC", .needsIdentifier),
        ("STOP", "STOP", .needsIdentifier), ("SUITE", "STE", .needsIdentifier),
        ("STE", "STE", .needsIdentifier), ("TRAILER", "TRLR", .needsIdentifier),
        ("TRLR", "TRLR", .needsIdentifier), ("UNIT", "UNIT", .needsIdentifier),
        ("UNT", "UNIT", .needsIdentifier), ("BOX", "BOX", .needsIdentifier),
        ("PMB", "PMB", .needsIdentifier),
        ("BASEMENT", "BSMT", .standalone), ("BSMT", "BSMT", .standalone),
        ("FRONT", "FRNT", .standalone), ("FRNT", "FRNT", .standalone),
        ("LOBBY", "LBBY", .standalone), ("LBBY", "LBBY", .standalone),
        ("LOWER", "LOWR", .standalone), ("LOWR", "LOWR", .standalone),
        ("PENTHOUSE", "PH", .standalone), ("PH", "PH", .standalone),
        ("REAR", "REAR", .standalone), ("SIDE", "SIDE", .standalone),
        ("UPPER", "UPPR", .standalone), ("UPPR", "UPPR", .standalone),
    ]

    static let cardinals = [
        "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE", "TEN", "ELEVEN",
        "TWELVE", "THIRTEEN", "FOURTEEN", "FIFTEEN", "SIXTEEN", "SEVENTEEN", "EIGHTEEN", "NINETEEN",
        "TWENTY",
    ]
    static let ordinals = [
        "FIRST", "SECOND", "THIRD", "FOURTH", "FIFTH", "SIXTH", "SEVENTH", "EIGHTH", "NINTH", "TENTH",
        "ELEVENTH", "TWELFTH", "THIRTEENTH", "FOURTEENTH", "FIFTEENTH", "SIXTEENTH", "SEVENTEENTH",
        "EIGHTEENTH", "NINETEENTH", "TWENTIETH",
    ]
    static let tens: [(String, String, Int)] = [
        ("THIRTY", "THIRTIETH", 30), ("FORTY", "FORTIETH", 40), ("FIFTY", "FIFTIETH", 50),
        ("SIXTY", "SIXTIETH", 60), ("SEVENTY", "SEVENTIETH", 70), ("EIGHTY", "EIGHTIETH", 80),
        ("NINETY", "NINETIETH", 90),
    ]

    /// Street types written before the name, with their standard form.
    static let prefixTypes: [(String, String)] = [
        ("AVENUE", "AVE"), ("AVE", "AVE"), ("AV", "AVE"), ("CALLE", "CALLE"), ("CL", "CALLE"),
        ("AVENIDA", "AVENIDA"), ("AVDA", "AVENIDA"), ("CAMINO", "CAMINO"), ("CMNO", "CAMINO"),
        ("CAMINITO", "CAMINITO"), ("PASEO", "PASEO"), ("VIA", "VIA"), ("RUE", "RUE"),
        ("CALLEJON", "CALLEJON"), ("CARRETERA", "CARRETERA"), ("CARR", "CARRETERA"),
        ("BOULEVARD", "BLVD"), ("BLVD", "BLVD"), ("PLAZA", "PLZ"), ("CIRCUITO", "CIRCUITO"),
    ]

    /// Words of numbered roads ("STATE ROUTE 9", "COUNTY RD 7", "US HWY 1", "FM 1960").
    static let roadWords: [(String, String)] = [
        ("HIGHWAY", "HWY"), ("HWY", "HWY"), ("HIWAY", "HWY"), ("HIGHWY", "HWY"), ("HWAY", "HWY"),
        ("ROUTE", "RTE"), ("RTE", "RTE"), ("RT", "RTE"), ("ROAD", "RD"), ("RD", "RD"),
        ("COUNTY", "COUNTY"), ("CNTY", "COUNTY"), ("CO", "COUNTY"), ("CR", "COUNTY RD"),
        ("STATE", "STATE"), ("ST", "STATE"), ("SR", "STATE RTE"), ("SH", "STATE HWY"),
        ("US", "US"), ("USHWY", "US HWY"), ("INTERSTATE", "I"), ("I", "I"), ("FM", "FM"),
        ("FARM", "FARM"), ("MARKET", "MARKET"), ("TO", "TO"), ("RANCH", "RANCH"), ("RR", "RR"),
        ("RM", "RM"), ("PARISH", "PARISH"), ("TOWNSHIP", "TWP"), ("TWP", "TWP"), ("OLD", "OLD"),
        ("LOOP", "LOOP"), ("SPUR", "SPUR"), ("BUSINESS", "BUS"), ("BUS", "BUS"), ("ALT", "ALT"),
        ("ALTERNATE", "ALT"), ("TRUNK", "TRUNK"), ("PR", "PR"), ("STATEROUTE", "STATE RTE"),
    ]

    /// Words whose short form is used inside a street name for matching.
    static let nameForms: [(String, String)] = [
        ("SAINT", "ST"), ("MOUNT", "MT"), ("FORT", "FT"), ("JUNIOR", "JR"),
        ("DOCTOR", "DR"), ("SENIOR", "SR"),
    ]

    /// First words of the placeholder phrases in `PlaceholderText`.
    static let placeholderStarts = [
        "FAILED", "FAIL", "UNKNOWN", "UNK", "UNKN", "UNKNWN", "UNKOWN", "ADDRESS", "ADDR", "DONT",
        "DO", "TBD", "TBA", "TO", "NO", "NOT", "HOMELESS", "REFUSED", "REFUSE", "DECLINED",
        "DECLINE", "NONE", "NA", "N/A", "NULL", "NIL", "SAME", "SEE", "VARIOUS", "VARIES", "XXX",
        "UNDELIVERABLE", "MOVED", "TRANSIENT", "BLANK", "EMPTY", "MISSING", "INVALID", "BAD",
        "TEST", "DEFAULT", "UNAVAILABLE", "NFA", "MLNA", "RTS", "RETURN", "RETURNED", "UNHOUSED",
        "NOADDRESS", "NOTPROVIDED", "UNKNOWNADDRESS", "X", "XX", "ON", "STREET", "UNSPECIFIED",
        "PENDING", "DECEASED", "OTHER", "ANONYMOUS", "CONFIDENTIAL", "WITHHELD", "REDACTED",
        "PRIVATE", "INAPPLICABLE", "UNDISCLOSED", "NONAPPLICABLE", "NOFIXED",
        "LIVES", "LIVING", "NOWHERE", "ANYWHERE", "CANT", "CANNOT", "WILL", "NEED", "NEEDS",
        "UPDATE", "DUMMY", "FAKE", "SAMPLE", "NOADDR", "DNK", "NK", "NP",
    ]

    /// The words of `AddressParser.Word`, which the special forms (boxes, rural routes, General
    /// Delivery) read by key.
    static let formWords = [
        "P", "O", "B", "R", "PO", "POB", "POBOX", "POST", "POSTAL", "OFFICE", "OFF", "BOX", "BX",
        "DRAWER", "DRWR", "PMB", "APARTADO", "APTDO", "APDO", "CASILLA", "CALLER", "FIRM",
        "LOCKBOX", "PSC", "CMR", "UNIT", "APO", "FPO", "DPO", "RR", "RFD", "HC", "HCR", "RURAL",
        "ROUTE", "RTE", "RT", "DELIVERY", "HIGHWAY", "HWY", "CONTRACT", "STAR", "GENERAL", "GEN",
        "DEL", "DELIV", "GENDEL", "ENTREGA", "AND", "AT", "LBX", "LB", "MAILBOX", "LOCK",
    ]

    static let stateCodes = [
        "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN",
        "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH",
        "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT",
        "VT", "VA", "WA", "WV", "WI", "WY", "PR", "GU", "VI", "AS", "MP", "FM", "MH", "PW", "AA",
        "AE", "AP",
    ]

    private static func makeTable() -> [WordKey: WordInfo] {
        var table: [WordKey: WordFacts] = [:]
        func update(_ word: String, _ body: (inout WordFacts) -> Void) {
            let key = WordKey(word)
            var info = table[key] ?? WordFacts()
            body(&info)
            table[key] = info
        }
        for row in BundledTable.rows("usps-suffixes") where row.count >= 3 {
            let standard = String(row[2])
            update(String(row[0])) { $0.suffix = standard }
            for variant in row[1].split(separator: " ") {
                update(String(variant)) { $0.suffix = standard }
            }
        }
        for (word, abbreviation) in directionals { update(word) { $0.directional = abbreviation } }
        for (word, abbreviation, strength) in units {
            update(word) {
                $0.unit = abbreviation
                $0.unitStrength = strength
            }
        }
        for (index, word) in cardinals.enumerated() { update(word) { $0.cardinal = index + 1 } }
        for (index, word) in ordinals.enumerated() { update(word) { $0.ordinal = index + 1 } }
        for (cardinal, ordinal, value) in tens {
            update(cardinal) { $0.cardinal = value }
            update(ordinal) { $0.ordinal = value }
        }
        for (word, form) in prefixTypes { update(word) { $0.prefixType = form } }
        for (word, form) in roadWords {
            update(word) { $0.roadForm = form }
        }
        for (word, form) in nameForms { update(word) { $0.nameForm = form } }
        for word in placeholderStarts { update(word) { $0.startsPlaceholder = true } }
        for code in stateCodes { update(code) { $0.isStateCode = true } }
        for word in formWords { update(word) { $0.isFormWord = true } }
        return table.mapValues(WordInfo.init)
    }

    /// "1ST", "2ND", "3RD", "11TH", "21ST".
    static func ordinalText(_ value: Int) -> String {
        let lastTwo = value % 100
        let ending: String
        if lastTwo >= 11 && lastTwo <= 13 {
            ending = "TH"
        } else {
            switch value % 10 {
            case 1: ending = "ST"
            case 2: ending = "ND"
            case 3: ending = "RD"
            default: ending = "TH"
            }
        }
        return String(value) + ending
    }
}

/// A fixed table from `WordKey` to `WordInfo`: linear probing over a power-of-two array at most a
/// quarter full.
struct WordSlots: Sendable {
    private let keys: [WordKey]
    private let infos: [WordInfo?]
    /// Each word's `WordFlags`, read without touching (and retaining) its `WordInfo`, which
    /// every core shares.
    private let flags: [WordFlags]
    private let shift: UInt64

    init(_ table: [WordKey: WordInfo]) {
        var bits: UInt64 = 4
        while (1 << bits) < table.count * 4 { bits += 1 }
        shift = 64 - bits
        var keys = [WordKey](repeating: WordKey(low: 0, high: 0), count: 1 << bits)
        var infos = [WordInfo?](repeating: nil, count: 1 << bits)
        var flags = [WordFlags](repeating: [], count: 1 << bits)
        for (key, info) in table {
            var slot = Self.slot(key, shift)
            while infos[slot] != nil { slot = (slot + 1) & (keys.count - 1) }
            keys[slot] = key
            infos[slot] = info
            flags[slot] = WordFlags(info)
        }
        self.keys = keys
        self.infos = infos
        self.flags = flags
    }

    /// The flags of the word `key`, `.unknown` when the vocabulary lacks it.
    @inline(__always)
    func flags(_ key: WordKey) -> WordFlags {
        let mask = keys.count - 1
        var slot = Self.slot(key, shift)
        while !flags[slot].isEmpty {
            if keys[slot] == key { return flags[slot] }
            slot = (slot + 1) & mask
        }
        return .unknown
    }

    @inline(__always)
    private static func slot(_ key: WordKey, _ shift: UInt64) -> Int {
        Int(((key.low &* 0x9E37_79B9_7F4A_7C15) ^ (key.high &* 0xC2B2_AE3D_27D4_EB4F)) >> shift)
    }

    @inline(__always)
    func info(_ key: WordKey) -> WordInfo? {
        let mask = keys.count - 1
        var slot = Self.slot(key, shift)
        while !flags[slot].isEmpty {
            if keys[slot] == key { return infos[slot] }
            slot = (slot + 1) & mask
        }
        return nil
    }
}

/// What the one-pass street reader (`AddressParser.SimpleStreet`) asks of a word, as bits.
struct WordFlags: OptionSet, Sendable {
    let rawValue: UInt8

    /// Filed in the vocabulary (every filed word has this bit, so a slot's flags are never empty).
    static let filed = WordFlags(rawValue: 1)
    static let stateCode = WordFlags(rawValue: 2)
    /// Only itself inside a street name (`AddressParser.isPlainNameWord`).
    static let plainName = WordFlags(rawValue: 4)
    /// A unit designator that needs an identifier and is no box (APT, UNIT, STE, #…).
    static let tailUnit = WordFlags(rawValue: 8)
    /// A street suffix that is no directional, unit or special-form word.
    static let simpleSuffix = WordFlags(rawValue: 16)
    /// A directional that is no unit, special-form or placeholder word.
    static let simpleDirectional = WordFlags(rawValue: 32)

    /// A word the vocabulary lacks: a plain part of a name and nothing else.
    static let unknown: WordFlags = [.plainName]

    init(rawValue: UInt8) { self.rawValue = rawValue }

    init(_ info: WordInfo) {
        var flags: WordFlags = [.filed]
        if info.isStateCode { flags.insert(.stateCode) }
        if AddressParser.isPlainNameWord(info) { flags.insert(.plainName) }
        if let unit = info.unit, info.unitStrength == .needsIdentifier, unit != "BOX", unit != "PMB" {
            flags.insert(.tailUnit)
        }
        if info.suffix != nil && info.directional == nil && info.unit == nil && !info.isFormWord {
            flags.insert(.simpleSuffix)
        }
        if info.directional != nil && info.unit == nil && !info.isFormWord && !info.startsPlaceholder {
            flags.insert(.simpleDirectional)
        }
        self = flags
    }
}
