@testable import GatehouseCore
import Testing

/// A FEBRL-like store: Australian-style addresses (property name on line 2, a suburb, a
/// four-digit postcode), one person per address, among filler people.
enum LinkagePartsFixture {
    static let target = Record(
        recordID: "T1", givenName: "Michaela", surname: "Neumann",
        addresses: [PostalAddress(line1: "8 Stanley Street", line2: "Miami Lodge", city: "Winston Hills", state: "NSW", postcode: "4223")])
    static let neighbour = Record(
        recordID: "N1", givenName: "Courtney", surname: "Painter",
        addresses: [PostalAddress(line1: "14 Stanley Street", line2: "", city: "Winston Hills", state: "NSW", postcode: "4223")])

    static let records: [Record] = {
        var records = [target, neighbour]
        let givens = ["james", "olivia", "jack", "chloe", "thomas", "emily", "lachlan", "sophie", "joshua", "mia", "liam", "ella"]
        let surnames = ["smith", "jones", "williams", "brown", "wilson", "taylor", "martin", "white", "harris", "clarke", "ryan", "kelly"]
        let streets = ["bunker place", "kirkland circuit", "dooring street", "priddle street", "sparkes close", "hurtle avenue"]
        let suburbs = [("blacktown", "2148"), ("dungog", "2420"), ("cairns", "4870"), ("ryde", "2112"), ("tulloch", "5075")]
        let properties = ["", "", "rose cottage", "", "the pines", "", "", "willow lodge"]
        var n = 0
        for g in givens {
            for s in surnames {
                n += 1
                let (suburb, postcode) = suburbs[n % suburbs.count]
                records.append(
                    Record(
                        recordID: "F\(n)", givenName: g, surname: s,
                        addresses: [PostalAddress(
                            line1: "\(n) \(streets[n % streets.count])", line2: properties[n % properties.count],
                            city: suburb, state: n % 2 == 0 ? "vic" : "qld", postcode: postcode)]))
            }
        }
        return records
    }()

    static let index: RecordIndex = {
        var builder = RecordIndexBuilder()
        for record in records { builder.add(record) }
        return builder.build()
    }()

    static let matcher = Matcher(index: index)

    static func prepared(_ address: PostalAddress) -> PreparedRequest.Address {
        let request = Request(requestID: "Q", givenName: "x", surname: "y", address: address)
        return PreparedRequest(NormalizedPerson(request: request), index: index, nicknames: .standard).addresses[0]
    }

    /// The target's single address in the index.
    static var targetAddress: Int { index.addresses(of: 0).lowerBound }
}

@Suite struct LinkagePartsComparisonTests {
    static let cases: [(PostalAddress, [AgreementLevel])] = [
        // exact everywhere
        (PostalAddress(line1: "8 Stanley St", line2: "Miami Lodge", city: "Winston Hills", state: "NSW", postcode: "4223"),
         [.exact, .exact, .exact, .exact, .exact, .exact]),
        // postcode one digit off, suburb mistyped, property name run together
        (PostalAddress(line1: "8 Stanley Street", line2: "Miamilodge", city: "Winston Hils", state: "NSW", postcode: "4233"),
         [.exact, .exact, .exact, .fuzzy, .fuzzy, .exact]),
        // street mistyped, another house, no property name
        (PostalAddress(line1: "18 Stanely Street", line2: "", city: "Winston Hills", state: "NSW", postcode: "4223"),
         [.disagree, .fuzzy, .missing, .exact, .exact, .exact]),
        // a different suffix on the same name is only a near agreement
        (PostalAddress(line1: "8 Stanley Avenue", line2: "Miami Lodge", city: "Winston Hills", state: "VIC", postcode: "4223"),
         [.exact, .fuzzy, .exact, .exact, .exact, .disagree]),
        // another place entirely
        (PostalAddress(line1: "3 Bunker Place", line2: "Rose Cottage", city: "Dungog", state: "", postcode: "2420"),
         [.disagree, .disagree, .disagree, .disagree, .disagree, .missing]),
        // a one-digit house number is never a near miss of another
        (PostalAddress(line1: "9 Stanley Street", city: "", postcode: ""),
         [.disagree, .exact, .missing, .missing, .missing, .missing]),
    ]

    @Test("each address part has its own level", arguments: cases)
    func partLevels(address: PostalAddress, expected: [AgreementLevel]) {
        let comparer = FieldComparer(index: LinkagePartsFixture.index)
        let parts = comparer.compareParts(LinkagePartsFixture.prepared(address), LinkagePartsFixture.targetAddress)
        #expect([parts.house, parts.street, parts.unit, parts.city, parts.postcode, parts.state] == expected)
    }

    @Test func exactPartsCarryTheirTermFrequency() {
        let comparer = FieldComparer(index: LinkagePartsFixture.index)
        let parts = comparer.compareParts(
            LinkagePartsFixture.prepared(LinkagePartsFixture.target.addresses[0]), LinkagePartsFixture.targetAddress)
        let people = Double(LinkagePartsFixture.index.count)
        // Two people live on Stanley Street; one is filed under Miami Lodge.
        #expect(parts.streetFrequency == 2 / people)
        #expect(parts.unitFrequency == 1 / people)
        #expect(parts.postcodeFrequency == 2 / people)
    }

    @Test(arguments: [(UInt32(4223), UInt32(4233), true), (4223, 4232, true), (4223, 4223, true), (4223, 3322, false), (4223, 42231, true)])
    func postcodesOneEditApart(lhs: UInt32, rhs: UInt32, expected: Bool) {
        #expect(FieldComparer.postcodesOneEditApart(lhs | 0x8000_0000, rhs | 0x8000_0000) == expected)
    }
}

@Suite struct LinkagePartsDecisionTests {
    @Test func typosInPostcodeAndSuburbWithoutGivenNameStillVerify() {
        let request = Request(
            requestID: "Q1", givenName: "", surname: "Neumann",
            address: PostalAddress(line1: "8 Stanley Street", line2: "Miami Lodge", city: "Winston Hils", state: "NSW", postcode: "4233"))
        let result = LinkagePartsFixture.matcher.match(request, policy: .linkage)
        #expect(result.decision.outcome == .verified)
        #expect(result.decision.recordID == "T1")
        // The explanation lists every part with its level.
        let fields = result.best?.fields.map(\.field) ?? []
        for part in MatchField.addressParts { #expect(fields.contains(part)) }
        #expect(!fields.contains(.address))
    }

    @Test func sameStreetNeighbourDoesNotVerify() {
        // Somebody else on Stanley Street, not in the store.
        let request = Request(
            requestID: "Q2", givenName: "Harriet", surname: "Oduya",
            address: PostalAddress(line1: "20 Stanley Street", city: "Winston Hills", state: "NSW", postcode: "4223"))
        let result = LinkagePartsFixture.matcher.match(request, policy: .linkage)
        #expect(result.decision.outcome != .verified)
    }

    @Test func statutoryProfileKeepsTheCompositeAddress() {
        let request = Request(
            requestID: "Q3", givenName: "Michaela", surname: "Neumann",
            address: PostalAddress(line1: "8 Stanley Street", line2: "Miami Lodge", city: "Winston Hills", state: "NSW", postcode: "4223"),
            caseReference: "C-1")
        let result = LinkagePartsFixture.matcher.match(request, policy: .statutory)
        let fields = result.best?.fields.map(\.field) ?? []
        #expect(fields.contains(.address))
        for part in MatchField.addressParts { #expect(!fields.contains(part)) }
    }
}
