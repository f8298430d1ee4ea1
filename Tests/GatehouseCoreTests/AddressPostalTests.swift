import Testing

@testable import GatehouseCore

@Suite struct AddressPostalTests {
    static let states: [(String, String?)] = [
        ("CA", "CA"), ("ca", "CA"), ("California", "CA"), ("CALIFORNIA", "CA"), ("Calif.", "CA"),
        ("N.Y.", "NY"), ("New York", "NY"), ("new  york", "NY"), ("D.C.", "DC"),
        ("District of Columbia", "DC"), ("Washington", "WA"), ("W. Va.", "WV"), ("Mass", "MA"),
        ("PR", "PR"), ("Puerto Rico", "PR"), ("GU", "GU"), ("Guam", "GU"), ("VI", "VI"),
        ("U.S. Virgin Islands", "VI"), ("AS", "AS"), ("American Samoa", "AS"), ("MP", "MP"),
        ("Northern Mariana Islands", "MP"), ("AA", "AA"), ("AE", "AE"), ("AP", "AP"),
        ("Armed Forces Europe", "AE"), ("FM", "FM"), ("MH", "MH"), ("PW", "PW"),
        ("", nil), ("ZZ", nil), ("XX", nil), ("Ontario", nil), ("C", nil), ("CAL IF", nil),
        ("Unknown", nil),
    ]

    @Test(arguments: states)
    func stateCode(text: String, expected: String?) {
        #expect(USPostal.stateCode(text) == expected, "\(text)")
    }

    static let zips: [(String, String?)] = [
        ("12345", "12345"), ("12345-6789", "12345"), ("123456789", "12345"), (" 02134 ", "02134"),
        ("12345 6789", "12345"), ("1234", nil), ("123456", nil), ("12345-678", nil), ("12345-", nil),
        ("ABCDE", nil), ("", nil), ("1234-56789", nil), ("12 345", nil), ("12345-67890", nil),
        ("00000", "00000"), ("00501-0001", "00501"), ("12345--6789", nil), ("12345\t", "12345"), ("1 2345", nil),
    ]

    @Test(arguments: zips)
    func normalizedZip(text: String, expected: String?) {
        #expect(USPostal.normalizedZip(text) == expected, "\(text)")
        #expect(USPostal.normalizedZipNumber(text) == expected.flatMap { UInt32($0) }, "\(text)")
    }

    static let zipStates: [(String, [String])] = [
        ("62701", ["IL"]), ("90210", ["CA"]), ("00901", ["PR"]), ("00802", ["VI"]), ("96910", ["GU", "FM", "MP", "PW", "MH"]),
        ("96799", ["HI", "AS"]), ("09012", ["AE"]), ("96201", ["AP"]), ("34001", ["AA"]),
        ("20500", ["DC", "MD", "VA"]), ("00000", []), ("99999", ["AK"]), ("00100", []), ("1234", []), ("ABCDE", []),
    ]

    @Test(arguments: zipStates)
    func statesForZip(zip: String, expected: [String]) {
        #expect(USPostal.states(forZip: zip) == expected, "\(zip)")
        if let number = USPostal.normalizedZipNumber(zip) {
            #expect(USPostal.states(forZipNumber: number) == expected, "\(zip) as a number")
        }
    }

    @Test func everyPrefixNamesKnownStates() {
        var prefixes = 0
        for prefix in 0..<1000 {
            let zip = String(prefix + 1000).dropFirst() + "01"
            let states = USPostal.states(forZip: String(zip))
            if !states.isEmpty { prefixes += 1 }
            for state in states { #expect(USPostal.stateCode(state) == state, "\(zip) \(state)") }
        }
        #expect(prefixes > 900)
    }
}
