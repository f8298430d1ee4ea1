extension Agreement {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, version, requester
        case legalBasis = "legal_basis"
        case purpose
        case validFrom = "valid_from"
        case validUntil = "valid_until"
        case signers
        case permittedSignerRoles = "permitted_signer_roles"
        case permittedStatutes = "permitted_statutes"
        case requiredFields = "required_fields"
        case sufficiencyProfile = "sufficiency_profile"
        case matchThreshold = "match_threshold"
        case permittedFields = "permitted_fields"
        case quotas
        case twoPersonRelease = "two_person_release"
        case status
        case interactive
        case retentionDays = "retention_days"
    }

    /// Decodes an agreement; rejects unknown keys and malformed dates. Optional keys:
    /// `required_fields` ([]), `sufficiency_profile` (statutory), `match_threshold` (0.99),
    /// `quotas` (none), `two_person_release` (true), `status` (active), `interactive` (none: no
    /// single verifications).
    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(decodingFrom: container)
        retentionDays = try container.decodeIfPresent(Int.self, forKey: .retentionDays)
    }

    private init(decodingFrom container: KeyedDecodingContainer<CodingKeys>) throws {
        self.init(
            id: try container.decode(String.self, forKey: .id),
            version: try container.decode(Int.self, forKey: .version),
            requester: try container.decode(Requester.self, forKey: .requester),
            legalBasis: try container.decode([String].self, forKey: .legalBasis),
            purpose: try container.decode(String.self, forKey: .purpose),
            validFrom: try container.decodeISODate(forKey: .validFrom),
            validUntil: try container.decodeISODate(forKey: .validUntil),
            signers: try container.decode([Signer].self, forKey: .signers),
            permittedSignerRoles: try container.decode([String].self, forKey: .permittedSignerRoles),
            permittedStatutes: try container.decode([String].self, forKey: .permittedStatutes),
            requiredFields: try Self.decodeRequestFields(container),
            sufficiencyProfile: try container.decodeIfPresent(String.self, forKey: .sufficiencyProfile) ?? "statutory",
            matchThreshold: try container.decodeIfPresent(Double.self, forKey: .matchThreshold) ?? 0.99,
            permittedFields: try container.decode([DisclosureField].self, forKey: .permittedFields),
            quotas: try container.decodeIfPresent(Quotas.self, forKey: .quotas) ?? Quotas(),
            twoPersonRelease: try container.decodeIfPresent(Bool.self, forKey: .twoPersonRelease) ?? true,
            status: try container.decodeIfPresent(Status.self, forKey: .status) ?? .active,
            interactive: try container.decodeIfPresent(Interactive.self, forKey: .interactive))
    }
}

extension Agreement {
    /// Decodes `required_fields` by column name without echoing an unknown name.
    static func decodeRequestFields(_ container: KeyedDecodingContainer<CodingKeys>) throws -> [RequestField] {
        guard let names = try container.decodeIfPresent([String].self, forKey: .requiredFields) else { return [] }
        return try names.enumerated().map { index, name in
            if let field = RequestField(rawValue: name) { return field }
            let expected = RequestField.allCases.map(\.rawValue).joined(separator: ", ")
            throw DocumentValueError.corrupted(
                at: container.codingPath + [CodingKeys.requiredFields, AnyCodingKey(intValue: index)!],
                "unknown request field; expected one of: \(expected)")
        }
    }
}

extension Agreement.Requester {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case agency, contact, address
    }

    /// Decodes a requester; `contact` and `address` default to empty.
    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            agency: try container.decode(String.self, forKey: .agency),
            contact: try container.decodeIfPresent(String.self, forKey: .contact) ?? "",
            address: try container.decodeIfPresent(String.self, forKey: .address) ?? "")
    }
}

extension Agreement.Quotas {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case recordsPerBatch = "records_per_batch"
        case recordsPerDay = "records_per_day"
    }

    /// Decodes quotas; a missing key means no limit.
    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            recordsPerBatch: try container.decodeIfPresent(Int.self, forKey: .recordsPerBatch),
            recordsPerDay: try container.decodeIfPresent(Int.self, forKey: .recordsPerDay))
    }
}

extension Agreement.Status: DocumentEnum {
    static var documentName: String { "agreement status" }

    public init(from decoder: any Decoder) throws {
        self = try Self.decodeNamed(from: decoder)
    }
}
