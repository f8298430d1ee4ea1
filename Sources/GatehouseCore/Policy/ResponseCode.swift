/// The result a requester receives for one request: a stable number and a label.
///
/// In the spirit of the IRS TIN Matching codes. The numbers are part of the response format:
/// never renumber one, only add.
///
/// | code | label |
/// | --- | --- |
/// | 0 | Verified |
/// | 1 | Not found |
/// | 2 | Insufficient request |
/// | 3 | Ambiguous: more than one person |
/// | 4 | Disclosure withheld |
/// | 5 | Rejected: malformed row |
///
/// Code 4 deliberately does not say "verified": whenever the verification itself may not be
/// released (an order suspends disclosures, the agreement is suspended or out of force, the
/// order registry cannot be read), every request that reached linkage — verified, not found or
/// ambiguous alike — answers 4, so the code cannot be read as a yes.
public enum ResponseCode: Int, Sendable, Hashable, CaseIterable, Codable {
    /// Exactly one person on file fits the request, and the verification is released.
    case verified = 0
    /// No single person on file fits the request.
    case notFound = 1
    /// The request is not legally sufficient (a reason per row in the officer's report); it was never matched.
    case insufficient = 2
    /// More than one person on file fits the request and nothing in it separates them.
    case ambiguous = 3
    /// No result may be disclosed for this request under the agreement and the orders in force.
    case withheld = 4
    /// The row itself could not be read (bad encoding, missing or duplicate id).
    case rejected = 5

    /// The requester-facing label.
    public var label: String {
        switch self {
        case .verified: "Verified"
        case .notFound: "Not found"
        case .insufficient: "Insufficient request"
        case .ambiguous: "Ambiguous: more than one person"
        case .withheld: "Disclosure withheld"
        case .rejected: "Rejected: malformed row"
        }
    }
}
