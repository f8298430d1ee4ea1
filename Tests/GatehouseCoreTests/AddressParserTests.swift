import Testing

@testable import GatehouseCore

@Suite struct AddressParserTests {
    /// (line 1, expected streetKey) for lines that are complete street addresses.
    static let streets: [(String, String)] = [
        ("123 Main St", "123 MAIN ST"),
        ("123 Main Street", "123 MAIN ST"),
        ("123 main str.", "123 MAIN ST"),
        ("123 North Main Street", "123 N MAIN ST"),
        ("123 N. Main St.", "123 N MAIN ST"),
        ("123 MAIN", "123 MAIN"),
        ("100 North St", "100 NORTH ST"),
        ("123 West Ave", "123 WEST AVE"),
        ("123 N St", "123 N ST"),
        ("123 E St NW", "123 E ST NW"),
        ("123 E North Ave", "123 E NORTH AVE"),
        ("1600 Pennsylvania Ave NW", "1600 PENNSYLVANIA AVE NW"),
        ("1600 Pennsylvania Avenue Northwest", "1600 PENNSYLVANIA AVE NW"),
        ("123 Park Ave S", "123 PARK AVE S"),
        ("One Main St", "1 MAIN ST"),
        ("Twelve Oak Lane", "12 OAK LN"),
        ("123 Avenue of the Americas", "123 AVE OF THE AMERICAS"),
        ("456 Avenue B", "456 AVE B"),
        ("456 Ave. B", "456 AVE B"),
        ("10 Calle Sol", "10 CALLE SOL"),
        ("20 Camino Real", "20 CAMINO REAL"),
        ("15 Avenida Juarez", "15 AVENIDA JUAREZ"),
        ("123 Fifth Avenue", "123 5TH AVE"),
        ("123 5th Ave", "123 5TH AVE"),
        ("123 Twenty-First St", "123 21ST ST"),
        ("123 Twenty First Street", "123 21ST ST"),
        ("123 Twentieth St", "123 20TH ST"),
        ("123A Main St", "123A MAIN ST"),
        ("123-A Main St", "123A MAIN ST"),
        ("123 A Main St", "123A MAIN ST"),
        ("123 A St", "123 A ST"),
        ("123 1/2 Main St", "123 1/2 MAIN ST"),
        ("123½ Main St", "123 1/2 MAIN ST"),
        ("12-14 Main St", "12-14 MAIN ST"),
        ("11785-11787 Spring Dr", "11785-11787 SPRING DR"),
        ("105-21 Queens Blvd", "105-21 QUEENS BLVD"),
        ("N6W23001 Bluemound Rd", "N6W23001 BLUEMOUND RD"),
        ("W156N11357 Pilgrim Rd", "W156N11357 PILGRIM RD"),
        ("1234 S 500 W", "1234 S 500 W"),
        ("1234 South 500 West", "1234 S 500 W"),
        ("123 HWY 50", "123 HWY 50"),
        ("123 Highway 50", "123 HWY 50"),
        ("4500 State Route 9", "4500 STATE RTE 9"),
        ("4500 SR 9", "4500 STATE RTE 9"),
        ("12 County Road 7", "12 COUNTY RD 7"),
        ("12 CR 7", "12 COUNTY RD 7"),
        ("123 US Highway 1", "123 US HWY 1"),
        ("500 Route 66", "500 RTE 66"),
        ("100 Box Elder St", "100 BOX ELDER ST"),
        ("1 Post Office Sq", "1 POST OFFICE SQ"),
        ("2 Unknown Ct", "2 UNKNOWN CT"),
        ("5 General Delivery Rd", "5 GENERAL DELIVERY RD"),
        ("12 Boxwood Ln", "12 BOXWOOD LN"),
        ("300 Refugio Rd", "300 REFUGIO RD"),
        ("7 Poe Blvd", "7 POE BLVD"),
        ("40 Mailbox Ln", "40 MAILBOX LN"),
        ("12 Homeless Way", "12 HOMELESS WAY"),
        ("9 Transient Ct", "9 TRANSIENT CT"),
        ("123 St Charles Ave", "123 ST CHARLES AVE"),
        ("123 Saint Charles Avenue", "123 ST CHARLES AVE"),
        ("200 Martin Luther King Jr Blvd", "200 MARTIN LUTHER KING JR BLVD"),
        ("200 Martin Luther King Junior Boulevard", "200 MARTIN LUTHER KING JR BLVD"),
        ("123 O'Connell St", "123 OCONNELL ST"),
        ("123 Main St, Springfield, IL 62701", "123 MAIN ST"),
        ("123 Main St Springfield IL 62701", "123 MAIN ST"),
        ("0 Main St", "0 MAIN ST"),
        ("90210 Sunset Blvd", "90210 SUNSET BLVD"),
        ("123 Calle Luna #4", "123 CALLE LUNA"),
        ("A12 Calle 5", "A12 CALLE 5"),
        ("1 Lake Shore Drive North", "1 LAKE SHORE DR N"),
        ("123 Rue Royale", "123 RUE ROYALE"),
        ("123 Key West Dr", "123 KEY WEST DR"),
        ("12 Ocean Side Dr", "12 OCEAN SIDE DR"),
    ]

