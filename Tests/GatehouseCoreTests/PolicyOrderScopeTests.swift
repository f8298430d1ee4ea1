import Testing

@testable import GatehouseCore

@Suite struct PolicyOrderScopeTests {
    static let scopes: [(CourtOrder.Scope, Bool)] = [
        (.init(), true),
        (.init(agreements: ["ice-irs-2025"]), true),
        (.init(agreements: ["other-agreement"]), false),
        (.init(agreements: ["ICE-IRS-2025"]), false),
        (.init(requesters: ["U.S. Immigration and Customs Enforcement"]), true),
        (.init(requesters: ["u.s. immigration  and customs enforcement"]), true),
        (.init(requesters: ["U.S. Citizenship and Immigration Services"]), false),
        (.init(agreements: ["other-agreement"], requesters: ["U.S. Immigration and Customs Enforcement"]), true),
        (.init(agreements: ["ice-irs-2025"], requesters: ["Someone Else"]), true),
        (.init(agreements: ["other-agreement"], requesters: ["Someone Else"]), false),
    ]

    @Test(arguments: scopes)
    func scopeCovers(_ scope: CourtOrder.Scope, _ covers: Bool) {
        let agreement = PolicyFixture.agreement()
        #expect(scope.covers(agreement) == covers)
        #expect(PolicyFixture.order(scope: scope, suspend: true).applies(to: agreement, on: "2025-12-01") == covers)
    }

    static let applicability: [(CourtOrder.Status, String, String, Bool)] = [
        (.active, "2025-11-21", "2025-11-20", false),
        (.active, "2025-11-21", "2025-11-21", true),
        (.active, "2025-11-21", "2026-03-01", true),
        (.stayed, "2025-11-21", "2025-12-01", false),
        (.vacated, "2025-11-21", "2025-12-01", false),
        (.active, "not-a-date", "2025-12-01", true),
        (.active, "2025-11-21", "yesterday", true),
        (.stayed, "not-a-date", "2025-12-01", false),
    ]

    @Test(arguments: applicability)
    func orderApplies(_ status: CourtOrder.Status, _ effective: String, _ date: String, _ applies: Bool) {
        let order = PolicyFixture.order(effective: effective, status: status, forbid: [.lastKnownAddress])
        #expect(order.applies(to: PolicyFixture.agreement(), on: date) == applies)
    }

    static let bars: [(String?, String, Bool)] = [
        (nil, "2025-01-01", false),
        ("2026-01-12", "2026-01-11", true),
        ("2026-01-12", "2026-01-12", false),
        ("2026-01-12", "2026-02-01", false),
        ("2026-01-12", "garbled", true),
    ]

    @Test(arguments: bars)
    func barsUse(_ barBefore: String?, _ releasedOn: String, _ barred: Bool) {
        #expect(PolicyFixture.order(barBefore: barBefore).barsUse(ofReleaseOn: releasedOn) == barred)
    }

    static let orderProblems: [(CourtOrder, [String])] = [
        (PolicyFixture.forbidAddress, []),
        (PolicyFixture.order(), ["effect does nothing"]),
        (PolicyFixture.order(effective: "2025-02-30", suspend: true), ["effective is not a date"]),
        (PolicyFixture.order(suspend: true, barBefore: "soon"), ["bar_use_of_releases_before is not a date"]),
        (PolicyFixture.order("", suspend: true), ["id must be non-empty"]),
        (PolicyFixture.order(scope: .init(agreements: [" "]), suspend: true), ["scope lists an empty"]),
    ]

    @Test(arguments: orderProblems)
    func orderValidation(_ order: CourtOrder, _ expected: [String]) {
        let problems = order.problems()
        #expect(problems.count == expected.count, "\(problems)")
        for (problem, fragment) in zip(problems, expected) {
            #expect(problem.contains(fragment), "\(problem)")
        }
    }
}

@Suite struct PolicyReviewTests {
    let agreement = PolicyFixture.agreement()

