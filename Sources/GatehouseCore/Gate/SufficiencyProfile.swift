/// How an agreement decides whether a request is legally sufficient to be matched.
///
/// `statutory` is the default and the only profile that applies 26 U.S.C. § 6103(i)(2)(B) in
/// full; `linkage` turns the gate off for linkage benchmarks. A future profile with a weaker
/// address check (for instance "non-empty or looks like a ZIP", to replay a legacy rule) adds an
/// `AddressRule` case; the statutory rule never changes meaning.
public struct SufficiencyProfile: Sendable, Hashable, Codable {
    /// How the address is checked.
    public enum AddressRule: String, Sendable, Hashable, Codable {
        /// A complete residential street address (house number, street name) and a locality
        /// (a ZIP in use, or a city with a valid state), ZIP and state agreeing.
        case completeStreet = "complete_street"
        /// The flawed legacy check, for replay and demonstration only: the address counts as
        /// present when the address line is not blank or the postcode looks like a 5- or 9-digit
        /// ZIP. "Failed to Provide" next to a ZIP passes. Never use it to disclose.
        case zipOrNonEmpty = "zip_or_non_empty"
    }

    /// The profile's name as agreements refer to it ("statutory", "linkage").
    public var name: String
    /// Request fields the agreement requires beyond the built-in rules (`FIELD_REQUIRED_MISSING`).
    public var requiredFields: [RequestField]
    /// Whether a case reference is required (`CASE_REFERENCE_MISSING`).
    public var requireCaseReference: Bool
    /// Whether the address is checked at all; false for `linkage`.
    public var checksAddress: Bool
    /// Whether given name and surname are checked.
    public var checksNames: Bool
    /// The address rule applied when `checksAddress` is true.
    public var addressRule: AddressRule
    /// Whether a street address with a private mailbox (PMB) counts as a street address.
    /// False by default: a PMB is a box at a commercial mail-receiving agency, like a PO box.
    public var acceptsPrivateMailbox: Bool

    /// Makes a profile.
    public init(
        name: String, requiredFields: [RequestField] = [], requireCaseReference: Bool = true,
        checksAddress: Bool = true, checksNames: Bool = true, addressRule: AddressRule = .completeStreet,
        acceptsPrivateMailbox: Bool = false
    ) {
        self.name = name
        self.requiredFields = requiredFields
        self.requireCaseReference = requireCaseReference
        self.checksAddress = checksAddress
        self.checksNames = checksNames
        self.addressRule = addressRule
        self.acceptsPrivateMailbox = acceptsPrivateMailbox
    }

    /// The default: every name, address, locality and case-reference rule.
    public static let statutory = SufficiencyProfile(name: "statutory")

    /// No gate: every request is sufficient (for general linkage benchmarks).
    public static let linkage = SufficiencyProfile(
        name: "linkage", requireCaseReference: false, checksAddress: false, checksNames: false)

    /// The built-in profile called `name` (case-insensitive), or nil.
    public static func named(_ name: String) -> SufficiencyProfile? {
        switch TextFolding.fold(name) {
        case "STATUTORY": .statutory
        case "LINKAGE": .linkage
        case "LEGACY-ZIP-ONLY", "LEGACY ZIP ONLY": .legacyZipOnly
        default: nil
        }
    }

    enum CodingKeys: String, CodingKey {
        case name
        case requiredFields = "required_fields"
        case requireCaseReference = "require_case_reference"
        case checksAddress = "checks_address"
        case checksNames = "checks_names"
        case addressRule = "address_rule"
        case acceptsPrivateMailbox = "accepts_private_mailbox"
    }

    /// Decodes a profile; a missing key takes the statutory default, so a file states only what
    /// it changes.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try container.decode(String.self, forKey: .name),
            requiredFields: try container.decodeIfPresent([RequestField].self, forKey: .requiredFields) ?? [],
            requireCaseReference: try container.decodeIfPresent(Bool.self, forKey: .requireCaseReference) ?? true,
            checksAddress: try container.decodeIfPresent(Bool.self, forKey: .checksAddress) ?? true,
            checksNames: try container.decodeIfPresent(Bool.self, forKey: .checksNames) ?? true,
            addressRule: try container.decodeIfPresent(AddressRule.self, forKey: .addressRule) ?? .completeStreet,
            acceptsPrivateMailbox: try container.decodeIfPresent(Bool.self, forKey: .acceptsPrivateMailbox) ?? false)
    }
}