    @Test(arguments: streets)
    func streetKey(line: String, expected: String) {
        let parsed = AddressParser.parse(line1: line)
        #expect(parsed.kind == .street, "\(line)")
        #expect(parsed.streetKey == expected, "\(line)")
    }

    /// (line 1, line 2, expected streetKey, expected unit).
    static let units: [(String, String, String, String)] = [
        ("123 Main St Apt 4", "", "123 MAIN ST", "APT 4"),
        ("123 Main St Apartment 4B", "", "123 MAIN ST", "APT 4B"),
        ("123 Main St #4", "", "123 MAIN ST", "# 4"),
        ("123 Main St #4B", "", "123 MAIN ST", "# 4B"),
        ("123 Main St Apt #4", "", "123 MAIN ST", "APT 4"),
        ("123 Main St, Suite 200", "", "123 MAIN ST", "STE 200"),
        ("123 Main St Ste 200", "", "123 MAIN ST", "STE 200"),
        ("Apt 4, 123 Main St", "", "123 MAIN ST", "APT 4"),
        ("Apt 4 123 Main St", "", "123 MAIN ST", "APT 4"),
        ("#12 456 Oak Ave", "", "456 OAK AVE", "# 12"),
        ("123 Main St", "Apt 4", "123 MAIN ST", "APT 4"),
        ("123 Main St", "#4", "123 MAIN ST", "# 4"),
        ("123 Main St", "4B", "123 MAIN ST", "# 4B"),
        ("123 Main St", "Unit C", "123 MAIN ST", "UNIT C"),
        ("123 Main St", "c/o Mary Smith", "123 MAIN ST", ""),
        ("Apt 4", "123 Main St", "123 MAIN ST", "APT 4"),
        ("", "123 Main St", "123 MAIN ST", ""),
        ("123 Main St Fl 2", "", "123 MAIN ST", "FL 2"),
        ("123 Main St Bldg 3 Apt 2", "", "123 MAIN ST", "BLDG 3 APT 2"),
        ("123 Main St Rear", "", "123 MAIN ST", "REAR"),
        ("123 Main St Lot 15", "", "123 MAIN ST", "LOT 15"),
        ("123 Main St Trlr 5", "", "123 MAIN ST", "TRLR 5"),
        ("123 Main St Spc 5", "", "123 MAIN ST", "SPC 5"),
        ("123 Main St Rm 101", "", "123 MAIN ST", "RM 101"),
        ("123 Main St Dept 7", "", "123 MAIN ST", "DEPT 7"),
        ("1600 Pennsylvania Ave NW Apt 2", "", "1600 PENNSYLVANIA AVE NW", "APT 2"),
        ("123 Main St PO Box 45", "", "123 MAIN ST", ""),
        ("123 Main St", "PO Box 45", "123 MAIN ST", ""),
        ("PO Box 45", "123 Main St", "123 MAIN ST", ""),
    ]

    @Test(arguments: units)
    func unit(line1: String, line2: String, key: String, unit: String) {
        let parsed = AddressParser.parse(line1: line1, line2: line2)
        #expect(parsed.kind == .street, "\(line1) | \(line2)")
        #expect(parsed.streetKey == key, "\(line1) | \(line2)")
        #expect(parsed.unit == unit, "\(line1) | \(line2)")
    }

