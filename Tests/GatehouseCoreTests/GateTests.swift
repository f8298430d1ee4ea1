import Foundation
import Testing

@testable import GatehouseCore

/// A request that passes the statutory gate; each test changes one thing.
private func request(
    given: String = "Maria", surname: String = "Lopez", line1: String = "123 Main St", line2: String = "",
    city: String = "Springfield", state: String = "IL", postcode: String = "62701",
    caseReference: String = "2025-CR-0042", tin: String = ""
) -> Request {
    Request(
        requestID: "r1", tin: tin, givenName: given, surname: surname,
        address: PostalAddress(line1: line1, line2: line2, city: city, state: state, postcode: postcode),
        caseReference: caseReference)
}

private func findings(_ request: Request, _ profile: SufficiencyProfile = .statutory) -> [ReasonCode] {
    Gate.findings(for: request, profile: profile)
}

@Suite struct GateAddressTests {
    static let realStreets = [
        "123 Main St", "100 Box Elder St", "1 Post Office Sq", "2 Unknown Ct", "5 General Delivery Rd",
        "12 Boxwood Ln", "300 Refugio Rd", "7 Poe Blvd", "40 Mailbox Ln", "123 HWY 50",
        "4500 State Route 9", "12 County Road 7", "123 Main St Apt 4", "123 Main St #4",
        "Apt 4, 123 Main St", "123 MAIN", "One Main St", "123 Avenue of the Americas", "456 Avenue B",
        "10 Calle Sol", "1600 Pennsylvania Ave NW", "123A Main St", "123 A Main St", "123 1/2 Main St",
        "12-14 Main St", "11785-11787 Spring Dr", "105-21 Queens Blvd", "N6W23001 Bluemound Rd", "W156N11357 Pilgrim Rd",
        "1234 S 500 W", "12 Homeless Way", "9 Refused Ln", "3 Moved Ct",
    ]

    @Test(arguments: realStreets)
    func realStreetIsSufficient(line: String) {
        #expect(findings(request(line1: line)) == [], "\(line)")
    }

    static let placeholders = [
        "Failed to Provide", "Unknown Address", "Address Unknown", "Don't care", "Dont Care", "TBD",
        "No fixed address", "Homeless", "Refused", "Not Provided", "None", "N/A", "Unknown", "Same",
        "See above", "Various", "Declined", "XXX", "Undeliverable", "Moved", "No address", "Transient",
        "-", "?", "Failed to Provide 62701", "UNKNOWN ADDRESS, SPRINGFIELD IL 62701",
    ]

    @Test(arguments: placeholders)
    func placeholderIsInsufficient(line: String) {
        #expect(findings(request(line1: line)) == [.addressPlaceholder], "\(line)")
    }

    static let poBoxes = [
        "PO BOX 12", "P.O. Box 12", "POB 12", "Post Office Box 12", "BOX 12", "P O BOX", "Apartado 12",
        "Postal Box 12", "Caller 5", "PMB 12", "123 Main St PMB 45", "PSC 1234 Box 5678", "123 PO Box 5",
        // A street with a box after it: a mailing address beside the street, not a residence alone.
        "123 Main St PO Box 45",
    ]

    @Test(arguments: poBoxes)
    func poBoxIsInsufficient(line: String) {
        #expect(findings(request(line1: line)) == [.addressPOBox], "\(line)")
    }

    @Test func privateMailboxIsAcceptedWhenTheProfileSaysSo() {
        var profile = SufficiencyProfile.statutory
        profile.acceptsPrivateMailbox = true
        #expect(findings(request(line1: "123 Main St PMB 45"), profile) == [])
        #expect(findings(request(line1: "PMB 45"), profile) == [.addressPOBox])
    }

    /// (line 1, the one code expected).
    static let otherAddressCodes: [(String, ReasonCode)] = [
        ("", .addressMissing),
        ("General Delivery", .addressGeneralDelivery),
        ("Gen Del", .addressGeneralDelivery),
        ("90210", .addressZipOnly),
        ("62701-1234", .addressZipOnly),
        ("12345", .addressZipOnly),
        ("IL 62701", .addressZipOnly),
        ("62701 Springfield", .addressZipOnly),
        ("RR 2 Box 15", .addressRuralRoute),
        ("HC 1 Box 3", .addressRuralRoute),
        ("Main St", .addressNoHouseNumber),
        ("Springfield IL 62701", .addressNoHouseNumber),
        ("123 Apt 4", .addressNoStreetName),
        ("123 St", .addressNoStreetName),
        ("123 Springfield", .addressNoStreetName),
    ]

