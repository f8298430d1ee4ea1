/// The legacy profile: the flawed checks from the public record, kept to replay and demonstrate
/// them. Never a default; the command line refuses it without `--allow-legacy-profile`.
extension SufficiencyProfile {
    /// The name agreements use for the legacy profile.
    public static let legacyZipOnlyName = "legacy-zip-only"

    /// The flawed 2025 matching rules: an address counts as present when its line is not blank
    /// or its postcode looks like a ZIP (``AddressRule/zipOrNonEmpty``), and a name + TIN match
    /// releases the last known address without checking the requester's address
    /// (``MatchPolicy/Mode/legacyNameTIN``).
    public static let legacyZipOnly = SufficiencyProfile(
        name: legacyZipOnlyName, requireCaseReference: false, checksAddress: true, checksNames: true,
        addressRule: .zipOrNonEmpty)

    /// Whether this profile reproduces a known-flawed rule and needs an explicit opt-in.
    public var isLegacy: Bool { addressRule == .zipOrNonEmpty }

    /// The linkage mode decisions under this profile use: `linkage` when the address is not
    /// checked, the legacy name + TIN rule for a legacy profile, else `statutory`.
    public var matchMode: MatchPolicy.Mode {
        if isLegacy { return .legacyNameTIN }
        return checksAddress ? .statutory : .linkage
    }

    /// The loud warning printed wherever the legacy profile is used.
    public static let legacyWarning = """
        ************************************************************************
        WARNING: the 'legacy-zip-only' profile reproduces a FLAWED rule.
        An address counts as present if it is not blank or looks like a ZIP,
        and a name + TIN match releases the last known address WITHOUT
        confirming the requester's address. Disclosures made under it are not
        lawful under 26 U.S.C. 6103(i)(2)(B). Use it only to replay or to
        demonstrate the flaw, never to disclose real data.
        ************************************************************************
        """
}