    /// (line 1, expected kind) for lines that are not street addresses.
    static let kinds: [(String, AddressKind)] = [
        ("", .empty),
        ("   ", .empty),
        ("PO Box 12", .poBox),
        ("P.O. Box 12", .poBox),
        ("P O Box 12", .poBox),
        ("p.o.box 12", .poBox),
        ("POB 12", .poBox),
        ("P.O.B. 12", .poBox),
        ("Post Office Box 12", .poBox),
        ("Postal Box 12", .poBox),
        ("Post Box 12", .poBox),
        ("BOX 12", .poBox),
        ("Box #12", .poBox),
        ("PO 12", .poBox),
        ("PO Box", .poBox),
        ("P O BOX", .poBox),
        ("PO Drawer 7", .poBox),
        ("Apartado 12", .poBox),
        ("Apartado Postal 12", .poBox),
        ("Caller 5", .poBox),
        ("Caller Box 5", .poBox),
        ("Firm Caller 5", .poBox),
        ("PMB 45", .poBox),
        ("PSC 1234 Box 5678", .poBox),
        ("CMR 450 Box 1", .poBox),
        ("Unit 2050 Box 4190", .poBox),
        ("General Delivery", .generalDelivery),
        ("GENERAL DELIVERY, Springfield IL", .generalDelivery),
        ("Gen Del", .generalDelivery),
        ("Entrega General", .generalDelivery),
        ("RR 2 Box 15", .ruralRoute),
        ("R.R. 2 Box 15", .ruralRoute),
        ("RR2 Box 15", .ruralRoute),
        ("Rural Route 2 Box 15", .ruralRoute),
        ("HC 1 Box 3", .ruralRoute),
        ("HCR 1 Box 3", .ruralRoute),
        ("Highway Contract 1 Box 3", .ruralRoute),
        ("Star Route Box 9", .ruralRoute),
        ("RT 2 BOX 15", .ruralRoute),
        ("90210", .zipOnly),
        ("90210-1234", .zipOnly),
        ("902101234", .zipOnly),
        ("12345", .zipOnly),
        ("123", .zipOnly),
        ("CA 90210", .zipOnly),
        ("90210 CA", .zipOnly),
        ("90210-1234 Beverly Hills CA", .zipOnly),
        ("Main St", .noHouseNumber),
        ("Apt 4", .noHouseNumber),
        ("Beverly Hills CA 90210", .noHouseNumber),
        ("Route 66", .noHouseNumber),
        ("123 Apt 4", .noStreetName),
        ("123 #4", .noStreetName),
        ("123 N", .noStreetName),
        ("1st Ave", .noHouseNumber),
    ]

    @Test(arguments: kinds)
    func kind(line: String, expected: AddressKind) {
        #expect(AddressParser.parse(line1: line).kind == expected, "\(line)")
    }

    static let placeholders = [
        "Failed to Provide", "FAILED TO PROVIDE", "failed to provide 90210", "Failed To Provide, 90210",
        "Unknown Address", "Address Unknown", "Don't care", "Dont Care", "TBD", "No fixed address",
        "Homeless", "Refused", "Not Provided", "None", "N/A", "n/a", "NA", "Unknown", "UNK", "Same",
        "See above", "Same as above", "Various", "Declined", "XXX", "xxxxx", "Undeliverable", "Moved",
        "No address", "Transient", "-", "?", "--", "...", "Unknown Address, Los Angeles CA 90001",
        "123 Unknown", "00000 Unknown", "NULL", "Test", "Address", "Not Applicable", "X",
    ]

    @Test(arguments: placeholders)
    func placeholder(line: String) {
        #expect(AddressParser.parse(line1: line).kind == .placeholder, "\(line)")
    }

    @Test func placeholderLineOneWinsOverLineTwo() {
        #expect(AddressParser.parse(line1: "Unknown", line2: "123 Main St").kind == .placeholder)
    }

    @Test func privateMailboxIsFlagged() {
        let onLine = AddressParser.parse(line1: "123 Main St PMB 45")
        #expect(onLine.kind == .street)
        #expect(onLine.isPrivateMailbox)
        #expect(onLine.unit == "PMB 45")
        let onLineTwo = AddressParser.parse(line1: "123 Main St", line2: "PMB 45")
        #expect(onLineTwo.isPrivateMailbox)
        #expect(!AddressParser.parse(line1: "123 Main St Ste 4").isPrivateMailbox)
    }

    @Test func partsAreStandardized() {
        let parsed = AddressParser.parse(line1: "1600 north Pennsylvania avenue northwest apt 2")
        #expect(parsed.houseNumber == "1600")
        #expect(parsed.predirectional == "N")
        #expect(parsed.streetName == "PENNSYLVANIA")
        #expect(parsed.suffix == "AVE")
        #expect(parsed.postdirectional == "NW")
        #expect(parsed.unit == "APT 2")
    }