    @Test(arguments: otherAddressCodes)
    func addressCode(line: String, expected: ReasonCode) {
        #expect(findings(request(line1: line)) == [expected], "\(line)")
    }

    @Test func lineTwoUnitDoesNotMatter() {
        #expect(findings(request(line2: "Apt 4")) == [])
        #expect(findings(request(line2: "Unknown")) == [])
    }

    @Test func streetOnLineTwoIsEnough() {
        #expect(findings(request(line1: "Apt 4", line2: "123 Main St")) == [])
        #expect(findings(request(line1: "", line2: "123 Main St")) == [])
    }
}

@Suite struct GateLocalityTests {
    /// (city, state, postcode, expected codes).
    static let cases: [(String, String, String, [ReasonCode])] = [
        ("Springfield", "IL", "62701", []),
        ("Springfield", "IL", "62701-1234", []),
        ("Springfield", "IL", "627011234", []),
        ("", "", "62701", []),
        ("Springfield", "Illinois", "", []),
        ("Springfield", "ill.", "", []),
        ("Boston", "MA", "2134", []),  // ZIP lost its leading zero; city + state stand in
        ("", "", "2134", [.addressZipInvalid]),
        ("", "", "ABCDE", [.addressZipInvalid]),
        ("", "", "00000", [.addressZipInvalid]),  // prefix 000 is not in use
        ("", "IL", "00000", [.addressZipInvalid]),
        ("Springfield", "", "", [.addressNoLocality]),
        ("", "IL", "", [.addressNoLocality]),
        ("", "", "", [.addressNoLocality]),
        ("Unknown", "N/A", "N/A", [.addressNoLocality]),
        ("Springfield", "ZZ", "", [.addressStateInvalid]),
        ("", "ZZ", "", [.addressStateInvalid, .addressNoLocality]),
        ("Springfield", "ZZ", "1", [.addressStateInvalid, .addressZipInvalid]),
        ("", "ZZ", "62701", []),  // the ZIP alone is a locality
        ("Springfield", "CA", "62701", [.addressZipStateMismatch]),
        ("", "TX", "62701", [.addressZipStateMismatch]),
        ("Beverly Hills", "California", "90210", []),
        ("San Juan", "PR", "00901", []),
        ("San Juan", "Puerto Rico", "", []),
        ("Hagatna", "GU", "96910", []),
        ("APO", "AE", "09012", []),
        ("FPO", "AP", "96201", []),
        ("Washington", "DC", "20500", []),
        ("Greenwich", "NY", "06830", [.addressZipStateMismatch]),  // 068 is CT only
        ("Greenwich", "CT", "06830", []),
        ("Texarkana", "AR", "75501", [.addressZipStateMismatch]),
        ("Texarkana", "TX", "75501", []),
    ]

    @Test(arguments: cases)
    func locality(city: String, state: String, postcode: String, expected: [ReasonCode]) {
        let codes = findings(request(city: city, state: state, postcode: postcode))
        #expect(codes == expected.sorted(), "\(city) | \(state) | \(postcode)")
    }
}

@Suite struct GateNameTests {
    static let placeholders = [
        "UNKNOWN", "Unk", "N/A", "NONE", "NULL", "TBD", "FNU", "LNU", "NFN", "NMN", "XXX", "?", "-",
        "REFUSED", "TEST", "n/a", "Xxxx",
    ]

    @Test(arguments: placeholders)
    func givenPlaceholder(name: String) {
        #expect(findings(request(given: name)) == [.namePlaceholder], "\(name)")
    }

    @Test(arguments: placeholders.filter { !["TEST", "BLANK", "SAMPLE", "FIRST", "LAST"].contains($0.uppercased()) })
    func surnamePlaceholder(name: String) {
        #expect(findings(request(surname: name)) == [.namePlaceholder], "\(name)")
    }

