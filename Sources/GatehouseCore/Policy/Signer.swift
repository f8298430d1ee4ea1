/// A person who signs requests for the requesting agency, with the role they sign in.
public struct Signer: Sendable, Hashable, Codable {
    /// The signer's full name as the agreement lists it.
    public var name: String
    /// The office they hold ("Assistant Director"); compared with the agreement's permitted roles.
    public var role: String

    /// Makes a signer.
    public init(name: String, role: String) {
        self.name = name
        self.role = role
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, role
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try container.decode(String.self, forKey: .name),
            role: try container.decode(String.self, forKey: .role))
    }

    /// Whether two names or roles are the same once case, accents and spacing are folded.
    static func same(_ lhs: String, _ rhs: String) -> Bool {
        TextFolding.fold(lhs) == TextFolding.fold(rhs)
    }
}