    @Test func spellingsShareAStreetKey() {
        let spellings = [
            "123 North Main Street", "123 N Main St", "123 n. main st.", "123 NORTH MAIN STR",
            "123 N MAIN ST APT 4",
        ]
        let keys = Set(spellings.map { AddressParser.parse(line1: $0).streetKey })
        #expect(keys == ["123 N MAIN ST"])
    }

    @Test func diacriticsFold() {
        #expect(AddressParser.parse(line1: "12 Calle Señora Peña").streetKey == "12 CALLE SENORA PENA")
    }
}

/// The parser's packed word constants spell their words.
@Suite struct WordKeyTests {
    @Test func constantsSpellTheirWords() {
        let words: [(WordKey, String)] = [
            (AddressParser.Word.p, "P"),
            (AddressParser.Word.o, "O"),
            (AddressParser.Word.b, "B"),
            (AddressParser.Word.r, "R"),
            (AddressParser.Word.po, "PO"),
            (AddressParser.Word.pob, "POB"),
            (AddressParser.Word.pobox, "POBOX"),
            (AddressParser.Word.post, "POST"),
            (AddressParser.Word.postal, "POSTAL"),
            (AddressParser.Word.office, "OFFICE"),
            (AddressParser.Word.off, "OFF"),
            (AddressParser.Word.box, "BOX"),
            (AddressParser.Word.bx, "BX"),
            (AddressParser.Word.drawer, "DRAWER"),
            (AddressParser.Word.drwr, "DRWR"),
            (AddressParser.Word.pmb, "PMB"),
            (AddressParser.Word.apartado, "APARTADO"),
            (AddressParser.Word.aptdo, "APTDO"),
            (AddressParser.Word.apdo, "APDO"),
            (AddressParser.Word.casilla, "CASILLA"),
            (AddressParser.Word.caller, "CALLER"),
            (AddressParser.Word.firm, "FIRM"),
            (AddressParser.Word.lockbox, "LOCKBOX"),
            (AddressParser.Word.psc, "PSC"),
            (AddressParser.Word.cmr, "CMR"),
            (AddressParser.Word.unit, "UNIT"),
            (AddressParser.Word.apo, "APO"),
            (AddressParser.Word.fpo, "FPO"),
            (AddressParser.Word.dpo, "DPO"),
            (AddressParser.Word.rr, "RR"),
            (AddressParser.Word.rfd, "RFD"),
            (AddressParser.Word.hc, "HC"),
            (AddressParser.Word.hcr, "HCR"),
            (AddressParser.Word.rural, "RURAL"),
            (AddressParser.Word.route, "ROUTE"),
            (AddressParser.Word.rte, "RTE"),
            (AddressParser.Word.rt, "RT"),
            (AddressParser.Word.delivery, "DELIVERY"),
            (AddressParser.Word.highway, "HIGHWAY"),
            (AddressParser.Word.hwy, "HWY"),
            (AddressParser.Word.contract, "CONTRACT"),
            (AddressParser.Word.star, "STAR"),
            (AddressParser.Word.general, "GENERAL"),
            (AddressParser.Word.gen, "GEN"),
            (AddressParser.Word.del, "DEL"),
            (AddressParser.Word.deliv, "DELIV"),
            (AddressParser.Word.gendel, "GENDEL"),
            (AddressParser.Word.entrega, "ENTREGA"),
            (AddressParser.Word.and, "AND"),
            (AddressParser.Word.at, "AT"),
            (AddressParser.Word.lbx, "LBX"),
            (AddressParser.Word.lb, "LB"),
            (AddressParser.Word.mailbox, "MAILBOX"),
            (AddressParser.Word.lock, "LOCK"),
        ]
        #expect(words.count == 54)
        for (key, word) in words {
            #expect(key == WordKey(word), "\(word)")
        }
    }
}

