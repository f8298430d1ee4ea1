/// The cover sheet of a batch: who asks, under which agreement and statute, for which tax
/// periods, for which proceeding and why (26 U.S.C. § 6103(i)(2)(B)).
///
/// Check it against its agreement with ``ManifestCheck/problems(_:agreement:on:)``; a manifest
/// with any problem rejects the whole batch.
public struct BatchManifest: Sendable, Hashable, Codable {
    /// The id of the agreement the batch is submitted under.
    public var agreement: String
    /// The requesting agency, as the agreement names it.
    public var requester: String
    /// Who signs the request, in which role.
    public var signer: Signer
    /// The statutory authority for the proceeding or investigation (§ 6103(i)(2)(B)(iii)).
    public var statute: String
    /// The tax periods the request covers: `YYYY`, `YYYY-Qn` or `YYYY-MM` (§ 6103(i)(2)(B)(ii)).
    public var taxPeriods: [String]
    /// Why disclosure is or may be relevant to the proceeding (§ 6103(i)(2)(B)(iv)).
    public var reason: String
    /// The proceeding or investigation the data is for, e.g. a case reference (§ 6103(i)(2)(A)).
    public var proceeding: String
    /// The requester's attestation that the data is solely for use in the stated proceeding.
    public var attestation: Bool
    /// The day the requester signed and submitted the manifest (`YYYY-MM-DD`), if stated.
    public var submittedOn: String?

    /// Makes a manifest.
    public init(
        agreement: String, requester: String, signer: Signer, statute: String, taxPeriods: [String],
        reason: String, proceeding: String, attestation: Bool, submittedOn: String? = nil
    ) {
        self.agreement = agreement
        self.requester = requester
        self.signer = signer
        self.statute = statute
        self.taxPeriods = taxPeriods
        self.reason = reason
        self.proceeding = proceeding
        self.attestation = attestation
        self.submittedOn = submittedOn
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case agreement, requester, signer, statute
        case taxPeriods = "tax_periods"
        case reason, proceeding, attestation
        case submittedOn = "submitted_on"
    }

    /// Decodes a manifest; rejects unknown keys and a malformed `submitted_on`. A missing
    /// `tax_periods`, `reason`, `proceeding` or `attestation` decodes as empty or false, so that
    /// ``ManifestCheck`` reports it with its reason code instead of a parse error.
    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            agreement: try container.decode(String.self, forKey: .agreement),
            requester: try container.decode(String.self, forKey: .requester),
            signer: try container.decode(Signer.self, forKey: .signer),
            statute: try container.decodeIfPresent(String.self, forKey: .statute) ?? "",
            taxPeriods: try container.decodeIfPresent([String].self, forKey: .taxPeriods) ?? [],
            reason: try container.decodeIfPresent(String.self, forKey: .reason) ?? "",
            proceeding: try container.decodeIfPresent(String.self, forKey: .proceeding) ?? "",
            attestation: try container.decodeIfPresent(Bool.self, forKey: .attestation) ?? false,
            submittedOn: try container.decodeISODateIfPresent(forKey: .submittedOn))
    }
}
