extension CourtOrder {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, version, court
        case caseNumber = "case_number"
        case issued, effective, scope, effect, status
    }

    /// Decodes an order; rejects unknown keys and malformed dates. `scope` may be left out
    /// (every agreement); `status` defaults to active.
    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try container.decode(String.self, forKey: .id),
            version: try container.decode(Int.self, forKey: .version),
            court: try container.decode(String.self, forKey: .court),
            caseNumber: try container.decode(String.self, forKey: .caseNumber),
            issued: try container.decodeISODate(forKey: .issued),
            effective: try container.decodeISODate(forKey: .effective),
            scope: try container.decodeIfPresent(Scope.self, forKey: .scope) ?? Scope(),
            effect: try container.decode(Effect.self, forKey: .effect),
            status: try container.decodeIfPresent(Status.self, forKey: .status) ?? .active)
    }
}

extension CourtOrder.Scope {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case agreements, requesters
    }

    /// Decodes a scope; a missing list is empty.
    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            agreements: try container.decodeIfPresent([String].self, forKey: .agreements) ?? [],
            requesters: try container.decodeIfPresent([String].self, forKey: .requesters) ?? [])
    }
}

extension CourtOrder.Effect {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case forbidFields = "forbid_fields"
        case suspendDisclosures = "suspend_disclosures"
        case barUseOfReleasesBefore = "bar_use_of_releases_before"
    }

    /// Decodes an effect; a missing key does nothing.
    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            forbidFields: try container.decodeIfPresent([DisclosureField].self, forKey: .forbidFields) ?? [],
            suspendDisclosures: try container.decodeIfPresent(Bool.self, forKey: .suspendDisclosures) ?? false,
            barUseOfReleasesBefore: try container.decodeISODateIfPresent(forKey: .barUseOfReleasesBefore))
    }
}

extension CourtOrder.Status: DocumentEnum {
    static var documentName: String { "order status" }

    public init(from decoder: any Decoder) throws {
        self = try Self.decodeNamed(from: decoder)
    }
}