/// The one-pass reading of plain street lines gives what the tokenizer gives.
@Suite struct SimpleStreetTests {
    /// Every word the address vocabulary knows, each kind of it, and plain words.
    static let vocabulary: [String] = {
        var words = ["SANDY", "BLUEBIRD", "Locust", "ELM", "OAK", "HIDDEN", "VALLEY", "XX", "XXX", "AB", "Q"]
        for row in BundledTable.rows("usps-suffixes") {
            words.append(String(row[0]))
            words += row[1].split(separator: " ").map(String.init)
        }
        words += AddressLexicon.directionals.map(\.0) + AddressLexicon.units.map(\.0)
        words += AddressLexicon.cardinals + AddressLexicon.ordinals
        words += AddressLexicon.tens.flatMap { [$0.0, $0.1] }
        words += AddressLexicon.prefixTypes.map(\.0) + AddressLexicon.roadWords.map(\.0)
        words += AddressLexicon.nameForms.map(\.0) + AddressLexicon.placeholderStarts
        words += AddressLexicon.stateCodes + AddressLexicon.formWords
        return words.filter { !$0.isEmpty }
    }()

    static let secondLines = [
        "", "", "", " ", "APT 4", "Apt. 4B", "# 17", "UNIT 7", "PMB 5", "BLDG A", "STE 200", "LOT 919", "SANDY AVE",
        "12 OAK ST", "PO BOX 9", "C/O SMITH", "UNKNOWN", "REAR", "FL 2", "-",
    ]

    @Test(arguments: [
        ("942 SANDY AVE", "942", "SANDY", "AVE"), ("585 Bluebird Street", "585", "BLUEBIRD", "ST"),
        ("12 HIDDEN MEADOW LN", "12", "HIDDEN MEADOW", "LN"), ("100200 OAK CT", "100200", "OAK", "CT"),
    ])
    func readsPlainLines(line: String, house: String, street: String, suffix: String) {
        let simple = AddressParser.simpleStreet(line)
        #expect(simple == ParsedAddress(kind: .street, houseNumber: house, streetName: street, suffix: suffix))
        #expect(simple == AddressParser.parseTokenized(line1: line, line2: ""))
        #expect(AddressParser.parse(line1: line) == simple)
    }

    @Test(arguments: [
        ("942 N SANDY AVE", "N", "SANDY", "AVE", ""), ("942 North Sandy Ave", "N", "SANDY", "AVE", ""),
        ("942 SANDY AVE N", "", "SANDY", "AVE", "N"), ("942 HIDDEN MEADOW LN SOUTHWEST", "", "HIDDEN MEADOW", "LN", "SW"),
        ("12 NE BROAD ST", "NE", "BROAD", "ST", ""), ("7 elm st e", "", "ELM", "ST", "E"),
        ("1114 91ST WAY", "", "91ST", "WAY", ""), ("2 W 20th Rd", "W", "20TH", "RD", ""), ("8 2ND AVE NE", "", "2ND", "AVE", "NE"),
        ("8 21TH AVE", "", "21TH", "AVE", ""), ("8 3RD STREET", "", "3RD", "ST", ""),
        ("9694 HOSPITAL ST APT 20", "", "HOSPITAL", "ST", ""), ("7147 JUNIPER DRIVE # 166", "", "JUNIPER", "DR", ""),
        ("7147 N JUNIPER DRIVE #166", "N", "JUNIPER", "DR", ""), ("12 ELM ST SW Apt 4b", "", "ELM", "ST", "SW"),
    ])
    func readsDirectionalsAndNumberedStreets(line: String, pre: String, street: String, suffix: String, post: String) {
        let simple = AddressParser.simpleStreet(line)
        #expect(simple?.predirectional == pre)
        #expect(simple?.streetName == street)
        #expect(simple?.suffix == suffix)
        #expect(simple?.postdirectional == post)
        #expect(simple == AddressParser.parseTokenized(line1: line, line2: ""))
    }

    @Test(arguments: [
        "942 N S SANDY AVE", "942 N SANDY AVE S", "942 SANDY N AVE", "942 N AVE", "942 SANDY NORTH AVE",
        "942 NORTH AVE", "7 W ELM ST E", "942 SANDY AVE APT", "942 SANDY AVE PMB 5", "942 SANDY AVE BOX 5",
        "942 SANDY APT 4", "942 SANDY AVE REAR", "942 N XXX AVE", "942 A SANDY AVE", "942 SANDY", "942 AVE",
        "1234567 SANDY AVE", "942  SANDY AVE", "942 SANDY AVE ", " 942 SANDY AVE", "942 FIFTH AVE", "942 5TH 6TH AVE",
        "942 1234TH AVE", "942 12B AVE", "942 5TH SANDY AVE", "942 SANDY 5TH AVE", "942 5T AVE", "942 5THS AVE",
        "942 AVENUE B", "942 XXX ST", "942 PO BOX ST", "942 SAINT PAUL ST", "942 UNKNOWN ST", "942 SANDY HWY",
        "942 SANDY-LANE AVE", "", "942", "90363 VT PR",
    ])
    func leavesEverythingElseToTheTokenizer(line: String) {
        #expect(AddressParser.simpleStreet(line) == nil)
    }

