/// The fields linkage compares, each with its own agreement levels.
///
/// The statutory profile weighs the address as one composite level (`address`), which carries
/// the rule "the request's address is on file"; the linkage profile weighs its parts one by one
/// instead (`houseNumber` … `state`), so that one mistyped part does not discard the others.
public enum MatchField: String, Sendable, CaseIterable, Codable {
    case given, surname, middle, suffix, birthDate = "birth_date", tin, address
    case houseNumber = "house_number", street, unit = "address_line2", city, postcode, state

    /// The address parts the linkage profile weighs in place of `address`.
    public static let addressParts: [MatchField] = [.houseNumber, .street, .unit, .city, .postcode, .state]

    /// Position in `allCases`, for flat weight tables.
    var ordinal: Int {
        switch self {
        case .given: 0
        case .surname: 1
        case .middle: 2
        case .suffix: 3
        case .birthDate: 4
        case .tin: 5
        case .address: 6
        case .houseNumber: 7
        case .street: 8
        case .unit: 9
        case .city: 10
        case .postcode: 11
        case .state: 12
        }
    }

    /// Whether the field is one of `addressParts`.
    public var isAddressPart: Bool {
        switch self {
        case .houseNumber, .street, .unit, .city, .postcode, .state: true
        default: false
        }
    }
}

/// How well one field of a request agrees with one field of a record.
///
/// Levels are ordered from full agreement to disagreement; `missing` means one side did not
/// supply the field and contributes no evidence.
public enum AgreementLevel: String, Sendable, Codable, CaseIterable {
    case exact
    /// Given names that are nickname/hypocoristic variants (BILL/WILLIAM, PEPE/JOSE).
    case nickname
    /// One given name is the other person's middle name.
    case middleAsGiven = "middle_as_given"
    /// One compound surname contains the other (GARCIA vs GARCIA LOPEZ).
    case subset
    /// One typo apart, or Jaro–Winkler ≥ 0.90.
    case fuzzy
    /// An initial agrees with a name.
    case initial
    /// Birth dates one digit or a day/month swap apart.
    case close
    /// Only the request carries a generational suffix (it names a JR; the record has none).
    case requestOnly = "request_only"
    /// Only the record carries a generational suffix (requests often drop a JR).
    case recordOnly = "record_only"
    /// The same street and locality, another house number.
    case sameStreet = "same_street"
    /// Only the ZIP code or the city agrees.
    case locality
    case disagree
    case missing
    /// Compound surnames that share a part while their other parts differ (HERNANDEZ RUIZ and
    /// LOPEZ HERNANDEZ: a mother and her child, in the Spanish custom). Weak evidence, and not a
    /// name that identifies the person.
    case partial

    static let caseCount = 14

    /// Position in `allCases`, for flat weight tables.
    var ordinal: Int {
        switch self {
        case .exact: 0
        case .nickname: 1
        case .middleAsGiven: 2
        case .subset: 3
        case .fuzzy: 4
        case .initial: 5
        case .close: 6
        case .requestOnly: 7
        case .recordOnly: 8
        case .sameStreet: 9
        case .locality: 10
        case .disagree: 11
        case .missing: 12
        case .partial: 13
        }
    }
}

/// One compared field in an explanation: its level and the weight it contributed (log2 of the
/// likelihood ratio m/u).
public struct FieldComparison: Sendable, Hashable, Codable {
    public var field: MatchField
    public var level: AgreementLevel
    public var weight: Double

    public init(field: MatchField, level: AgreementLevel, weight: Double) {
        self.field = field
        self.level = level
        self.weight = weight
    }
}

/// The comparison of a request with one candidate record.
public struct CandidateScore: Sendable {
    /// Dense index of the person in the `RecordIndex`.
    public var person: Int
    /// Sum of field weights (log2 likelihood ratio).
    public var weight: Double
    /// Posterior match probability, from `weight` and the prior.
    public var probability: Double
    public var fields: [FieldComparison]
    /// The name (given and surname) agrees at a level that identifies a person.
    public var nameAgrees: Bool
    /// The request's address agrees with an address on file at house-number-and-street level.
    public var addressOnFile: Bool
    public var birthConflict: Bool
    public var tinConflict: Bool
    public var suffixConflict: Bool
    /// The name only agreed with given and surname exchanged.
    public var swapped: Bool
    /// The request's unit against the unit on file at the agreeing address.
    public var unit: UnitRelation = .unknown
    /// Whether the candidate fits the decision rule (for the statutory rule: name agrees, the
    /// address is on file, nothing conflicts, the unit rule holds, the probability reaches the
    /// threshold).
    public var fits = false

    /// A supplied field contradicts the record.
    public var hasConflict: Bool { birthConflict || tinConflict || suffixConflict }
}
