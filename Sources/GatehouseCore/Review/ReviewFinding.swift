/// One past release that no longer stands under the rules, agreements and orders in force now.
///
/// Identifiers, field names and reason codes only: never a person's name, address, TIN or birth
/// date (a finding is printed, stored and cited in notices).
public struct ReviewFinding: Sendable, Hashable, Codable {
    /// Why a release no longer stands, in the words a declaration uses.
    public enum Category: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
        /// The request would not pass today's sufficiency gate.
        case nowInsufficient = "now_insufficient"
        /// The request no longer matches exactly one person, or matches another person.
        case notUniquelyMatched = "not_uniquely_matched"
        /// A court order in force bars use of the release or forbids the field.
        case barredByOrder = "barred_by_order"
        /// The agreement no longer permits the field, or the address would not be released.
        case fieldNoLongerPermitted = "field_no_longer_permitted"
        /// The agreement is suspended, out of force or invalid.
        case agreementNotInForce = "agreement_not_in_force"

        public static func < (lhs: Category, rhs: Category) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    public var batchID: String
    public var rowNumber: Int
    public var requestID: String
    public var agreementID: String
    public var agreementVersion: Int
    /// The requesting agency that received the release.
    public var recipient: String
    /// Every field the release disclosed.
    public var releasedFields: [DisclosureField]
    /// When it was released (ISO 8601).
    public var releasedAt: String
    /// The released fields that no longer stand.
    public var fields: [DisclosureField]
    /// The review's reason codes (`RELEASE_…`, `WITHHELD_…`), sorted.
    public var reasons: [ReasonCode]
    /// The request's outcome when decided again today.
    public var outcomeNow: Outcome
    /// The gate or linkage codes of today's decision (why it is insufficient, not found, ambiguous).
    public var decisionReasons: [ReasonCode]
    /// True when today's decision verifies a different person than the one released.
    public var matchedAnotherRecord: Bool
    /// The court orders behind the finding, by id.
    public var orders: [String]

    public init(
        batchID: String, rowNumber: Int, requestID: String, agreementID: String, agreementVersion: Int,
        recipient: String, releasedFields: [DisclosureField], releasedAt: String, fields: [DisclosureField],
        reasons: [ReasonCode], outcomeNow: Outcome, decisionReasons: [ReasonCode], matchedAnotherRecord: Bool,
        orders: [String]
    ) {
        self.batchID = batchID
        self.rowNumber = rowNumber
        self.requestID = requestID
        self.agreementID = agreementID
        self.agreementVersion = agreementVersion
        self.recipient = recipient
        self.releasedFields = releasedFields
        self.releasedAt = releasedAt
        self.fields = fields
        self.reasons = reasons
        self.outcomeNow = outcomeNow
        self.decisionReasons = decisionReasons
        self.matchedAnotherRecord = matchedAnotherRecord
        self.orders = orders
    }

    /// The categories the finding falls under, in declaration order.
    public var categories: [Category] {
        var out: Set<Category> = []
        switch outcomeNow {
        case .insufficient, .rejected: out.insert(.nowInsufficient)
        case .notFound, .ambiguous: out.insert(.notUniquelyMatched)
        case .verified: if matchedAnotherRecord { out.insert(.notUniquelyMatched) }
        }
        for reason in reasons {
            switch reason {
            case .withheldByOrder, .releaseUseBarredByOrder, .withheldOrderInvalid, .withheldOrderRegistryUnavailable:
                out.insert(.barredByOrder)
            case .withheldNotPermitted, .withheldAddressNotConfirmed:
                out.insert(.fieldNoLongerPermitted)
            case .withheldAgreementSuspended, .withheldAgreementNotInForce, .withheldAgreementInvalid,
                .withheldDecisionDateInvalid:
                out.insert(.agreementNotInForce)
            default: break
            }
        }
        return out.sorted()
    }
}
