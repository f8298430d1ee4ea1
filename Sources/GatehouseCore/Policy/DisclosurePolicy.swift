/// Turns a linkage outcome into a disclosure under an agreement and every court order.
///
/// Pure: the same inputs always give the same disclosure. The pipeline evaluates it when a
/// decision is made and again at release, with the orders read afresh, so an order added in
/// between withholds at release. Build one value per batch (or per release run) and call
/// ``evaluate(outcome:addressVerified:)`` per row; the agreement- and order-level work is done once.
///
/// Rules, in order:
/// 1. Nothing is released when the order registry could not be read, the evaluation date is
///    unreadable, an order's dates are unreadable, the agreement is suspended, out of force or
///    invalid, an order in force suspends disclosures or bars use of releases made before a
///    date still ahead, or `verification` itself is not permitted or is forbidden. Then every
///    request that reached linkage answers ``ResponseCode/withheld``, whatever its outcome, so
///    the response code cannot reveal whether the person is on file.
/// 2. Otherwise only `verified` releases anything. A field is released only when the agreement
///    permits it (`WITHHELD_NOT_PERMITTED`), no order in force forbids it (`WITHHELD_BY_ORDER`)
///    and, for `last_known_address`, the request's own address was sufficient and on file
///    (`WITHHELD_ADDRESS_NOT_CONFIRMED`).
/// 3. Stayed and vacated orders, orders not yet effective and orders outside their scope do
///    not apply.
public struct DisclosurePolicy: Sendable {
    /// The agreement evaluated under.
    public let agreement: Agreement
    /// The orders in force for the agreement on the evaluation date.
    public let ordersInForce: [CourtOrder]
    /// The evaluation date (`YYYY-MM-DD`).
    public let date: String
    /// Reasons that withhold everything, sorted; empty when something may be released.
    public let blockingReasons: [ReasonCode]
    /// Per field, the first reason it is withheld before the address rule; absent when releasable.
    let fieldReasons: [DisclosureField: ReasonCode]
    /// Orders cited by the blocking reasons or the field reasons.
    let citedOrders: [CourtOrder.Citation]

    /// Prepares the policy for one agreement, one set of orders and one day.
    ///
    /// - Parameters:
    ///   - agreement: The agreement version the batch runs under.
    ///   - orders: Every order in the registry, in any state; those not in force are ignored.
    ///   - date: The evaluation day, `YYYY-MM-DD`.
    ///   - registryReadable: False when the order registry could not be read; then nothing is released.
    public init(agreement: Agreement, orders: [CourtOrder], on date: String, registryReadable: Bool) {
        self.agreement = agreement
        self.date = date
        var blocking: Set<ReasonCode> = []
        var cited: Set<CourtOrder.Citation> = []
        var fieldReasons: [DisclosureField: ReasonCode] = [:]

        if agreement.status == .suspended { blocking.insert(.withheldAgreementSuspended) }
        if !ISODate.isValid(date) {
            blocking.insert(.withheldDecisionDateInvalid)
        } else if !agreement.isInForce(on: date) {
            blocking.insert(.withheldAgreementNotInForce)
        }
        if !agreement.problems().isEmpty { blocking.insert(.withheldAgreementInvalid) }

        var inForce: [CourtOrder] = []
        if !registryReadable {
            blocking.insert(.withheldOrderRegistryUnavailable)
        } else {
            inForce = orders.filter { $0.applies(to: agreement, on: date) }
            if orders.contains(where: { !$0.hasReadableDates && $0.status == .active && $0.scope.covers(agreement) }) {
                blocking.insert(.withheldOrderInvalid)
            }
            for order in inForce where order.effect.suspendDisclosures || order.barsUse(ofReleaseOn: date) {
                blocking.insert(.withheldByOrder)
                cited.insert(order.citation)
            }
        }

        for field in DisclosureField.allCases {
            if !agreement.permittedFields.contains(field) {
                fieldReasons[field] = .withheldNotPermitted
            } else {
                let forbidding = inForce.filter { $0.effect.forbidFields.contains(field) }
                if !forbidding.isEmpty {
                    fieldReasons[field] = .withheldByOrder
                    cited.formUnion(forbidding.map(\.citation))
                }
            }
        }
        if let reason = fieldReasons[.verification] { blocking.insert(reason) }

        self.ordersInForce = inForce
        self.blockingReasons = blocking.sorted()
        self.fieldReasons = fieldReasons
        self.citedOrders = cited.sorted()
    }

    /// The disclosure for one request.
    ///
    /// - Parameters:
    ///   - outcome: The request's linkage outcome.
    ///   - addressVerified: Whether the request's own address was sufficient and is on file for
    ///     the matched person; `last_known_address` is released only when true.
    /// - Returns: The response code, the released and withheld fields, the reasons and the orders cited.
    /// - Complexity: O(number of disclosure fields).
    public func evaluate(outcome: Outcome, addressVerified: Bool) -> Disclosure {
        switch outcome {
        case .rejected:
            return Disclosure(resultCode: .rejected)
        case .insufficient:
            return Disclosure(resultCode: .insufficient)
        case .notFound, .ambiguous, .verified:
            break
        }
        if let blocking = blockingReasons.first {
            let withheld =
                outcome == .verified
                ? DisclosureField.allCases.map { WithheldField($0, fieldReasons[$0] ?? blocking) } : []
            let reasons = Set(blockingReasons).union(withheld.map(\.reason)).sorted()
            return Disclosure(resultCode: .withheld, withheld: withheld, reasons: reasons, orders: citedOrders)
        }
        switch outcome {
        case .notFound: return Disclosure(resultCode: .notFound)
        case .ambiguous: return Disclosure(resultCode: .ambiguous)
        default: break
        }
        var released: [DisclosureField] = []
        var withheld: [WithheldField] = []
        for field in DisclosureField.allCases {
            if let reason = fieldReasons[field] {
                withheld.append(WithheldField(field, reason))
            } else if field == .lastKnownAddress && !addressVerified {
                withheld.append(WithheldField(field, .withheldAddressNotConfirmed))
            } else {
                released.append(field)
            }
        }
        let reasons = Set(withheld.map(\.reason)).sorted()
        let orders = reasons.contains(.withheldByOrder) ? citedOrders : []
        return Disclosure(
            resultCode: .verified, released: released, withheld: withheld, reasons: reasons, orders: orders)
    }

    /// The disclosure for one request under `agreement` and `orders` on `date`; a shorthand for
    /// building a policy and evaluating once.
    public static func evaluate(
        outcome: Outcome, addressVerified: Bool, agreement: Agreement, orders: [CourtOrder], on date: String,
        registryReadable: Bool
    ) -> Disclosure {
        DisclosurePolicy(agreement: agreement, orders: orders, on: date, registryReadable: registryReadable)
            .evaluate(outcome: outcome, addressVerified: addressVerified)
    }
}