    @Test func releaseStandsWhenNothingChanged() {
        let review = DisclosurePolicy.releaseStillStands(
            released: [.verification, .lastKnownAddress], releasedOn: "2025-06-02", outcome: .verified,
            addressVerified: true, agreement: agreement, orders: [], on: "2025-12-01", registryReadable: true)
        #expect(review.stands)
        #expect(review.reasons.isEmpty)
    }

    @Test func orderForbiddingAddressFlagsOnlyTheAddress() {
        let review = DisclosurePolicy.releaseStillStands(
            released: [.verification, .lastKnownAddress], releasedOn: "2025-06-02", outcome: .verified,
            addressVerified: true, agreement: agreement, orders: [PolicyFixture.forbidAddress], on: "2025-12-01",
            registryReadable: true)
        #expect(!review.stands)
        #expect(review.findings == [WithheldField(.lastKnownAddress, .withheldByOrder)])
        #expect(review.orders == [PolicyFixture.forbidAddress.citation])
    }

    @Test func addressNoLongerConfirmedIsFlagged() {
        let review = DisclosurePolicy.releaseStillStands(
            released: [.verification, .lastKnownAddress], releasedOn: "2025-06-02", outcome: .verified,
            addressVerified: false, agreement: agreement, orders: [], on: "2025-12-01", registryReadable: true)
        #expect(review.fields == [.lastKnownAddress])
        #expect(review.reasons == [.withheldAddressNotConfirmed])
    }

    @Test func outcomeNoLongerVerifiedFlagsEveryReleasedField() {
        let review = DisclosurePolicy.releaseStillStands(
            released: [.verification, .lastKnownAddress], releasedOn: "2025-06-02", outcome: .insufficient,
            addressVerified: false, agreement: agreement, orders: [], on: "2025-12-01", registryReadable: true)
        #expect(review.fields == [.verification, .lastKnownAddress])
        #expect(review.reasons == [.releaseOutcomeNotVerified])
    }

    @Test func fieldNoLongerPermittedIsFlagged() {
        let narrowed = PolicyFixture.agreement(permitted: [.verification])
        let review = DisclosurePolicy.releaseStillStands(
            released: [.verification, .lastKnownAddress], releasedOn: "2025-06-02", outcome: .verified,
            addressVerified: true, agreement: narrowed, orders: [], on: "2025-12-01", registryReadable: true)
        #expect(review.findings == [WithheldField(.lastKnownAddress, .withheldNotPermitted)])
    }

    @Test(arguments: [("2026-01-11", false), ("2026-01-12", true), ("2026-03-01", true)])
    func barOnEarlierReleases(releasedOn: String, stands: Bool) {
        // The order only bars use of earlier releases, so only the bar itself can flag.
        let order = PolicyFixture.order(effective: "2026-01-12", barBefore: "2026-01-12")
        let review = DisclosurePolicy.releaseStillStands(
            released: [.verification], releasedOn: releasedOn, outcome: .verified, addressVerified: true,
            agreement: agreement, orders: [order], on: "2026-03-01", registryReadable: true)
        #expect(review.stands == stands)
        if !stands {
            #expect(review.findings == [WithheldField(.verification, .releaseUseBarredByOrder)])
            #expect(review.orders.map(\.id) == ["order-1"])
        }
        let policy = DisclosurePolicy(agreement: agreement, orders: [order], on: "2026-03-01", registryReadable: true)
        #expect(policy.barringOrders(releasedOn: releasedOn).isEmpty == stands)
    }

    @Test func stayedBarNoLongerFlags() {
        let order = PolicyFixture.order(effective: "2026-01-12", status: .stayed, barBefore: "2026-01-12")
        let review = DisclosurePolicy.releaseStillStands(
            released: [.verification], releasedOn: "2025-06-02", outcome: .verified, addressVerified: true,
            agreement: agreement, orders: [order], on: "2026-03-01", registryReadable: true)
        #expect(review.stands)
    }
}
