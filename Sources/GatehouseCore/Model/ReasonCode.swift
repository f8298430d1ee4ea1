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

    // Agreement state (batch rejected at submission).
    case agreementSuspended = "AGREEMENT_SUSPENDED"
    case agreementNotInForce = "AGREEMENT_NOT_IN_FORCE"
    case agreementInvalid = "AGREEMENT_INVALID"
    case agreementQuotaBatchExceeded = "AGREEMENT_QUOTA_BATCH_EXCEEDED"
    case agreementQuotaDayExceeded = "AGREEMENT_QUOTA_DAY_EXCEEDED"

    // Batch manifest (batch rejected at submission).
    case manifestAgreementMismatch = "MANIFEST_AGREEMENT_MISMATCH"
    case manifestRequesterMismatch = "MANIFEST_REQUESTER_MISMATCH"
    case manifestSignerUnknown = "MANIFEST_SIGNER_UNKNOWN"
    case manifestSignerRoleNotPermitted = "MANIFEST_SIGNER_ROLE_NOT_PERMITTED"
    case manifestSignerRoleMismatch = "MANIFEST_SIGNER_ROLE_MISMATCH"
    case manifestStatuteNotPermitted = "MANIFEST_STATUTE_NOT_PERMITTED"
    case manifestTaxPeriodsMissing = "MANIFEST_TAX_PERIODS_MISSING"
    case manifestTaxPeriodMalformed = "MANIFEST_TAX_PERIOD_MALFORMED"
    case manifestReasonMissing = "MANIFEST_REASON_MISSING"
    case manifestProceedingMissing = "MANIFEST_PROCEEDING_MISSING"
    case manifestAttestationMissing = "MANIFEST_ATTESTATION_MISSING"

    // Disclosure policy (a field, or the whole response, withheld).
    case withheldOrderRegistryUnavailable = "WITHHELD_ORDER_REGISTRY_UNAVAILABLE"
    case withheldOrderInvalid = "WITHHELD_ORDER_INVALID"
    case withheldByOrder = "WITHHELD_BY_ORDER"
    case withheldNotPermitted = "WITHHELD_NOT_PERMITTED"
    case withheldAddressNotConfirmed = "WITHHELD_ADDRESS_NOT_CONFIRMED"
    case withheldAgreementSuspended = "WITHHELD_AGREEMENT_SUSPENDED"
    case withheldAgreementNotInForce = "WITHHELD_AGREEMENT_NOT_IN_FORCE"
    case withheldAgreementInvalid = "WITHHELD_AGREEMENT_INVALID"
    case withheldDecisionDateInvalid = "WITHHELD_DECISION_DATE_INVALID"

    // Review of past releases (a release that no longer stands).
    case releaseOutcomeNotVerified = "RELEASE_OUTCOME_NOT_VERIFIED"
    case releaseUseBarredByOrder = "RELEASE_USE_BARRED_BY_ORDER"

    // MARK: Decisions on real-world input (gate and linkage)
    /// The request's address is an intersection of two streets (outcome `insufficient`).
    case addressIntersection = "ADDR_INTERSECTION"
    /// A Rural Route or Highway Contract box, alone or after a street (outcome `insufficient`).
    case addressRuralRoute = "ADDR_RURAL_ROUTE"
    /// The person is on file at the request's street address but in another unit (`not_found`,
    /// or informational on `verified` when a birth date or TIN confirms the person).
    case unitMismatch = "UNIT_MISMATCH"

    // MARK: Hardening (issue 15)
    /// A field of the row is longer than the format's limit for it (docs/bad-input.md).
    case rowFieldTooLong = "ROW_FIELD_TOO_LONG"

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
        case .agreementSuspended: "The agreement is suspended: no batch is accepted under it."
        case .agreementNotInForce: "The date falls outside the agreement's validity window."
        case .agreementInvalid:
            "The agreement document has problems (see `gatehouse agreement show`); it cannot be used."
        case .agreementQuotaBatchExceeded: "The batch holds more requests than the agreement allows in one batch."
        case .agreementQuotaDayExceeded: "The batch would take the day's requests past the agreement's daily quota."
        case .manifestAgreementMismatch:
            "The manifest names a different agreement from the one the batch is submitted under."
        case .manifestRequesterMismatch: "The manifest's requesting agency is not the agreement's requester."
        case .manifestSignerUnknown: "The manifest's signer is not among the agreement's signers."
        case .manifestSignerRoleNotPermitted: "The signer's role is not one the agreement permits to sign."
        case .manifestSignerRoleMismatch: "The signer's role differs from the role the agreement lists for them."
        case .manifestStatuteNotPermitted: "The statute the manifest relies on is not on the agreement's list."
        case .manifestTaxPeriodsMissing: "The manifest names no tax period."
        case .manifestTaxPeriodMalformed:
            "A tax period is not a year (YYYY), quarter (YYYY-Qn) or month (YYYY-MM) that has begun."
        case .manifestReasonMissing: "The manifest does not say why the disclosure is relevant to the proceeding."
        case .manifestProceedingMissing: "The manifest does not identify the proceeding or investigation."
        case .manifestAttestationMissing:
            "The requester has not attested that the data is solely for the stated proceeding."
        case .withheldOrderRegistryUnavailable: "The court-order registry could not be read, so nothing is released."
        case .withheldOrderInvalid:
            "A court order's dates cannot be read, so which orders are in force is unknown; nothing is released."
        case .withheldByOrder: "A court order in force forbids this disclosure."
        case .withheldNotPermitted: "The agreement does not permit releasing this field."
        case .withheldAddressNotConfirmed:
            "The request's own address was not confirmed on file, so no address is released."
        case .withheldAgreementSuspended: "The agreement is suspended, so nothing is released."
        case .withheldAgreementNotInForce:
            "The agreement is not in force on the day of release, so nothing is released."
        case .withheldAgreementInvalid: "The agreement document has problems, so nothing is released under it."
        case .withheldDecisionDateInvalid: "The evaluation date could not be read, so nothing is released."
        case .releaseOutcomeNotVerified:
            "Decided again today, the request is no longer verified (see its gate and linkage reasons)."
        case .releaseUseBarredByOrder: "A court order bars use of data released before a date this release precedes."
        case .addressIntersection: "The address is an intersection of streets, not a residence."
        case .addressRuralRoute:
            "The address is a Rural Route or Highway Contract box (a delivery point), not a residential street address."
        case .unitMismatch:
            "The person is on file at this street address but in another unit; without a matching birth date or TIN that is not the requester's address."
        case .rowFieldTooLong: "A field of the row is longer than the limit for that field (see docs/bad-input.md)."
        }
    }

    /// The legal or policy basis of a gate rule, as cited in reports; empty for linkage codes.
    public var citation: String {
        switch self {
        case .givenNameMissing, .surnameMissing, .namePlaceholder:
            "26 U.S.C. § 6103(i)(2)(B)(i) — the request must set forth the name of the taxpayer"
        case .addressMissing, .addressPlaceholder, .addressPOBox, .addressGeneralDelivery,
            .addressZipOnly, .addressNoHouseNumber, .addressNoStreetName, .addressNoLocality,
            .addressZipInvalid, .addressStateInvalid, .addressZipStateMismatch, .addressIntersection,
            .addressRuralRoute:
            "26 U.S.C. § 6103(i)(2)(B)(i) — the request must set forth the address of the taxpayer; a ZIP code is not an address"
        case .caseReferenceMissing:
            "26 U.S.C. § 6103(i)(2)(B)(ii)–(iv) — the request must identify the proceeding it is made for"
        case .requiredFieldMissing:
            "Data-sharing agreement — required request fields"
        case .agreementSuspended, .withheldAgreementSuspended:
            "Data-sharing agreement — suspension"
        case .agreementNotInForce, .withheldAgreementNotInForce:
            "Data-sharing agreement — term (validity window)"
        case .agreementInvalid, .withheldAgreementInvalid:
            "Data-sharing agreement — the agreement must be complete and consistent to be relied on"
        case .agreementQuotaBatchExceeded, .agreementQuotaDayExceeded:
            "Data-sharing agreement — quotas"
        case .manifestAgreementMismatch:
            "Data-sharing agreement — requests are made under the agreement they name"
        case .manifestRequesterMismatch:
            "26 U.S.C. § 6103(i)(2)(A) — disclosure only on the request of, and to, the agency that is party to the proceeding"
        case .manifestSignerUnknown, .manifestSignerRoleNotPermitted, .manifestSignerRoleMismatch:
            "26 U.S.C. § 6103(i)(2)(A) — the request must come from the agency head or an official the agreement designates"
        case .manifestStatuteNotPermitted:
            "26 U.S.C. § 6103(i)(2)(B)(iii) — the request must set forth the statutory authority for the proceeding"
        case .manifestTaxPeriodsMissing, .manifestTaxPeriodMalformed:
            "26 U.S.C. § 6103(i)(2)(B)(ii) — the request must set forth the taxable period or periods"
        case .manifestReasonMissing:
            "26 U.S.C. § 6103(i)(2)(B)(iv) — the request must set forth the specific reason disclosure is relevant"
        case .manifestProceedingMissing:
            "26 U.S.C. § 6103(i)(2)(A) — disclosure only for a specific proceeding or investigation"
        case .manifestAttestationMissing:
            "26 U.S.C. § 6103(i)(2)(A) — information disclosed is solely for use in the proceeding or investigation"
        case .withheldOrderRegistryUnavailable, .withheldOrderInvalid, .withheldDecisionDateInvalid:
            "26 U.S.C. § 6103(a) — return information is confidential unless disclosure is shown to be authorised"
        case .withheldByOrder:
            "Court order in force (cited with the decision)"
        case .withheldNotPermitted:
            "Data-sharing agreement — permitted fields; 26 U.S.C. § 6103(a)"
        case .withheldAddressNotConfirmed:
            "26 U.S.C. § 6103(i)(2)(B)(i) — the request must set forth the taxpayer's address; a ZIP code is not an address"
        case .releaseOutcomeNotVerified:
            "26 U.S.C. § 6103(i)(2)(B) — the request would not be granted today"
        case .releaseUseBarredByOrder:
            "Court order in force — bar on use of earlier releases (cited with the finding)"
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
            .requiredFieldMissing, .addressIntersection, .addressRuralRoute:
            true
        default:
            false
        }
    }

    public static func < (lhs: ReasonCode, rhs: ReasonCode) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
