@testable import GatehouseCore
import Testing

/// Address lines as people write them on forms (the shapes found in the public usaddress corpus,
/// `Fixtures/address-corpus`), each read the way the gate must judge it.
@Suite struct AddressRealFormsTests {
    struct Form: Sendable, CustomTestStringConvertible {
        var line: String
        var kind: AddressKind
        /// House number + street, as `streetKey`; "" when not a street.
        var street = ""
        var unit = ""
        /// The gate's one finding for the line (city, state and ZIP being sound); nil: sufficient.
        var finding: ReasonCode? = nil
        var testDescription: String { line }
    }

    static let forms: [Form] = [
        // A unit, floor or suite before the street is a unit.
        Form(line: "4th Floor 300 E Randolph St", kind: .street, street: "300 E RANDOLPH ST", unit: "FL 4"),
        Form(line: "41st floor 1221 ave of the americas", kind: .street, street: "1221 AVE OF THE AMERICAS", unit: "FL 41"),
        Form(line: "3 FL 45-18 Court Square", kind: .street, street: "45-18 COURT SQ", unit: "FL 3"),
        Form(
            line: "Suite 200, Building 17, 7000 Peachtree Dunwoody Rd", kind: .street, street: "7000 PEACHTREE DUNWOODY RD",
            unit: "STE 200 BLDG 17"),
        Form(line: "suite 200 bld 17 7000 peachtree dunwoody rd", kind: .street, street: "7000 PEACHTREE DUNWOODY RD", unit: "STE 200 BLDG 17"),
        Form(line: "Flat 4 10A Dr Martin Luther King Blvd", kind: .street, street: "10A DR MARTIN LUTHER KING BLVD", unit: "APT 4"),
        Form(line: "Apt 5, 2200 Market St", kind: .street, street: "2200 MARKET ST", unit: "APT 5"),
        // A unit between the house number and the street.
        Form(line: "6910 # G Mary Caroline Circle", kind: .street, street: "6910 MARY CAROLINE CIR", unit: "# G"),
        Form(line: "123 Apt 4 Main St", kind: .street, street: "123 MAIN ST", unit: "APT 4"),
        Form(line: "123 Apt 4", kind: .noStreetName, finding: .addressNoStreetName),
        // Spelled-out and lettered house numbers.
        Form(line: "Fifty N Front St", kind: .street, street: "50 N FRONT ST"),
        Form(line: "Fifty Five Main St", kind: .street, street: "55 MAIN ST"),
        Form(line: "One Main St", kind: .street, street: "1 MAIN ST"),
        Form(line: "10A Oak Ave", kind: .street, street: "10A OAK AVE"),
        Form(line: "12-14 Oak Ave", kind: .street, street: "12-14 OAK AVE"),
        Form(line: "# 2 Turner Rd", kind: .street, street: "2 TURNER RD"),
        // Highway and farm roads.
        Form(line: "11950 FM 998", kind: .street, street: "11950 FM 998"),
        Form(line: "6189 US Highway 18", kind: .street, street: "6189 US HWY 18"),
        Form(line: "4500 State Route 9", kind: .street, street: "4500 STATE RTE 9"),
        // A building or place name before the number.
        Form(line: "The Biltmore, 817 West Peachtree Street, Suite 601", kind: .street, street: "817 W PEACHTREE ST", unit: "STE 601"),
        Form(line: "Hayes Center 4859 S. Wabash", kind: .street, street: "4859 S WABASH"),
        Form(line: "Rodney Square North 1100 N. Market Street", kind: .street, street: "1100 N MARKET ST"),
        Form(line: "Portofino N 507 2600 N Flagler Dr", kind: .street, street: "2600 N FLAGLER DR"),
        Form(line: "WRS TN Tower, 10th Floor 312 Rosa L. Parks Avenue", kind: .street, street: "312 ROSA L PARKS AVE", unit: "FL 10"),
        // Intersections are never a residence.
        Form(line: "I-80 & Frontage Road", kind: .intersection, finding: .addressIntersection),
        Form(line: "1601 Jumer Dr at Veterans Pkwy", kind: .intersection, finding: .addressIntersection),
        Form(line: "Main St and 5th Ave", kind: .intersection, finding: .addressIntersection),
        Form(line: "523W 6th St. & 330", kind: .intersection, finding: .addressIntersection),
        Form(line: "Broadway @ W 42nd St", kind: .intersection, finding: .addressIntersection),
        // …but a name with AND or & in it is a street.
        Form(line: "123 Barnes and Noble Blvd", kind: .street, street: "123 BARNES AND NOBLE BLVD"),
        Form(line: "100 Bread and Butter Rd", kind: .street, street: "100 BREAD AND BUTTER RD"),
        Form(line: "123 Main St and Apt 4", kind: .street, street: "123 MAIN ST", unit: "APT 4"),
        Form(line: "123 Flat Rock Rd", kind: .street, street: "123 FLAT ROCK RD"),
        // Boxes after a street: a mailing address beside it, not a residence alone.
        Form(line: "104 S Walnut RR 1 Box 297", kind: .street, street: "104 S WALNUT", finding: .addressRuralRoute),
        Form(line: "104 N Jefferson RR1 Box 3468", kind: .street, street: "104 N JEFFERSON", finding: .addressRuralRoute),
        Form(line: "115 Harting Road PO Box 12", kind: .street, street: "115 HARTING RD", finding: .addressPOBox),
        Form(line: "613 S. Main, PO 123", kind: .street, street: "613 S MAIN", finding: .addressPOBox),
        Form(line: "3523 Williams St, POB 477", kind: .street, street: "3523 WILLIAMS ST", finding: .addressPOBox),
        Form(line: "216 N. Pine P. O. Box 318", kind: .street, street: "216 N PINE", finding: .addressPOBox),
        Form(line: "4674 Marshall Rd Box 15", kind: .street, street: "4674 MARSHALL RD", finding: .addressPOBox),
        Form(line: "6000 Feldwood Rd LBX # 402605", kind: .street, street: "6000 FELDWOOD RD", finding: .addressPOBox),
        Form(line: "4900 W. 95th St. Lockbox 233204", kind: .street, street: "4900 W 95TH ST", finding: .addressPOBox),
        Form(line: "2400 Riverfront Drive Mailbox 2825", kind: .street, street: "2400 RIVERFRONT DR", finding: .addressPOBox),
        // Boxes anywhere in a line without a street get the box code.
        Form(line: "Dept 10309 PO Box 87618", kind: .poBox, finding: .addressPOBox),
        Form(line: "Church Street Station PO Box 6262", kind: .poBox, finding: .addressPOBox),
        Form(line: "Lock Box 427", kind: .poBox, finding: .addressPOBox),
        Form(line: "Post Office 20387", kind: .poBox, finding: .addressPOBox),
        Form(line: "RR 2 Box 15", kind: .ruralRoute, finding: .addressRuralRoute),
    ]

