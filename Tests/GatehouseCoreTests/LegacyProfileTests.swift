import GatehouseCore
import Testing

@Suite struct LegacyProfileTests {
    @Test func namedProfileIsTheLegacyOneAndStatutoryIsUntouched() throws {
        let legacy = try #require(SufficiencyProfile.named("legacy-zip-only"))
        #expect(legacy == .legacyZipOnly)
        #expect(legacy.isLegacy && legacy.addressRule == .zipOrNonEmpty && legacy.matchMode == .legacyNameTIN)
        #expect(SufficiencyProfile.named("LEGACY-ZIP-ONLY") == .legacyZipOnly)
        #expect(!SufficiencyProfile.statutory.isLegacy)
        #expect(SufficiencyProfile.statutory.addressRule == .completeStreet)
        #expect(SufficiencyProfile.statutory.matchMode == .statutory)
        #expect(SufficiencyProfile.linkage.matchMode == .linkage)
    }

    /// (address line, postcode, legacy findings, statutory finds something).
    @Test(arguments: [
        ("Failed to Provide", "62701", [ReasonCode](), true),
        ("Unknown Address", "62701", [], true),
        ("", "62701", [], true),
        ("", "62701-1234", [], true),
        ("", "627011234", [], true),
        ("", "", [.addressMissing], true),
        ("", "6270", [.addressMissing], true),
        ("", "ABCDE", [.addressMissing], true),
        ("123 N Main St", "62701", [], false),
    ])
    func legacyAddressRule(line1: String, postcode: String, legacy: [ReasonCode], statutoryFails: Bool) {
        let request = Request(
            requestID: "Q", givenName: "William", surname: "Harris",
            address: PostalAddress(line1: line1, city: "Springfield", state: "IL", postcode: postcode),
            caseReference: "CASE-1")
        #expect(Gate.findings(for: request, profile: .legacyZipOnly) == legacy)
        #expect(!Gate.findings(for: request, profile: .statutory).isEmpty == statutoryFails)
    }

    static let engine: Matcher = {
        var builder = RecordIndexBuilder()
        builder.add(
            Record(
                recordID: "R1", tin: "123456789", givenName: "William", surname: "Harris", birthDate: "1970-03-04",
                addresses: [PostalAddress(line1: "123 N Main St", city: "Springfield", state: "IL", postcode: "62701")])
        )
        builder.add(
            Record(
                recordID: "R2", tin: "987654321", givenName: "Elena", surname: "Vargas", birthDate: "1991-12-01",
                addresses: [PostalAddress(line1: "5 Pine Rd", city: "Phoenix", state: "AZ", postcode: "85001")]))
        return Matcher(index: builder.build())
    }()

    func request(tin: String, line1: String, given: String = "William") -> Request {
        Request(
            requestID: "Q", tin: tin, givenName: given, surname: "Harris",
            address: PostalAddress(line1: line1, postcode: "62701"), caseReference: "CASE-1")
    }

    @Test func nameAndTINVerifyWithoutTheAddressUnderTheLegacyRuleOnly() {
        let placeholder = request(tin: "123456789", line1: "Failed to Provide")
        let legacy = DecisionEngine(
            matcher: Self.engine, profile: .legacyZipOnly, policy: MatchPolicy(mode: .legacyNameTIN))
        let statutory = DecisionEngine(matcher: Self.engine, profile: .statutory, policy: .statutory)
        let decided = legacy.decide(placeholder).decision
        #expect(decided.outcome == .verified && decided.recordID == "R1")
        #expect(statutory.decide(placeholder).decision.outcome == .insufficient)
        // An address that passes the gate but is not on file: the legacy rule still verifies.
        let elsewhere = request(tin: "123456789", line1: "400 Other St")
        #expect(legacy.decide(elsewhere).decision.outcome == .verified)
        #expect(statutory.decide(elsewhere).decision.outcome != .verified)
    }

    @Test func legacyRuleNeedsTheTINAndTheName() {
        let legacy = DecisionEngine(
            matcher: Self.engine, profile: .legacyZipOnly, policy: MatchPolicy(mode: .legacyNameTIN))
        #expect(legacy.decide(request(tin: "", line1: "123 N Main St")).decision.outcome != .verified)
        #expect(legacy.decide(request(tin: "987654321", line1: "123 N Main St")).decision.outcome != .verified)
        #expect(
            legacy.decide(request(tin: "123456789", line1: "Unknown", given: "Zebulon")).decision.outcome != .verified)
    }
}
