import Testing

@testable import GatehouseCore

/// Documents the policy tests build on; each test changes one thing.
enum PolicyFixture {
    static let agency = "U.S. Immigration and Customs Enforcement"

    static func agreement(
        permitted: [DisclosureField] = [.verification, .lastKnownAddress], status: Agreement.Status = .active,
        validFrom: String = "2025-04-07", validUntil: String = "2026-04-06"
    ) -> Agreement {
        Agreement(
            id: "ice-irs-2025", version: 1,
            requester: .init(agency: agency, contact: "Disclosure Unit", address: "500 12th St SW"),
            legalBasis: ["26 U.S.C. § 6103(i)(2)"], purpose: "Verification for designated proceedings",
            validFrom: validFrom, validUntil: validUntil,
            signers: [
                Signer(name: "Dana Whitcombe", role: "Assistant Director"),
                Signer(name: "Rafael Oyelaran", role: "Deputy Assistant Director"),
            ],
            permittedSignerRoles: ["Assistant Director", "Deputy Assistant Director"],
            permittedStatutes: ["8 U.S.C. § 1253(a)(1)"], permittedFields: permitted,
            quotas: .init(recordsPerBatch: 1_000, recordsPerDay: 5_000), status: status)
    }

    static func order(
        _ id: String = "order-1", effective: String = "2025-11-21", status: CourtOrder.Status = .active,
        scope: CourtOrder.Scope = .init(agreements: ["ice-irs-2025"]), forbid: [DisclosureField] = [],
        suspend: Bool = false, barBefore: String? = nil
    ) -> CourtOrder {
        CourtOrder(
            id: id, version: 1, court: "U.S. District Court for the District of Columbia",
            caseNumber: "1:25-cv-00917", issued: "2025-11-20", effective: effective, scope: scope,
            effect: .init(forbidFields: forbid, suspendDisclosures: suspend, barUseOfReleasesBefore: barBefore),
            status: status)
    }

    static let forbidAddress = order(forbid: [.lastKnownAddress])
}

/// One row of the disclosure table.
struct DisclosureCase: Sendable, CustomTestStringConvertible {
    var name: String
    var outcome: Outcome = .verified
    var addressVerified = true
    var agreement = PolicyFixture.agreement()
    var orders: [CourtOrder] = []
    var date = "2025-12-01"
    var registryReadable = true
    var code: ResponseCode
    var released: [DisclosureField]
    var reasons: [ReasonCode] = []

    var testDescription: String { name }
}

