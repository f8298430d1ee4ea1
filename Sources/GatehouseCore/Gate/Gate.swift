/// The sufficiency gate: whether a request sets forth enough to be matched at all.
///
/// An insufficient request is never matched and never disclosed. Every finding is a stable
/// `ReasonCode` with its legal citation. Decisions on the open points:
/// - Names: empty → `NAME_GIVEN_MISSING` / `NAME_SURNAME_MISSING`; a placeholder ("UNKNOWN",
///   "FNU", "N/A", "-", "?", …) → `NAME_PLACEHOLDER`. "NA" written without a slash is a
///   placeholder as a given name, but a real surname (Korean 나, in the Census surname list)
///   unless the given name is missing or a placeholder too. "JOHN DOE" / "JANE DOE" is a
///   placeholder.
/// - Address: only `AddressKind.street` passes; Rural Route and Highway Contract boxes give
///   `ADDR_RURAL_ROUTE`, intersections `ADDR_INTERSECTION`; a street with a PMB gives
///   `ADDR_PO_BOX` unless the profile `acceptsPrivateMailbox`; a street followed by a PO box or a
///   rural-route box (a mailing address beside it) gives `ADDR_PO_BOX` or `ADDR_RURAL_ROUTE`. A street whose house number is the request's own ZIP and that has
///   no suffix ("90210 Beverly Hills") is `ADDR_ZIP_ONLY`; a suffix-less street named like the
///   request's city is `ADDR_NO_STREET_NAME`.
/// - Locality: a ZIP in use (its prefix is in `zip3-states.csv`), or a city with a valid state.
///   A malformed or unused ZIP (`ADDR_ZIP_INVALID`) or an unknown state (`ADDR_STATE_INVALID`) is
///   reported only when the other locality cannot stand in for it: "Boston, MA, 2134" (a ZIP that
///   lost its leading zero) is sufficient. `ADDR_NO_LOCALITY` when neither a ZIP nor a city and a
///   state were given at all. When a ZIP in use and a valid state are both given they must agree
///   (`ADDR_ZIP_STATE_MISMATCH`), whatever else is present.
/// - Case reference: empty or a placeholder → `CASE_REFERENCE_MISSING`; a required field that is
///   empty or a placeholder → `FIELD_REQUIRED_MISSING`.
public enum Gate {
    /// All findings that apply, sorted, deduplicated; empty means sufficient.
    public static func findings(for request: Request, profile: SufficiencyProfile) -> [ReasonCode] {
        findings(for: request, profile: profile, parsed: nil)
    }

    /// `findings(for:profile:)`, reusing the request's address as already parsed (by the caller,
    /// which then hands the same parse to linkage).
    static func findings(for request: Request, profile: SufficiencyProfile, parsed: ParsedAddress?) -> [ReasonCode] {
        var codes: [ReasonCode] = []
        if profile.checksNames { nameFindings(request, into: &codes) }
        if profile.checksAddress {
            switch profile.addressRule {
            case .completeStreet:
                streetFindings(
                    request, parsed: parsed ?? AddressParser.parse(line1: request.address.line1, line2: request.address.line2),
                    profile: profile, into: &codes)
                localityFindings(request.address, into: &codes)
            case .zipOrNonEmpty:
                legacyAddressFindings(request.address, into: &codes)
            }
        }
        if profile.requireCaseReference && PlaceholderText.isBlankOrPlaceholder(request.caseReference) {
            codes.append(.caseReferenceMissing)
        }
        for field in profile.requiredFields where PlaceholderText.isBlankOrPlaceholder(request.value(of: field)) {
            // A missing case reference already has its own code under a profile that requires one.
            if field == .caseReference && profile.requireCaseReference { continue }
            codes.append(.requiredFieldMissing)
            break
        }
        if codes.isEmpty { return [] }  // the common case: no set to build
        return Array(Set(codes)).sorted()
    }

    /// Whether the request passes the gate.
    public static func isSufficient(_ request: Request, profile: SufficiencyProfile) -> Bool {
        findings(for: request, profile: profile).isEmpty
    }

    static func nameFindings(_ request: Request, into codes: inout [ReasonCode]) {
        let givenBlank = isEmptyField(request.givenName)
        let surnameBlank = isEmptyField(request.surname)
        if givenBlank { codes.append(.givenNameMissing) }
        if surnameBlank { codes.append(.surnameMissing) }
        let givenPlaceholder = !givenBlank && PlaceholderText.isNamePlaceholder(request.givenName)
        if givenPlaceholder { codes.append(.namePlaceholder) }
        if !surnameBlank && PlaceholderText.isNamePlaceholder(request.surname) {
            // NA, BLANK, SAMPLE, TEST, FIRST and LAST are real surnames (all in the Census list):
            // placeholders only beside a missing or placeholder given name.
            let isRealSurname = realSurnamePlaceholders.contains(TextFolding.fold(request.surname))
            if !isRealSurname || givenBlank || givenPlaceholder { codes.append(.namePlaceholder) }
        }
        if !givenBlank && !surnameBlank && TextFolding.folds(request.surname, to: "DOE") {
            let given = TextFolding.fold(request.givenName)
            if given == "JOHN" || given == "JANE" || given == "BABY" { codes.append(.namePlaceholder) }
        }
    }

    /// Placeholder words that are also surnames of real people.
    static let realSurnamePlaceholders: Set<String> = ["NA", "BLANK", "SAMPLE", "TEST", "FIRST", "LAST"]

    /// Empty or only white space (punctuation alone is a placeholder, not missing).
    static func isEmptyField(_ text: String) -> Bool {
        // A printable ASCII character survives folding: the common case needs no folding.
        if text.utf8.contains(where: { $0 > 0x20 && $0 < 0x7F }) { return false }
        return TextFolding.foldedBytes(text).isEmpty
    }

    static func streetFindings(
        _ request: Request, parsed: ParsedAddress, profile: SufficiencyProfile, into codes: inout [ReasonCode]
    ) {
        switch parsed.kind {
        case .empty: codes.append(.addressMissing)
        case .placeholder: codes.append(.addressPlaceholder)
        case .poBox: codes.append(.addressPOBox)
        case .generalDelivery: codes.append(.addressGeneralDelivery)
        case .zipOnly: codes.append(.addressZipOnly)
        case .ruralRoute: codes.append(.addressRuralRoute)
        case .noHouseNumber: codes.append(.addressNoHouseNumber)
        case .noStreetName: codes.append(.addressNoStreetName)
        case .intersection: codes.append(.addressIntersection)
        case .street:
            if parsed.isPrivateMailbox && !profile.acceptsPrivateMailbox { codes.append(.addressPOBox) }
            switch parsed.boxAfterStreet {
            case .ruralRoute?: codes.append(.addressRuralRoute)
            case nil: break
            default: codes.append(.addressPOBox)
            }
            guard parsed.suffix.isEmpty && parsed.predirectional.isEmpty && parsed.postdirectional.isEmpty
            else { return }
            if let zip = USPostal.normalizedZip(request.address.postcode), parsed.houseNumber == zip {
                codes.append(.addressZipOnly)
            } else if !parsed.streetName.isEmpty, parsed.streetName == TextFolding.fold(request.address.city) {
                codes.append(.addressNoStreetName)
            }
        }
    }
}
