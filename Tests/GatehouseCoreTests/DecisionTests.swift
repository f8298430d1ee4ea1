import GatehouseCore
import Testing

/// A small synthetic store with the people the decision cases are about, among filler people.
enum DecisionFixture {
    static let records: [Record] = {
        var records: [Record] = [
            Record(
                recordID: "R1", tin: "123456789", givenName: "William", surname: "Harris", birthDate: "1970-03-04",
                addresses: [
                    PostalAddress(line1: "123 N Main St", city: "Springfield", state: "IL", postcode: "62701", asOf: "2024-01-01"),
                    PostalAddress(line1: "9 Old Rd", city: "Springfield", state: "IL", postcode: "62702", asOf: "2015-01-01"),
                ]),
            Record(
                recordID: "R2", givenName: "María", surname: "García López", birthDate: "1985-07-19",
                addresses: [PostalAddress(line1: "45 Oak Ave", city: "San Antonio", state: "TX", postcode: "78201")]),
            Record(
                recordID: "R3", tin: "222334444", givenName: "John", surname: "Okafor", birthDate: "1950-02-11",
                addresses: [PostalAddress(line1: "77 Elm St", city: "Atlanta", state: "GA", postcode: "30301")]),
            Record(
                recordID: "R4", tin: "555667777", givenName: "John", surname: "Okafor Jr", birthDate: "1980-09-30",
                addresses: [PostalAddress(line1: "77 Elm St", city: "Atlanta", state: "GA", postcode: "30301")]),
            Record(
                recordID: "R5", tin: "987654321", givenName: "Elena", surname: "Vargas", birthDate: "1991-12-01",
                addresses: [PostalAddress(line1: "5 Pine Rd", city: "Phoenix", state: "AZ", postcode: "85001")]),
            Record(
                recordID: "R6", givenName: "Elena", surname: "Vargas", birthDate: "1962-05-05",
                addresses: [PostalAddress(line1: "900 Cedar Ln", city: "Phoenix", state: "AZ", postcode: "85001")]),
            Record(
                recordID: "R7", givenName: "José", surname: "Muñoz", birthDate: "1977-04-22",
                addresses: [PostalAddress(line1: "12 Calle Sol", line2: "Apt 3", city: "El Paso", state: "TX", postcode: "79901")]),
        ]
        let givens = ["James", "Mary", "Robert", "Patricia", "Michael", "Linda", "David", "Susan", "Carlos", "Rosa", "Wei", "Aisha"]
        let surnames = ["Johnson", "Brown", "Lee", "Nguyen", "Martinez", "Hernandez", "Walker", "Young", "Patel", "Kim", "Lopez", "Garcia"]
        let streets = ["Maple Ave", "Cedar St", "Lake Dr", "Hill Rd", "River Blvd", "Park Pl"]
        let zips = [("62701", "IL"), ("78201", "TX"), ("30301", "GA"), ("85001", "AZ"), ("10001", "NY")]
        var n = 0
        for g in givens {
            for s in surnames {
                n += 1
                let (zip, state) = zips[n % zips.count]
                records.append(
                    Record(
                        recordID: "F\(n)", givenName: g, surname: s, birthDate: "19\(50 + n % 45)-0\(1 + n % 9)-1\(n % 9)",
                        addresses: [PostalAddress(line1: "\(100 + n) \(streets[n % streets.count])", city: "Town", state: state, postcode: zip)]))
            }
        }
        return records
    }()

    static let engine: DecisionEngine = {
        var builder = RecordIndexBuilder()
        for record in records { builder.add(record) }
        let matcher = Matcher(index: builder.build())
        return DecisionEngine(matcher: matcher, profile: .statutory, policy: .statutory)
    }()

    static func request(
        _ given: String, _ surname: String, _ line1: String, _ zip: String, state: String = "", tin: String = "",
        birth: String = "", middle: String = "", city: String = ""
    ) -> Request {
        Request(
            requestID: "Q", tin: tin, givenName: given, middleName: middle, surname: surname, birthDate: birth,
            address: PostalAddress(line1: line1, city: city, state: state, postcode: zip), caseReference: "CASE-1")
    }
}

