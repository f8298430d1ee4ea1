/// A court order that limits disclosures under one or more agreements.
///
/// Orders are versioned files. An order is in force when it is `active`, its `effective` date
/// has come, and its scope covers the agreement; a stayed or vacated order does nothing.
public struct CourtOrder: Sendable, Hashable, Codable {
    /// Which agreements an order covers.
    ///
    /// Both lists empty: every agreement. Otherwise the order covers an agreement named in
    /// `agreements` **or** whose requester agency is named in `requesters` (the union: an order
    /// errs towards covering more).
    public struct Scope: Sendable, Hashable, Codable {
        /// Agreement ids the order names.
        public var agreements: [String]
        /// Requesting agencies the order names; compared ignoring case, accents and spacing.
        public var requesters: [String]

        /// Makes a scope; the default covers every agreement.
        public init(agreements: [String] = [], requesters: [String] = []) {
            self.agreements = agreements
            self.requesters = requesters
        }

        /// Whether the scope names nothing and so covers every agreement.
        public var coversEveryAgreement: Bool { agreements.isEmpty && requesters.isEmpty }

        /// Whether the scope covers `agreement`.
        public func covers(_ agreement: Agreement) -> Bool {
            coversEveryAgreement
                || agreements.contains(agreement.id)
                || requesters.contains { Signer.same($0, agreement.requester.agency) }
        }
    }

    /// What an order does while it is in force.
    public struct Effect: Sendable, Hashable, Codable {
        /// Fields that may not be released (withheld with `WITHHELD_BY_ORDER`). Forbidding
        /// `verification` forbids everything, since every other field implies it.
        public var forbidFields: [DisclosureField]
        /// Whether every disclosure is suspended.
        public var suspendDisclosures: Bool
        /// Releases made before this date (`YYYY-MM-DD`) may no longer be used: a review flags
        /// them for disposal, and nothing is released while the date is still ahead.
        public var barUseOfReleasesBefore: String?

        /// Makes an effect.
        public init(
            forbidFields: [DisclosureField] = [], suspendDisclosures: Bool = false,
            barUseOfReleasesBefore: String? = nil
        ) {
            self.forbidFields = forbidFields
            self.suspendDisclosures = suspendDisclosures
            self.barUseOfReleasesBefore = barUseOfReleasesBefore
        }

        /// Whether the effect does anything at all.
        public var isEmpty: Bool { forbidFields.isEmpty && !suspendDisclosures && barUseOfReleasesBefore == nil }
    }

    /// Whether the order binds.
    public enum Status: String, Sendable, Hashable, CaseIterable, Codable {
        /// In force from its effective date.
        case active
        /// Stayed (by the issuing court or on appeal): not applied while the stay lasts.
        case stayed
        /// Vacated: never applied again.
        case vacated
    }

    /// How reports and notices cite an order.
    public struct Citation: Sendable, Hashable, Codable, Comparable {
        /// The order's id.
        public var id: String
        /// The version of the order that applied.
        public var version: Int
        /// The issuing court.
        public var court: String
        /// The case number.
        public var caseNumber: String

        /// Makes a citation.
        public init(id: String, version: Int, court: String, caseNumber: String) {
            self.id = id
            self.version = version
            self.court = court
            self.caseNumber = caseNumber
        }

        enum CodingKeys: String, CodingKey {
            case id, version, court
            case caseNumber = "case_number"
        }

        public static func < (lhs: Citation, rhs: Citation) -> Bool {
            (lhs.id, lhs.version) < (rhs.id, rhs.version)
        }
    }

    /// The order's stable identifier.
    public var id: String
    /// The version, from 1; a stay, a vacatur or an amendment is a new version.
    public var version: Int
    /// The issuing court ("U.S. District Court for the District of Columbia").
    public var court: String
    /// The case number ("1:25-cv-01234").
    public var caseNumber: String
    /// The day the order was issued (`YYYY-MM-DD`).
    public var issued: String
    /// The first day the order binds (`YYYY-MM-DD`).
    public var effective: String
    /// The agreements it covers.
    public var scope: Scope
    /// What it does.
    public var effect: Effect
    /// Whether it binds.
    public var status: Status

    /// Makes an order.
    public init(
        id: String, version: Int, court: String, caseNumber: String, issued: String, effective: String,
        scope: Scope = Scope(), effect: Effect, status: Status = .active
    ) {
        self.id = id
        self.version = version
        self.court = court
        self.caseNumber = caseNumber
        self.issued = issued
        self.effective = effective
        self.scope = scope
        self.effect = effect
        self.status = status
    }

    /// How reports cite this order.
    public var citation: Citation {
        Citation(id: id, version: version, court: court, caseNumber: caseNumber)
    }

    /// Whether the order binds `agreement` on `date` (`YYYY-MM-DD`): it is active, its scope
    /// covers the agreement, and its effective date is on or before `date`.
    ///
    /// Fails safe: an active, in-scope order whose effective date (or the `date` asked about)
    /// cannot be read is treated as in force.
    public func applies(to agreement: Agreement, on date: String) -> Bool {
        guard status == .active, scope.covers(agreement) else { return false }
        guard ISODate.isValid(effective), ISODate.isValid(date) else { return true }
        return effective <= date
    }

    /// Whether the order bars use of a release made on `releasedOn` (`YYYY-MM-DD`): it sets
    /// `bar_use_of_releases_before` and the release falls before that date. Says nothing about
    /// whether the order is in force; see ``applies(to:on:)``.
    public func barsUse(ofReleaseOn releasedOn: String) -> Bool {
        guard let bar = effect.barUseOfReleasesBefore else { return false }
        guard ISODate.isValid(bar), ISODate.isValid(releasedOn) else { return true }
        return releasedOn < bar
    }

    /// Whether the order's dates can be read; an order that fails this makes the policy
    /// withhold everything (`WITHHELD_ORDER_INVALID`).
    public var hasReadableDates: Bool {
        ISODate.isValid(issued) && ISODate.isValid(effective)
            && (effect.barUseOfReleasesBefore.map(ISODate.isValid) ?? true)
    }

    /// Every problem with the order as a document, in words; empty when it may be used.
    public func problems() -> [String] {
        var problems: [String] = []
        if !Agreement.isIdentifier(id) {
            problems.append("id must be non-empty and hold only letters, digits, '.', '_' and '-'")
        }
        if version < 1 { problems.append("version must be 1 or more") }
        if Agreement.isBlank(court) { problems.append("court is empty") }
        if Agreement.isBlank(caseNumber) { problems.append("case_number is empty") }
        if !ISODate.isValid(issued) { problems.append("issued is not a date written YYYY-MM-DD") }
        if !ISODate.isValid(effective) { problems.append("effective is not a date written YYYY-MM-DD") }
        if let bar = effect.barUseOfReleasesBefore, !ISODate.isValid(bar) {
            problems.append("effect.bar_use_of_releases_before is not a date written YYYY-MM-DD")
        }
        if effect.isEmpty {
            problems.append(
                "effect does nothing: give forbid_fields, suspend_disclosures or bar_use_of_releases_before")
        }
        if scope.agreements.contains(where: Agreement.isBlank) || scope.requesters.contains(where: Agreement.isBlank) {
            problems.append("scope lists an empty agreement or requester")
        }
        return problems
    }
}
