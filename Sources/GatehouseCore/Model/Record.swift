/// One person in the protected store, with every address known for them.
///
/// Several rows of a Records CSV that share a `record_id` become one `Record` whose
/// `addresses` hold the person's address history.
public struct Record: Sendable, Hashable {
    public var recordID: String
    public var tin: String
    public var givenName: String
    public var middleName: String
    public var surname: String
    /// ISO 8601 date (`YYYY-MM-DD`) or empty.
    public var birthDate: String
    public var addresses: [PostalAddress]

    public init(
        recordID: String, tin: String = "", givenName: String, middleName: String = "",
        surname: String, birthDate: String = "", addresses: [PostalAddress] = []
    ) {
        self.recordID = recordID
        self.tin = tin
        self.givenName = givenName
        self.middleName = middleName
        self.surname = surname
        self.birthDate = birthDate
        self.addresses = addresses
    }
}

/// A postal address as written in a file: free text lines plus locality fields.
public struct PostalAddress: Sendable, Hashable {
    public var line1: String
    public var line2: String
    public var city: String
    public var state: String
    public var postcode: String
    /// ISO 8601 date the address was known to be current, or empty.
    public var asOf: String

    public init(
        line1: String, line2: String = "", city: String = "", state: String = "",
        postcode: String = "", asOf: String = ""
    ) {
        self.line1 = line1
        self.line2 = line2
        self.city = city
        self.state = state
        self.postcode = postcode
        self.asOf = asOf
    }
}