@Suite struct DecisionTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var request: Request
        var outcome: Outcome
        var record: String?
        var reason: ReasonCode?
        var testDescription: String { name }
    }

    typealias F = DecisionFixture

    static let cases: [Case] = [
        Case(name: "exact", request: F.request("William", "Harris", "123 N Main St", "62701"), outcome: .verified, record: "R1"),
        Case(name: "nickname and expanded street", request: F.request("Bill", "HARRIS", "123 North Main Street", "62701-4410"), outcome: .verified, record: "R1"),
        Case(name: "swapped given and surname", request: F.request("Harris", "William", "123 N Main St", "62701"), outcome: .verified, record: "R1"),
        Case(name: "old address on file", request: F.request("William", "Harris", "9 Old Road", "62702"), outcome: .verified, record: "R1"),
        Case(name: "compound surname dropped", request: F.request("Maria", "Garcia", "45 Oak Avenue", "78201"), outcome: .verified, record: "R2"),
        Case(name: "compound surname hyphenated", request: F.request("MARIA", "GARCIA-LOPEZ", "45 Oak Ave", "78201"), outcome: .verified, record: "R2"),
        Case(name: "typo in surname", request: F.request("Maria", "Garcia Lopes", "45 Oak Ave", "78201"), outcome: .verified, record: "R2"),
        Case(name: "Spanish hypocoristic, unit dropped", request: F.request("Pepe", "Munoz", "12 Calle Sol", "79901"), outcome: .verified, record: "R7"),
        Case(name: "father and son, nothing separates them", request: F.request("John", "Okafor", "77 Elm St", "30301"), outcome: .ambiguous, reason: .multipleCandidates),
        Case(name: "son by suffix", request: F.request("John", "Okafor Jr.", "77 Elm St", "30301"), outcome: .verified, record: "R4"),
        Case(name: "father by birth date", request: F.request("John", "Okafor", "77 Elm St", "30301", birth: "1950-02-11"), outcome: .verified, record: "R3"),
        Case(name: "son by TIN", request: F.request("John", "Okafor", "77 Elm St", "30301", tin: "555-66-7777"), outcome: .verified, record: "R4"),
        Case(name: "TIN right but address not on file", request: F.request("William", "Harris", "500 Lake Dr", "62701", tin: "123456789"), outcome: .notFound, reason: .addressNotOnFile),
        Case(name: "namesake at another address", request: F.request("Elena", "Vargas", "300 Birch St", "85001"), outcome: .notFound, reason: .addressNotOnFile),
        Case(name: "TIN belongs to someone else", request: F.request("Elena", "Vargas", "5 Pine Rd", "85001", tin: "123456789"), outcome: .notFound, reason: .tinConflict),
        Case(name: "birth date conflicts", request: F.request("Elena", "Vargas", "5 Pine Rd", "85001", birth: "1999-01-01"), outcome: .notFound, reason: .birthDateConflict),
        Case(name: "malformed TIN is ignored", request: F.request("Elena", "Vargas", "5 Pine Rd", "85001", tin: "12345"), outcome: .verified, record: "R5", reason: .tinMalformed),
        Case(name: "other person at the address", request: F.request("Carlos", "Harris", "123 N Main St", "62701"), outcome: .notFound, reason: .nameMismatch),
        Case(name: "house number differs", request: F.request("William", "Harris", "125 N Main St", "62701"), outcome: .notFound, reason: .addressNotOnFile),
        Case(name: "unknown person", request: F.request("Zebulon", "Quackenbush", "1 Nowhere Ln", "10001"), outcome: .notFound),
        Case(name: "placeholder address is never matched", request: F.request("William", "Harris", "Failed to Provide", "62701", tin: "123456789"), outcome: .insufficient, reason: .addressPlaceholder),
        Case(name: "ZIP code alone is never matched", request: F.request("William", "Harris", "62701", "62701", tin: "123456789"), outcome: .insufficient, reason: .addressZipOnly),
    ]

    @Test(arguments: cases)
    func decides(_ c: Case) {
        let result = F.engine.decide(c.request)
        #expect(result.decision.outcome == c.outcome)
        #expect(result.decision.recordID == c.record)
        if let reason = c.reason { #expect(result.decision.reasons.contains(reason)) }
        if c.outcome != .verified { #expect(result.decision.recordID == nil) }
    }

    @Test func missingCaseReferenceIsInsufficient() {
        var request = F.request("William", "Harris", "123 N Main St", "62701")
        request.caseReference = ""
        let result = F.engine.decide(request)
        #expect(result.decision.outcome == .insufficient)
        #expect(result.decision.reasons == [.caseReferenceMissing])
    }

    @Test func linkageProfileSkipsTheGateButNotIdentity() {
        let engine = DecisionEngine(matcher: F.engine.matcher, profile: .linkage, policy: .linkage)
        var request = F.request("William", "Harris", "123 N Main St", "62701")
        request.caseReference = ""
        #expect(engine.decide(request).decision.recordID == "R1")
        #expect(engine.decide(F.request("Zebulon", "Quackenbush", "1 Nowhere Ln", "10001")).decision.outcome == .notFound)
    }

    @Test func weightsComeFromTheStore() throws {
        let weights = F.engine.matcher.weights
        let exact = try #require(weights.probabilities(.surname, .exact))
        let disagree = try #require(weights.probabilities(.surname, .disagree))
        #expect(exact.u < 0.2)
        #expect(disagree.u > 0.5)
        // A common surname weighs less than a rare one.
        #expect(weights.weight(.surname, .exact, frequency: 0.1) < weights.weight(.surname, .exact, frequency: 0.001))
    }
}