@Suite struct PolicyDisclosureTests {
    static let cases: [DisclosureCase] = [
        .init(
            name: "verified, address confirmed", code: .verified, released: [.verification, .lastKnownAddress],
            reasons: [.withheldNotPermitted]),
        .init(
            name: "verified, address not confirmed", addressVerified: false, code: .verified,
            released: [.verification], reasons: [.withheldAddressNotConfirmed, .withheldNotPermitted]),
        .init(
            name: "address not permitted", agreement: PolicyFixture.agreement(permitted: [.verification]),
            code: .verified, released: [.verification], reasons: [.withheldNotPermitted]),
        .init(
            name: "every field permitted", agreement: PolicyFixture.agreement(permitted: DisclosureField.allCases),
            code: .verified, released: DisclosureField.allCases),
        .init(
            name: "order forbids address", orders: [PolicyFixture.forbidAddress], code: .verified,
            released: [.verification], reasons: [.withheldByOrder, .withheldNotPermitted]),
        .init(
            name: "stayed order", orders: [PolicyFixture.order(status: .stayed, forbid: [.lastKnownAddress])],
            code: .verified, released: [.verification, .lastKnownAddress], reasons: [.withheldNotPermitted]),
        .init(
            name: "vacated order", orders: [PolicyFixture.order(status: .vacated, suspend: true)],
            code: .verified, released: [.verification, .lastKnownAddress], reasons: [.withheldNotPermitted]),
        .init(
            name: "order effective tomorrow",
            orders: [PolicyFixture.order(effective: "2025-12-02", forbid: [.lastKnownAddress])],
            code: .verified, released: [.verification, .lastKnownAddress], reasons: [.withheldNotPermitted]),
        .init(
            name: "order effective today",
            orders: [PolicyFixture.order(effective: "2025-12-01", forbid: [.lastKnownAddress])],
            code: .verified, released: [.verification], reasons: [.withheldByOrder, .withheldNotPermitted]),
        .init(
            name: "order for another agreement",
            orders: [PolicyFixture.order(scope: .init(agreements: ["other"]), suspend: true)],
            code: .verified, released: [.verification, .lastKnownAddress], reasons: [.withheldNotPermitted]),
        .init(
            name: "order suspends", orders: [PolicyFixture.order(suspend: true)], code: .withheld,
            released: [], reasons: [.withheldByOrder, .withheldNotPermitted]),
        .init(
            name: "order forbids verification", orders: [PolicyFixture.order(forbid: [.verification])],
            code: .withheld, released: [], reasons: [.withheldByOrder, .withheldNotPermitted]),
        .init(
            name: "order bars use of releases until a later date",
            orders: [PolicyFixture.order(barBefore: "2026-01-01")], code: .withheld, released: [],
            reasons: [.withheldByOrder, .withheldNotPermitted]),
        .init(
            name: "order bars use of releases before today only",
            orders: [PolicyFixture.order(barBefore: "2025-12-01")], code: .verified,
            released: [.verification, .lastKnownAddress], reasons: [.withheldNotPermitted]),
        .init(
            name: "registry unreadable", registryReadable: false, code: .withheld, released: [],
            reasons: [.withheldNotPermitted, .withheldOrderRegistryUnavailable]),
        .init(
            name: "registry unreadable, not found", outcome: .notFound, registryReadable: false, code: .withheld,
            released: [], reasons: [.withheldOrderRegistryUnavailable]),
        .init(
            name: "agreement suspended", agreement: PolicyFixture.agreement(status: .suspended), code: .withheld,
            released: [], reasons: [.withheldAgreementSuspended, .withheldNotPermitted]),
        .init(
            name: "agreement expired", date: "2026-04-07", code: .withheld, released: [],
            reasons: [.withheldAgreementNotInForce, .withheldNotPermitted]),
        .init(
            name: "agreement's last day", date: "2026-04-06", code: .verified,
            released: [.verification, .lastKnownAddress], reasons: [.withheldNotPermitted]),
        .init(
            name: "date unreadable", date: "2025-13-01", code: .withheld, released: [],
            reasons: [.withheldDecisionDateInvalid, .withheldNotPermitted]),
        .init(
            name: "agreement without verification",
            agreement: PolicyFixture.agreement(permitted: [.lastKnownAddress]), code: .withheld, released: [],
            reasons: [.withheldAgreementInvalid, .withheldNotPermitted]),
        .init(
            name: "order with unreadable date", orders: [PolicyFixture.order(effective: "someday")],
            code: .withheld, released: [], reasons: [.withheldNotPermitted, .withheldOrderInvalid]),
        .init(name: "not found", outcome: .notFound, code: .notFound, released: []),
        .init(name: "ambiguous", outcome: .ambiguous, code: .ambiguous, released: []),
        .init(name: "insufficient", outcome: .insufficient, code: .insufficient, released: []),
        .init(
            name: "insufficient under suspension", outcome: .insufficient,
            orders: [PolicyFixture.order(suspend: true)], code: .insufficient, released: []),
        .init(name: "rejected", outcome: .rejected, registryReadable: false, code: .rejected, released: []),
        .init(
            name: "ambiguous under suspension", outcome: .ambiguous, orders: [PolicyFixture.order(suspend: true)],
            code: .withheld, released: [], reasons: [.withheldByOrder]),
    ]

    @Test(arguments: cases)
    func disclosure(_ row: DisclosureCase) {
        let disclosure = DisclosurePolicy.evaluate(
            outcome: row.outcome, addressVerified: row.addressVerified, agreement: row.agreement, orders: row.orders,
            on: row.date, registryReadable: row.registryReadable)
        #expect(disclosure.resultCode == row.code)
        #expect(disclosure.released == row.released)
        #expect(disclosure.reasons == row.reasons)
        if row.outcome == .verified {
            // Every field is either released or withheld with a reason, never both, never neither.
            let withheld = disclosure.withheld.map(\.field)
            #expect((disclosure.released + withheld).sorted() == DisclosureField.allCases)
        } else {
            #expect(disclosure.withheld.isEmpty)
        }
    }

