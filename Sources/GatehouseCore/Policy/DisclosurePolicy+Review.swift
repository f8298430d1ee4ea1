/// Whether a past release still stands under the agreement and orders in force today.
public struct ReleaseReview: Sendable, Hashable {
    /// Each previously released field that would not be released today or may no longer be
    /// used, with each reason (a field may appear once per reason), in field then code order.
    public var findings: [WithheldField]
    /// Every reason among the findings, sorted.
    public var reasons: [ReasonCode]
    /// The orders behind the findings (forbidding, suspending or barring use), sorted by id.
    public var orders: [CourtOrder.Citation]

    /// Whether the release stands: nothing it released is now withheld or barred.
    public var stands: Bool { findings.isEmpty }

    /// The previously released fields that no longer stand, in field order.
    public var fields: [DisclosureField] { Set(findings.map(\.field)).sorted() }
}

extension DisclosurePolicy {
    /// The orders in force that bar use of a release made on `releasedOn` (`YYYY-MM-DD`).
    public func barringOrders(releasedOn: String) -> [CourtOrder] {
        ordersInForce.filter { $0.barsUse(ofReleaseOn: releasedOn) }
    }

    /// Replays one past release under this policy (today's agreement, orders and date).
    ///
    /// - Parameters:
    ///   - released: The fields the release disclosed.
    ///   - releasedOn: The day it was released, `YYYY-MM-DD`.
    ///   - outcome: The request's outcome when decided again today (from the stored request and
    ///     today's profile and store); anything but `verified` withholds every field with
    ///     `RELEASE_OUTCOME_NOT_VERIFIED` — the gate and linkage reasons say why.
    ///   - addressVerified: Whether today the request's own address is sufficient and on file.
    /// - Returns: A finding per released field that today's policy withholds (with its
    ///   `WITHHELD_…` reason) and per released field whose use an order now bars
    ///   (`RELEASE_USE_BARRED_BY_ORDER`).
    /// - Note: A review should not run with an unreadable order registry; if it does, every
    ///   release is reported with `WITHHELD_ORDER_REGISTRY_UNAVAILABLE`.
    public func review(
        released: [DisclosureField], releasedOn: String, outcome: Outcome, addressVerified: Bool
    ) -> ReleaseReview {
        let today = evaluate(outcome: outcome, addressVerified: addressVerified)
        var findings: Set<WithheldField> = []
        var orders: Set<CourtOrder.Citation> = []
        for field in Set(released) where !today.releases(field) {
            if outcome != .verified {
                findings.insert(WithheldField(field, .releaseOutcomeNotVerified))
            }
            if let reason = today.reason(withholding: field) {
                findings.insert(WithheldField(field, reason))
            } else {
                for reason in today.reasons { findings.insert(WithheldField(field, reason)) }
            }
        }
        if !findings.isEmpty { orders.formUnion(today.orders) }
        let barring = barringOrders(releasedOn: releasedOn)
        if !barring.isEmpty {
            for field in Set(released) { findings.insert(WithheldField(field, .releaseUseBarredByOrder)) }
            orders.formUnion(barring.map(\.citation))
        }
        let sorted = findings.sorted { ($0.field, $0.reason) < ($1.field, $1.reason) }
        return ReleaseReview(
            findings: sorted, reasons: Set(sorted.map(\.reason)).sorted(), orders: orders.sorted())
    }

    /// Replays one past release under `agreement` and `orders` on `date`; a shorthand for
    /// building a policy and calling ``review(released:releasedOn:outcome:addressVerified:)``.
    public static func releaseStillStands(
        released: [DisclosureField], releasedOn: String, outcome: Outcome, addressVerified: Bool,
        agreement: Agreement, orders: [CourtOrder], on date: String, registryReadable: Bool
    ) -> ReleaseReview {
        DisclosurePolicy(agreement: agreement, orders: orders, on: date, registryReadable: registryReadable)
            .review(released: released, releasedOn: releasedOn, outcome: outcome, addressVerified: addressVerified)
    }
}
