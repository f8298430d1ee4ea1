/// A data-sharing agreement: who may ask, on what legal basis, how requests are judged, and what
/// a verified outcome may release.
///
/// Agreements are versioned files; every change is a new `version`, and a decision keeps the
/// version it was made under. Validate with ``problems()`` before use.
public struct Agreement: Sendable, Hashable, Codable {
    /// The agency that asks, and how to reach it.
    public struct Requester: Sendable, Hashable, Codable {
        /// The requesting agency's name; a manifest must name the same agency.
        public var agency: String
        /// The office or person responsible for the agreement at the agency.
        public var contact: String
        /// The agency's postal address for notices (disposal requests go here).
        public var address: String

        /// Makes a requester.
        public init(agency: String, contact: String = "", address: String = "") {
            self.agency = agency
            self.contact = contact
            self.address = address
        }
    }

    /// Volume limits; nil means no limit.
    public struct Quotas: Sendable, Hashable, Codable {
        /// The most requests one batch may hold.
        public var recordsPerBatch: Int?
        /// The most requests the requester may submit in one calendar day, across batches.
        public var recordsPerDay: Int?

        /// Makes quotas.
        public init(recordsPerBatch: Int? = nil, recordsPerDay: Int? = nil) {
            self.recordsPerBatch = recordsPerBatch
            self.recordsPerDay = recordsPerDay
        }
    }

    /// Whether the agreement may be used.
    public enum Status: String, Sendable, Hashable, CaseIterable, Codable {
        /// In use: batches may be submitted and released within the validity window.
        case active
        /// Suspended: no batch is accepted and nothing is released.
        case suspended
    }

    /// The agreement's stable identifier (letters, digits, `.`, `_`, `-`).
    public var id: String
    /// The version, from 1; every change is a new version.
    public var version: Int
    /// The requesting agency.
    public var requester: Requester
    /// The statutes that authorise disclosure ("26 U.S.C. § 6103(i)(2)").
    public var legalBasis: [String]
    /// What the data is for, as the agreement states it.
    public var purpose: String
    /// The first day the agreement is in force (`YYYY-MM-DD`).
    public var validFrom: String
    /// The last day the agreement is in force (`YYYY-MM-DD`, inclusive).
    public var validUntil: String
    /// The people allowed to sign batch manifests, each with their role.
    public var signers: [Signer]
    /// The roles a manifest's signer must hold.
    public var permittedSignerRoles: [String]
    /// The statutes a manifest may cite as the authority for its proceeding.
    public var permittedStatutes: [String]
    /// Request columns that must be non-empty beyond the profile's own rules.
    public var requiredFields: [RequestField]
    /// The name of the sufficiency profile requests are judged by (``SufficiencyProfile/named(_:)``).
    public var sufficiencyProfile: String
    /// The least match probability for a verified outcome, in [0.5, 1).
    public var matchThreshold: Double
    /// The fields a verified outcome may release; must include `verification`.
    public var permittedFields: [DisclosureField]
    /// Volume limits.
    public var quotas: Quotas
    /// Whether a batch's release needs approval by two different officers.
    public var twoPersonRelease: Bool
    /// Whether the agreement may be used.
    public var status: Status
    /// Interactive use (single verifications) and its probe limit; nil means not allowed.
    public var interactive: Interactive?
    /// Days the request rows and responses of a batch are kept after its release (after its
    /// submission if it is never released), then purged by `gatehouse retention run`; nil keeps
    /// them. The accounting of disclosures and the ledger are kept regardless.
    public var retentionDays: Int? = nil

    /// Makes an agreement; the defaults are the statutory profile, a 0.99 threshold, no quotas,
    /// two-person release and `active`.
    public init(
        id: String, version: Int, requester: Requester, legalBasis: [String], purpose: String,
        validFrom: String, validUntil: String, signers: [Signer], permittedSignerRoles: [String],
        permittedStatutes: [String], requiredFields: [RequestField] = [], sufficiencyProfile: String = "statutory",
        matchThreshold: Double = 0.99, permittedFields: [DisclosureField], quotas: Quotas = Quotas(),
        twoPersonRelease: Bool = true, status: Status = .active, interactive: Interactive? = nil
    ) {
        self.id = id
        self.version = version
        self.requester = requester
        self.legalBasis = legalBasis
        self.purpose = purpose
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.signers = signers
        self.permittedSignerRoles = permittedSignerRoles
        self.permittedStatutes = permittedStatutes
        self.requiredFields = requiredFields
        self.sufficiencyProfile = sufficiencyProfile
        self.matchThreshold = matchThreshold
        self.permittedFields = permittedFields
        self.quotas = quotas
        self.twoPersonRelease = twoPersonRelease
        self.status = status
        self.interactive = interactive
    }

    /// Whether `date` (`YYYY-MM-DD`) falls within the validity window, ends included.
    /// False when any of the three dates is not a valid date.
    public func isInForce(on date: String) -> Bool {
        ISODate.isOnOrBefore(validFrom, date) && ISODate.isOnOrBefore(date, validUntil)
    }

    /// The sufficiency profile this agreement names, with its required fields added; nil when the
    /// name is unknown.
    public var profile: SufficiencyProfile? {
        guard var profile = SufficiencyProfile.named(sufficiencyProfile) else { return nil }
        for field in requiredFields where !profile.requiredFields.contains(field) {
            profile.requiredFields.append(field)
        }
        return profile
    }
}