    @Test(arguments: [DisclosureField.nameOnFile, .birthDate, .tin])
    func fieldNotPermittedIsNeverReleased(_ field: DisclosureField) {
        for addressVerified in [true, false] {
            let disclosure = DisclosurePolicy.evaluate(
                outcome: .verified, addressVerified: addressVerified, agreement: PolicyFixture.agreement(),
                orders: [], on: "2025-12-01", registryReadable: true)
            #expect(!disclosure.releases(field))
            #expect(disclosure.reason(withholding: field) == .withheldNotPermitted)
        }
    }

    @Test func orderAddedAfterDecisionWithholdsAtRelease() {
        let agreement = PolicyFixture.agreement()
        let atDecision = DisclosurePolicy.evaluate(
            outcome: .verified, addressVerified: true, agreement: agreement, orders: [], on: "2025-11-20",
            registryReadable: true)
        #expect(atDecision.releases(.lastKnownAddress))

        let order = PolicyFixture.order(effective: "2025-11-21", forbid: [.lastKnownAddress])
        let atRelease = DisclosurePolicy.evaluate(
            outcome: .verified, addressVerified: true, agreement: agreement, orders: [order], on: "2025-11-21",
            registryReadable: true)
        #expect(atRelease.resultCode == .verified)
        #expect(atRelease.released == [.verification])
        #expect(atRelease.reason(withholding: .lastKnownAddress) == .withheldByOrder)
        #expect(atRelease.orders == [order.citation])
    }

    @Test func orderStayedAfterwardsStopsApplying() {
        var order = PolicyFixture.forbidAddress
        let policy = { (order: CourtOrder) in
            DisclosurePolicy.evaluate(
                outcome: .verified, addressVerified: true, agreement: PolicyFixture.agreement(), orders: [order],
                on: "2025-12-01", registryReadable: true)
        }
        #expect(!policy(order).releases(.lastKnownAddress))
        order.version = 2
        order.status = .stayed
        #expect(policy(order).releases(.lastKnownAddress))
        #expect(policy(order).orders.isEmpty)
    }

    @Test func suspensionDoesNotRevealWhetherThePersonIsOnFile() {
        let policy = DisclosurePolicy(
            agreement: PolicyFixture.agreement(), orders: [PolicyFixture.order(suspend: true)], on: "2025-12-01",
            registryReadable: true)
        let codes = Set(
            [Outcome.verified, .notFound, .ambiguous].map {
                policy.evaluate(outcome: $0, addressVerified: true).resultCode
            })
        #expect(codes == [.withheld])
        let verified = policy.evaluate(outcome: .verified, addressVerified: true)
        #expect(verified.released.isEmpty)
        #expect(verified.reason(withholding: .verification) == .withheldByOrder)
        #expect(verified.orders.map(\.id) == ["order-1"])
    }

    @Test func severalOrdersAreAllCited() {
        let first = PolicyFixture.order("a-order", forbid: [.lastKnownAddress])
        let second = PolicyFixture.order(
            "b-order", scope: .init(requesters: [PolicyFixture.agency]),
            forbid: [.lastKnownAddress])
        let disclosure = DisclosurePolicy.evaluate(
            outcome: .verified, addressVerified: true, agreement: PolicyFixture.agreement(), orders: [second, first],
            on: "2025-12-01", registryReadable: true)
        #expect(disclosure.orders.map(\.id) == ["a-order", "b-order"])
    }

    @Test func responseCodesAreStable() {
        let table = ResponseCode.allCases.map { "\($0.rawValue) \($0.label)" }
        #expect(
            table == [
                "0 Verified", "1 Not found", "2 Insufficient request", "3 Ambiguous: more than one person",
                "4 Disclosure withheld", "5 Rejected: malformed row",
            ])
    }

    @Test func everyPolicyCodeIsExplainedAndCited() {
        let policyCodes = ReasonCode.allCases.filter {
            ["WITHHELD_", "MANIFEST_", "AGREEMENT_", "RELEASE_"].contains(where: $0.rawValue.hasPrefix)
        }
        #expect(policyCodes.count >= 20)
        for code in policyCodes {
            #expect(!code.explanation.isEmpty, "\(code)")
            #expect(!code.citation.isEmpty, "\(code)")
            #expect(!code.isGateFinding, "\(code)")
        }
    }
}
