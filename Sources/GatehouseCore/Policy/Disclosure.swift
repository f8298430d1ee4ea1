/// A field that is not released, with the reason.
public struct WithheldField: Sendable, Hashable, Codable {
    /// The field withheld.
    public var field: DisclosureField
    /// Why (`WITHHELD_…`, or a `RELEASE_…` code in a review).
    public var reason: ReasonCode

    /// Makes a withheld field.
    public init(_ field: DisclosureField, _ reason: ReasonCode) {
        self.field = field
        self.reason = reason
    }
}

/// What one request's decision releases to the requester, and what it withholds and why.
///
/// For a verified outcome every ``DisclosureField`` appears exactly once, either in `released`
/// or in `withheld`. For any other outcome there is no record, so both lists are empty.
public struct Disclosure: Sendable, Hashable {
    /// The code and label the requester receives.
    public var resultCode: ResponseCode
    /// The fields to release, in field order; empty unless `resultCode` is `verified`.
    public var released: [DisclosureField]
    /// The fields not released, each with its reason, in field order.
    public var withheld: [WithheldField]
    /// Every reason that withheld something or blocked the whole response, sorted.
    public var reasons: [ReasonCode]
    /// The orders that withheld something, sorted by id.
    public var orders: [CourtOrder.Citation]

    /// Makes a disclosure.
    public init(
        resultCode: ResponseCode, released: [DisclosureField] = [], withheld: [WithheldField] = [],
        reasons: [ReasonCode] = [], orders: [CourtOrder.Citation] = []
    ) {
        self.resultCode = resultCode
        self.released = released
        self.withheld = withheld
        self.reasons = reasons
        self.orders = orders
    }

    /// Whether `field` is released.
    public func releases(_ field: DisclosureField) -> Bool {
        released.contains(field)
    }

    /// The reason `field` is withheld, or nil when it is released or there is no record.
    public func reason(withholding field: DisclosureField) -> ReasonCode? {
        withheld.first { $0.field == field }?.reason
    }
}
