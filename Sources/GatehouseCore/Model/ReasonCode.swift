/// A stable, documented code on every non-verified outcome and every withheld field.
///
/// Raw values are part of the interchange formats: never rename one, only add.
public enum ReasonCode: String, Sendable, CaseIterable, Codable, Comparable {
    // Row shape (outcome `rejected`).
    case rowMalformed = "ROW_MALFORMED"
    case rowEncoding = "ROW_ENCODING"
    case rowIDMissing = "ROW_ID_MISSING"
    case rowIDDuplicate = "ROW_ID_DUPLICATE"

    // Sufficiency gate (outcome `insufficient`).
    case givenNameMissing = "NAME_GIVEN_MISSING"
    case surnameMissing = "NAME_SURNAME_MISSING"
    case namePlaceholder = "NAME_PLACEHOLDER"
    case addressMissing = "ADDR_MISSING"
    case addressPlaceholder = "ADDR_PLACEHOLDER"
    case addressPOBox = "ADDR_PO_BOX"
    case addressGeneralDelivery = "ADDR_GENERAL_DELIVERY"
    case addressZipOnly = "ADDR_ZIP_ONLY"
    case addressNoHouseNumber = "ADDR_NO_HOUSE_NUMBER"
    case addressNoStreetName = "ADDR_NO_STREET_NAME"
    case addressNoLocality = "ADDR_NO_LOCALITY"
    case addressZipInvalid = "ADDR_ZIP_INVALID"
    case addressStateInvalid = "ADDR_STATE_INVALID"
    case addressZipStateMismatch = "ADDR_ZIP_STATE_MISMATCH"
    case caseReferenceMissing = "CASE_REFERENCE_MISSING"
    case requiredFieldMissing = "FIELD_REQUIRED_MISSING"

    // Linkage (outcomes `not_found`, `ambiguous`; informational on `verified`).
    case noCandidate = "NO_CANDIDATE"
    case nameMismatch = "NAME_MISMATCH"
    case addressNotOnFile = "ADDRESS_NOT_ON_FILE"
    case birthDateConflict = "BIRTH_DATE_CONFLICT"
    case tinConflict = "TIN_CONFLICT"
    case tinMalformed = "TIN_MALFORMED"
    case belowThreshold = "BELOW_THRESHOLD"
    case multipleCandidates = "MULTIPLE_CANDIDATES"
    case narrowMargin = "NARROW_MARGIN"

    /// One line a person can read in a report.
    public var explanation: String {
        switch self {
        case .rowMalformed: "The row could not be read as CSV (unbalanced quotes or a stray character)."
        case .rowEncoding: "The row is not valid UTF-8."
        case .rowIDMissing: "The row has no request_id."
        case .rowIDDuplicate: "The request_id was already used earlier in the batch."
        case .givenNameMissing: "The given name is empty."
        case .surnameMissing: "The surname is empty."
        case .namePlaceholder: "A name field holds a placeholder such as UNKNOWN or N/A, not a name."
        case .addressMissing: "No street address was supplied."
        case .addressPlaceholder: "The address is a placeholder (\"Failed to Provide\", \"Unknown Address\", TBD …), not an address."
        case .addressPOBox: "The address is a post-office box, not a residential street address."
        case .addressGeneralDelivery: "The address is General Delivery, not a residential street address."
        case .addressZipOnly: "The address line holds only a ZIP code or only digits: a ZIP code is not an address."
        case .addressNoHouseNumber: "The street address has no house number."
        case .addressNoStreetName: "The street address has no street name."
        case .addressNoLocality: "Neither a valid ZIP code nor a city with a valid state was supplied."
        case .addressZipInvalid: "The ZIP code is not a valid 5-digit ZIP or ZIP+4."
        case .addressStateInvalid: "The state is not a US state or territory."
        case .addressZipStateMismatch: "The ZIP code does not belong to the state given."
        case .caseReferenceMissing: "The request carries no case reference for the proceeding."
        case .requiredFieldMissing: "A field the agreement requires is empty."
        case .noCandidate: "No record in the store shares enough with the request to be compared."
        case .nameMismatch: "The closest records do not agree with the requested name."
        case .addressNotOnFile: "A record agrees on name (and TIN, if given) but the requested address is not on file for that person."
        case .birthDateConflict: "The best candidate's birth date conflicts with the requested one."
        case .tinConflict: "The best candidate's TIN conflicts with the requested one."
        case .tinMalformed: "The requested TIN is not nine digits; it was ignored."
        case .belowThreshold: "The best candidate's match weight is below the agreement's threshold."
        case .multipleCandidates: "More than one person fits the request and nothing in it separates them."
        case .narrowMargin: "The best candidate does not beat the runner-up by a clear margin."
        }
    }

    /// The legal or policy basis of a gate rule, as cited in reports; empty for linkage codes.
    public var citation: String {
        switch self {
        case .givenNameMissing, .surnameMissing, .namePlaceholder:
            "26 U.S.C. § 6103(i)(2)(B)(i) — the request must set forth the name of the taxpayer"
        case .addressMissing, .addressPlaceholder, .addressPOBox, .addressGeneralDelivery,
            .addressZipOnly, .addressNoHouseNumber, .addressNoStreetName, .addressNoLocality,
            .addressZipInvalid, .addressStateInvalid, .addressZipStateMismatch:
            "26 U.S.C. § 6103(i)(2)(B)(i) — the request must set forth the address of the taxpayer; a ZIP code is not an address"
        case .caseReferenceMissing:
            "26 U.S.C. § 6103(i)(2)(B)(ii)–(iv) — the request must identify the proceeding it is made for"
        case .requiredFieldMissing:
            "Data-sharing agreement — required request fields"
        default:
            ""
        }
    }

    /// Whether this code is a gate finding (its outcome is `insufficient`).
    public var isGateFinding: Bool {
        switch self {
        case .givenNameMissing, .surnameMissing, .namePlaceholder, .addressMissing,
            .addressPlaceholder, .addressPOBox, .addressGeneralDelivery, .addressZipOnly,
            .addressNoHouseNumber, .addressNoStreetName, .addressNoLocality, .addressZipInvalid,
            .addressStateInvalid, .addressZipStateMismatch, .caseReferenceMissing,
            .requiredFieldMissing:
            true
        default:
            false
        }
    }

    public static func < (lhs: ReasonCode, rhs: ReasonCode) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
