/// What an address line turned out to be, as far as the sufficiency gate is concerned.
///
/// Only `.street` can satisfy the statutory address rule; every other kind maps to one gate
/// reason code (see `Gate`).
public enum AddressKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// A house number and a street name: the only sufficient kind.
    case street
    /// A post-office box, a military PSC/CMR/UNIT box, a caller box or an Apartado.
    case poBox
    /// General Delivery (Entrega General).
    case generalDelivery
    /// A placeholder such as "Failed to Provide", "Unknown Address", "N/A" or "-".
    case placeholder
    /// Only a ZIP code or only digits, possibly with a state code ("90210", "CA 90210-1234").
    case zipOnly
    /// A Rural Route or Highway Contract box ("RR 2 Box 15", "HC 1 Box 3"): deliverable mail,
    /// but no house number on a street, so insufficient (`ADDR_RURAL_ROUTE`).
    case ruralRoute
    /// Words that read like a street but no house number ("Main St", "Apt 4").
    case noHouseNumber
    /// A house number with no street name ("123 Apt 4", "123 St").
    case noStreetName
    /// Nothing at all.
    case empty
    /// Two streets joined by `&`, `AND`, `AT` or `@`: a street corner, never a residence.
    case intersection
}

/// A US address line parsed and standardized after USPS Publication 28.
///
/// Every text field holds folded, uppercase ASCII. Two spellings of the same street
/// ("123 North Main Street" and "123 N Main St") give the same `streetKey`.
public struct ParsedAddress: Sendable, Hashable {
    /// What the line is: a street address or one of the insufficient kinds.
    public var kind: AddressKind
    /// The standardized house number: "123", "123A", "123 1/2", "12-14", "N6W23001".
    public var houseNumber: String
    /// The USPS directional before the street name ("N", "SW"), or "".
    public var predirectional: String
    /// The street name, folded tokens joined by one space, ordinals as digits ("5TH").
    public var streetName: String
    /// The USPS standard suffix abbreviation ("ST", "AVE"), or "".
    public var suffix: String
    /// The USPS directional after the street name, or "".
    public var postdirectional: String
    /// The standardized secondary unit ("APT 4B", "STE 200", "# 3"), or "".
    public var unit: String
    /// Whether the line names a private mailbox (PMB) at a commercial mail-receiving agency.
    public var isPrivateMailbox: Bool
    /// A post-office box (`.poBox`) or a rural-route box (`.ruralRoute`) written after the street
    /// ("123 MAIN ST PO BOX 5"): a mailing address beside it, so not a residential address alone.
    public var boxAfterStreet: AddressKind? = nil

    /// Makes a parsed address from its parts.
    public init(
        kind: AddressKind, houseNumber: String = "", predirectional: String = "",
        streetName: String = "", suffix: String = "", postdirectional: String = "",
        unit: String = "", isPrivateMailbox: Bool = false
    ) {
        self.kind = kind
        self.houseNumber = houseNumber
        self.predirectional = predirectional
        self.streetName = streetName
        self.suffix = suffix
        self.postdirectional = postdirectional
        self.unit = unit
        self.isPrivateMailbox = isPrivateMailbox
    }

    /// House number + street (with directionals and suffix), no unit: the key linkage compares at
    /// "house-number-and-street level", e.g. "123 N MAIN ST".
    public var streetKey: String {
        var key = houseNumber
        for part in [predirectional, streetName, suffix, postdirectional] where !part.isEmpty {
            if !key.isEmpty { key += " " }
            key += part
        }
        return key
    }

    /// Whether this is a complete street address (house number and street name).
    public var isStreetAddress: Bool { kind == .street }
}