    @Test func missingNames() {
        #expect(findings(request(given: "")) == [.givenNameMissing])
        #expect(findings(request(surname: "  ")) == [.surnameMissing])
        #expect(findings(request(given: "", surname: "")) == [.givenNameMissing, .surnameMissing])
    }

    @Test func naIsAPlaceholderGivenNameButARealSurname() {
        #expect(findings(request(given: "NA")) == [.namePlaceholder])
        #expect(findings(request(surname: "Na")) == [])
        #expect(findings(request(given: "Min-jun", surname: "NA")) == [])
        #expect(findings(request(surname: "N/A")) == [.namePlaceholder])
        #expect(findings(request(given: "NA", surname: "NA")) == [.namePlaceholder])
        #expect(findings(request(given: "", surname: "NA")) == [.givenNameMissing, .namePlaceholder])
    }

    @Test(arguments: ["Blank", "SAMPLE", "Test", "First", "Last"])
    func placeholderWordsThatAreCensusSurnames(_ surname: String) {
        #expect(findings(request(given: "Tammy", surname: surname)) == [])
        #expect(findings(request(given: "Unknown", surname: surname)) == [.namePlaceholder])
        #expect(findings(request(given: "", surname: surname)) == [.givenNameMissing, .namePlaceholder])
    }

    @Test func realNamesThatLookOdd() {
        for (given, surname) in [("Unique", "Nunez"), ("Ty", "Test-Smith"), ("Al", "Noone"), ("Jo", "Doe")] {
            #expect(findings(request(given: given, surname: surname)) == [], "\(given) \(surname)")
        }
        #expect(findings(request(given: "John", surname: "Doe")) == [.namePlaceholder])
    }
}

@Suite struct GateProfileTests {
    @Test func caseReferenceIsRequiredByStatute() {
        #expect(findings(request(caseReference: "")) == [.caseReferenceMissing])
        #expect(findings(request(caseReference: "N/A")) == [.caseReferenceMissing])
        var profile = SufficiencyProfile.statutory
        profile.requireCaseReference = false
        #expect(findings(request(caseReference: ""), profile) == [])
    }

    @Test func requiredFields() {
        var profile = SufficiencyProfile.statutory
        profile.requiredFields = [.tin, .birthDate]
        #expect(findings(request(), profile) == [.requiredFieldMissing])
        var full = request(tin: "123456789")
        full.birthDate = "1980-02-03"
        #expect(findings(full, profile) == [])
    }

    @Test func linkageProfileHasNoGate() {
        let bad = request(given: "", surname: "UNKNOWN", line1: "Failed to Provide", city: "", state: "", postcode: "90210", caseReference: "")
        #expect(findings(bad, .linkage) == [])
        #expect(!findings(bad, .statutory).isEmpty)
    }

    @Test func profilesByName() {
        #expect(SufficiencyProfile.named("statutory") == .statutory)
        #expect(SufficiencyProfile.named("Linkage") == .linkage)
        #expect(SufficiencyProfile.named("legacy-zip-only")?.addressRule == .zipOrNonEmpty)
        #expect(SufficiencyProfile.named("no-such-profile") == nil)
        #expect(SufficiencyProfile.statutory.checksAddress)
        #expect(!SufficiencyProfile.linkage.checksAddress)
    }

