/// One row of a verification batch: a person as the requester describes them.
public struct Request: Sendable, Hashable {
    public var requestID: String
    public var tin: String
    public var givenName: String
    public var middleName: String
    public var surname: String
    public var birthDate: String
    public var address: PostalAddress
    public var caseReference: String
    /// 1-based line number in the source file (0 when the request did not come from a file).
    public var line: Int

    public init(
        requestID: String, tin: String = "", givenName: String, middleName: String = "",
        surname: String, birthDate: String = "", address: PostalAddress,
        caseReference: String = "", line: Int = 0
    ) {
        self.requestID = requestID
        self.tin = tin
        self.givenName = givenName
        self.middleName = middleName
        self.surname = surname
        self.birthDate = birthDate
        self.address = address
        self.caseReference = caseReference
        self.line = line
    }

    /// The value of a named request field, as used by an agreement's required-field list.
    public func value(of field: RequestField) -> String {
        switch field {
        case .requestID: requestID
        case .tin: tin
        case .givenName: givenName
        case .middleName: middleName
        case .surname: surname
        case .birthDate: birthDate
        case .addressLine1: address.line1
        case .addressLine2: address.line2
        case .city: address.city
        case .state: address.state
        case .postcode: address.postcode
        case .caseReference: caseReference
        }
    }
}

/// The columns of the Requests format, by their CSV names.
public enum RequestField: String, Sendable, CaseIterable, Codable {
    case requestID = "request_id"
    case tin
    case givenName = "given_name"
    case middleName = "middle_name"
    case surname
    case birthDate = "birth_date"
    case addressLine1 = "address_line1"
    case addressLine2 = "address_line2"
    case city
    case state
    case postcode
    case caseReference = "case_reference"
}
