extension Agreement {
    /// Interactive use: single verifications over the API (`POST /v1/verifications`), off unless
    /// the agreement says so, with its probe limit.
    public struct Interactive: Sendable, Hashable, Codable {
        /// Whether single verifications are allowed under the agreement.
        public var enabled: Bool
        /// The most questions about one person (the same normalized name and birth date, or the
        /// same TIN) allowed within the window; one more is refused with `PROBE_LIMIT`.
        public var probeLimit: Int
        /// The window of the probe limit, in hours.
        public var probeWindowHours: Int

        /// Makes the settings; by default enabled, 3 questions about one person per 24 hours.
        public init(enabled: Bool = true, probeLimit: Int = 3, probeWindowHours: Int = 24) {
            self.enabled = enabled
            self.probeLimit = probeLimit
            self.probeWindowHours = probeWindowHours
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case enabled
            case probeLimit = "probe_limit"
            case probeWindowHours = "probe_window_hours"
        }

        /// Decodes the settings; `enabled` defaults to true (the section is there to enable it),
        /// `probe_limit` to 3, `probe_window_hours` to 24.
        public init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.init(
                enabled: try container.decodeIfPresent(Bool.self, forKey: .enabled) ?? true,
                probeLimit: try container.decodeIfPresent(Int.self, forKey: .probeLimit) ?? 3,
                probeWindowHours: try container.decodeIfPresent(Int.self, forKey: .probeWindowHours) ?? 24)
        }
    }

    /// Whether single verifications are allowed.
    public var allowsInteractiveUse: Bool { interactive?.enabled == true }

    func interactiveProblems() -> [String] {
        guard let interactive else { return [] }
        var problems: [String] = []
        if interactive.probeLimit < 1 { problems.append("interactive.probe_limit must be 1 or more") }
        if interactive.probeWindowHours < 1 { problems.append("interactive.probe_window_hours must be 1 or more") }
        return problems
    }
}