    @Test func everyProblemIsListed() {
        let bad = request(
            given: "FNU", surname: "", line1: "Failed to Provide", city: "", state: "ZZ", postcode: "123",
            caseReference: "")
        #expect(
            findings(bad) == [
                .addressPlaceholder, .addressStateInvalid, .addressZipInvalid, .caseReferenceMissing,
                .namePlaceholder, .surnameMissing,
            ])
    }

    @Test func theReportedFailureIsInsufficient() {
        // The real failure: "Failed to Provide" next to a ZIP code was matched and disclosed.
        let bad = request(line1: "Failed to Provide", city: "", state: "", postcode: "62701")
        #expect(findings(bad) == [.addressPlaceholder])
        let zipInLine = request(line1: "62701", city: "", state: "", postcode: "62701")
        #expect(findings(zipInLine) == [.addressZipOnly])
    }

    @Test func sufficientRequestWithEveryField() {
        let full = Request(
            requestID: "REQ-000001", tin: "123-45-6789", givenName: "José", middleName: "Luis",
            surname: "Muñoz García", birthDate: "1975-06-30",
            address: PostalAddress(
                line1: "1600 Pennsylvania Avenue NW", line2: "Apt 2", city: "Washington", state: "DC",
                postcode: "20500-0003", asOf: "2025-01-01"),
            caseReference: "1:25-cv-01234", line: 2)
        var profile = SufficiencyProfile.statutory
        profile.requiredFields = RequestField.allCases
        #expect(findings(full, profile) == [])
        #expect(Gate.isSufficient(full, profile: profile))
    }

    @Test func profileDecodesWithDefaults() throws {
        let json = #"{"name":"custom","required_fields":["tin"]}"#
        let profile = try JSONDecoder().decode(SufficiencyProfile.self, from: Data(json.utf8))
        #expect(profile.requiredFields == [.tin])
        #expect(profile.requireCaseReference)
        #expect(profile.checksAddress)
        #expect(!profile.acceptsPrivateMailbox)
        let roundTrip = try JSONDecoder().decode(
            SufficiencyProfile.self, from: JSONEncoder().encode(SufficiencyProfile.linkage))
        #expect(roundTrip == .linkage)
    }
}

/// The gate's shortcuts for plain one-word ASCII fields give what the tokenizer gives.
@Suite struct GateShortcutTests {
    static let fields = [
        "", " ", "\t", "john", "JOHN", "John", "X", "xx", "xxx", "XxX", "XXXX", "N/A", "n/a", "na", "NA", "Unknown",
        "UNKNOWN", "fnu", "FNU", "  DOE ", "doe", "Doe", "DOE", "D.O.E.", "DOE JR", "tx", "TX", "Tx.", "Texas",
        "new york", "NEW YORK", "NY", "ny", "zz", "O'Brien", "José", "MUÑOZ", "12345", "CASE-2024-001", "C1", "-",
        "?", "--", "Baby Boy", "none", "NONE", "Test", "first", "LAST NAME", "same", "x1", "Ⅻ", "ß", "\u{00A0}TX",
        "dc", "DC", "Puerto Rico", "PR", "guam", "xxx york", "NEW XXXX", "Last Name", "first name", "NOT APPLICABLE",
        "unknown unknown", "John Doe", "NEW  YORK", "NEW YORK ", "A B", "XX YY", "N A",
    ]

    @Test(arguments: fields)
    func plainFieldsReadAsTokenized(text: String) {
        #expect(PlaceholderText.isNamePlaceholder(text) == PlaceholderText.isNamePlaceholderTokenized(text))
        #expect(PlaceholderText.isBlankOrPlaceholder(text) == PlaceholderText.isBlankOrPlaceholderTokenized(text))
        #expect(USPostal.stateCode(text) == USPostal.stateCodeTokenized(text))
        #expect(TextFolding.folds(text, to: "DOE") == (TextFolding.fold(text) == "DOE"))
        #expect(Gate.isEmptyField(text) == TextFolding.foldedBytes(text).isEmpty)
    }

    @Test func randomFieldsReadAsTokenized() {
        let alphabet = Array("aAxXzZ09 -/.'#,éÑ\t") + ["na", "NA", "TX", "unknown", "doe"].flatMap { Array($0) }
        var generator = SplitMix64(seed: 11)
        for _ in 0..<5_000 {
            let length = Int(generator.next() % 14)
            let text = String((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
            #expect(PlaceholderText.isNamePlaceholder(text) == PlaceholderText.isNamePlaceholderTokenized(text), "\(text)")
            #expect(PlaceholderText.isBlankOrPlaceholder(text) == PlaceholderText.isBlankOrPlaceholderTokenized(text), "\(text)")
            #expect(USPostal.stateCode(text) == USPostal.stateCodeTokenized(text), "\(text)")
            #expect(TextFolding.folds(text, to: "DOE") == (TextFolding.fold(text) == "DOE"), "\(text)")
            #expect(Gate.isEmptyField(text) == TextFolding.foldedBytes(text).isEmpty, "\(text)")
        }
    }
}