    @Test(arguments: forms)
    func reads(_ form: Form) {
        let parsed = AddressParser.parse(line1: form.line)
        #expect(parsed.kind == form.kind)
        if form.kind == .street {
            #expect(parsed.streetKey == form.street)
            #expect(parsed.unit == form.unit)
        }
        let request = Request(
            requestID: "Q", givenName: "Jordan", surname: "Ellery",
            address: PostalAddress(line1: form.line, city: "Springfield", state: "IL", postcode: "62704"),
            caseReference: "C-1")
        #expect(Gate.findings(for: request, profile: .statutory) == (form.finding.map { [$0] } ?? []))
    }
}

/// Units tell dwellings at one street address apart whatever designator each side wrote.
@Suite struct UnitIdentityTests {
    /// (request unit key, record unit key, relation).
    static let pairs: [(String, String, UnitRelation)] = [
        ("APT5", "APT5", .agrees),
        ("APT5", "#5", .agrees),
        ("UNIT5", "APT5", .agrees),
        ("5", "APT5", .agrees),
        ("APT05", "APT5", .agrees),
        ("APT12B", "#12B", .agrees),
        ("APT12-B", "APT12B", .agrees),
        ("APTB", "#B", .agrees),
        ("BLDG2APT5", "APT5", .agrees),
        ("STE200", "STE200", .agrees),
        ("APT5", "APT7", .conflicts),
        ("APT12B", "APT12C", .conflicts),
        ("APT12", "APT12B", .conflicts),
        ("BLDG2APT5", "BLDG3APT5", .conflicts),
        ("", "APT5", .unknown),
        ("APT5", "", .unknown),
        ("REAR", "APT5", .unknown),
    ]

    @Test(arguments: pairs)
    func relation(_ request: String, _ record: String, _ expected: UnitRelation) {
        #expect(UnitIdentity.relation(Array(request.utf8), Array(record.utf8)) == expected)
    }
}
