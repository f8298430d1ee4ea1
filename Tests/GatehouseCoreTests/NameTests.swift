import GatehouseCore
import Testing

@Suite struct TextFoldingTests {
    @Test(arguments: [
        ("José", "JOSE"),
        ("  muñoz\t garcía ", "MUNOZ GARCIA"),
        ("Straße", "STRASSE"),
        ("Ørsted", "ORSTED"),
        ("O’Brien", "O'BRIEN"),
        ("Łukasz", "LUKASZ"),
        ("ÆSIR", "AESIR"),
        ("plain", "PLAIN"),
        ("", ""),
    ])
    func folds(_ input: String, _ expected: String) {
        #expect(TextFolding.fold(input) == expected)
    }

    @Test(arguments: [
        ("García-López", ["GARCIA", "LOPEZ"]),
        ("O'Brien", ["OBRIEN"]),
        ("J.R.", ["JR"]),
        ("de la Cruz", ["DE", "LA", "CRUZ"]),
        ("Smith, Jr.", ["SMITH", "JR"]),
    ])
    func nameTokens(_ input: String, _ expected: [String]) {
        #expect(TextFolding.nameTokens(input) == expected)
    }
}

@Suite struct PersonNameTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var given: String, middle: String, surname: String
        var expected: PersonName
        var testDescription: String { "\(given)|\(middle)|\(surname)" }
    }

    @Test(arguments: [
        Case(given: "John", middle: "", surname: "Smith Jr", expected: PersonName(given: "JOHN", surname: ["SMITH"], suffix: .junior)),
        Case(given: "John Jr.", middle: "", surname: "Smith", expected: PersonName(given: "JOHN", surname: ["SMITH"], suffix: .junior)),
        Case(given: "John", middle: "III", surname: "Smith", expected: PersonName(given: "JOHN", surname: ["SMITH"], suffix: .third)),
        Case(given: "John", middle: "V", surname: "Smith", expected: PersonName(given: "JOHN", middle: ["V"], surname: ["SMITH"])),
        Case(given: "Henry", middle: "", surname: "Ford V", expected: PersonName(given: "HENRY", surname: ["FORD"], suffix: .fifth)),
        Case(given: "María José", middle: "", surname: "García-López", expected: PersonName(given: "MARIA", middle: ["JOSE"], surname: ["GARCIA", "LOPEZ"])),
        Case(given: "Juan", middle: "", surname: "de la Cruz", expected: PersonName(given: "JUAN", surname: ["CRUZ"])),
        Case(given: "Ana", middle: "", surname: "García y Pérez", expected: PersonName(given: "ANA", surname: ["GARCIA", "PEREZ"])),
        Case(given: "Ana", middle: "", surname: "De La", expected: PersonName(given: "ANA", surname: ["DE", "LA"])),
        Case(given: "Pat", middle: "Q.", surname: "O'Neil II", expected: PersonName(given: "PAT", middle: ["Q"], surname: ["ONEIL"], suffix: .second)),
    ])
    func parses(_ c: Case) {
        #expect(PersonName(given: c.given, middle: c.middle, surname: c.surname) == c.expected)
    }
}

@Suite struct NicknameTableTests {
    @Test(arguments: [
        ("WILLIAM", "BILL", true),
        ("BILL", "WILL", true),
        ("JOSE", "PEPE", true),
        ("GUADALUPE", "LUPE", true),
        ("FRANCISCO", "PANCHO", true),
        ("ELIZABETH", "BETH", true),
        ("ROBERT", "BOB", true),
        ("WILLIAM", "ROBERT", false),
        ("JOSE", "JOSEPH", false),
        ("MARY", "MARY", true),
    ])
    func variants(_ a: String, _ b: String, _ expected: Bool) {
        #expect(NicknameTable.standard.areVariants(a, b) == expected)
        #expect(NicknameTable.standard.areVariants(b, a) == expected)
    }
}

@Suite struct StringSimilarityTests {
    @Test(arguments: [
        ("MARTHA", "MARHTA", 0.961),
        ("DWAYNE", "DUANE", 0.840),
        ("DIXON", "DICKSONX", 0.813),
        ("SAME", "SAME", 1.0),
        ("ABC", "XYZ", 0.0),
    ])
    func jaroWinkler(_ a: String, _ b: String, _ expected: Double) {
        #expect(abs(StringSimilarity.jaroWinkler(a, b) - expected) < 0.001)
    }

    @Test(arguments: [
        ("SMITH", "SMYTH", true),
        ("SMITH", "SMIT", true),
        ("SMITH", "SMIITH", true),
        ("SMITH", "SMTIH", true),
        ("SMITH", "SMYTHE", false),
        ("GARCIA", "GRACIA", true),
        ("LOPEZ", "PEREZ", false),
        ("", "A", true),
        ("AB", "BA", true),
    ])
    func oneEdit(_ a: String, _ b: String, _ expected: Bool) {
        #expect(StringSimilarity.withinOneEdit(a, b) == expected)
        #expect(StringSimilarity.withinOneEdit(b, a) == expected)
    }
}