    /// Checks that `parse` reads `line` (with a second line drawn from `secondLines`) as the
    /// tokenizer does, and that the shortcut, when it takes the line, reads it the same; returns
    /// the shortcut's reading, or nil when it leaves the line to the tokenizer.
    static func expectShortcutAgrees(_ line: String, _ generator: inout SplitMix64) -> ParsedAddress? {
        let line2 = secondLines[Int(generator.next() % UInt64(secondLines.count))]
        #expect(
            AddressParser.parse(line1: line, line2: line2) == AddressParser.parseTokenized(line1: line, line2: line2),
            "\(line) | \(line2)")
        guard let simple = AddressParser.simpleStreet(line) else { return nil }
        #expect(simple == AddressParser.parseTokenized(line1: line, line2: ""), "\(line)")
        return simple
    }

    @Test func randomLinesReadAsTokenized() {
        let words = Self.vocabulary
        var generator = SplitMix64(seed: 5)
        var accepted = 0
        for _ in 0..<200_000 {
            var parts = [String(generator.next() % 100_000)]
            for _ in 0..<(1 + Int(generator.next() % 4)) { parts.append(words[Int(generator.next() % UInt64(words.count))]) }
            var line = parts.joined(separator: generator.next() % 50 == 0 ? "  " : " ")
            if generator.next() % 3 == 0 { line = line.lowercased() }
            guard Self.expectShortcutAgrees(line, &generator) != nil else { continue }
            accepted += 1
        }
        #expect(accepted > 10_000)
    }

    /// Lines shaped as the directional shortcut reads them, from every kind of vocabulary word:
    /// wherever the shortcut accepts one, the tokenizer reads it the same.
    @Test func randomLinesWithDirectionalsReadAsTokenized() {
        let words = Self.vocabulary
        let directionals = AddressLexicon.directionals.map(\.0)
        let suffixes = ["ST", "AVE", "STREET", "AVENUE", "LN", "DR", "CT", "WAY", "BLVD", "CIR", "RD", "PL", "TER", "HWY", "ROAD"]
        var generator = SplitMix64(seed: 41)
        var accepted = 0
        var withUnit = 0
        var withDirectional = 0
        func pick(_ list: [String]) -> String { list[Int(generator.next() % UInt64(list.count))] }
        for _ in 0..<200_000 {
            var parts = [String(generator.next() % 100_000)]
            let before = generator.next() % 2 == 0
            if before { parts.append(pick(directionals)) }
            for _ in 0..<(1 + Int(generator.next() % 3)) {
                // Mostly plain name words, sometimes any word of the vocabulary.
                parts.append(
                    generator.next() % 4 == 0
                        ? pick(words)
                        : pick(["SANDY", "MEADOW", "OAK", "HIDDEN", "BEECH", "CENTER", "PARK", "1ST", "22ND", "3rd", "114TH", "7TH", "12B", "1234TH"]))
            }
            parts.append(generator.next() % 8 == 0 ? pick(words) : pick(suffixes))
            if !before || generator.next() % 8 == 0 { parts.append(pick(directionals)) }
            // A unit after the street, or something that only looks like one.
            if generator.next() % 3 == 0 {
                parts.append(
                    pick([
                        "APT 4", "# 166", "#90", "UNIT 7B", "STE 200", "LOT 919", "APT", "BLDG A", "PMB 5", "FL 2",
                        "APT 4 PMB 5", "RM", "REAR", "APT OFFICE", "APT 4, BLDG 2", "# 12 REAR", "SUITE 3-A", "APT 12345",
                    ]))
            }
            var line = parts.joined(separator: " ")
            if generator.next() % 3 == 0 { line = line.lowercased() }
            guard let simple = Self.expectShortcutAgrees(line, &generator) else { continue }
            accepted += 1
            if !simple.unit.isEmpty { withUnit += 1 }
            if !simple.predirectional.isEmpty || !simple.postdirectional.isEmpty { withDirectional += 1 }
        }
        #expect(accepted > 50_000)
        #expect(withUnit > 10_000)
        #expect(withDirectional > 10_000)
    }
}
