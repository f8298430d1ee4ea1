/// A field a verified outcome may release to the requester.
///
/// Raw values are the names agreements, orders and response files use; never rename one.
/// The declaration order is the order fields are listed in everywhere.
public enum DisclosureField: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    /// The yes/no result itself: that the request describes exactly one person on file.
    /// Every other field implies it, so nothing is released when this one is withheld.
    case verification
    /// The record's current address, from the protected store.
    case lastKnownAddress = "last_known_address"
    /// The name as the record holds it.
    case nameOnFile = "name_on_file"
    /// The record's birth date.
    case birthDate = "birth_date"
    /// The record's taxpayer identification number.
    case tin

    public init(from decoder: any Decoder) throws {
        self = try Self.decodeNamed(from: decoder)
    }

    /// Orders fields by declaration order.
    public static func < (lhs: DisclosureField, rhs: DisclosureField) -> Bool {
        lhs.position < rhs.position
    }

    var position: Int {
        switch self {
        case .verification: 0
        case .lastKnownAddress: 1
        case .nameOnFile: 2
        case .birthDate: 3
        case .tin: 4
        }
    }
}

extension DisclosureField: DocumentEnum {
    static var documentName: String { "disclosure field" }
}
