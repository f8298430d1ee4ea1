/// A generational suffix, parsed out of whichever name field holds it.
public enum NameSuffix: UInt8, Sendable, Codable, CaseIterable {
    case none = 0
    case junior
    case senior
    case second
    case third
    case fourth
    case fifth

    /// The suffix a folded token spells, if any. `V` counts only when `allowRoman5` (the last
    /// token of a surname), since elsewhere it is more often a middle initial.
    static func parse(_ token: String, allowRoman5: Bool) -> NameSuffix? {
        switch token {
        case "JR", "JNR", "JUNIOR": .junior
        case "SR", "SNR", "SENIOR": .senior
        case "II", "2ND": .second
        case "III", "3RD": .third
        case "IV", "4TH": .fourth
        case "V", "5TH": allowRoman5 || token == "5TH" ? .fifth : nil
        default: nil
        }
    }
}

/// A person's name split into comparable parts, folded: a primary given name, middle names,
/// surname tokens (compound and hyphenated surnames give several) and a generational suffix.
public struct PersonName: Sendable, Hashable {
    /// The first given-name token, or empty.
    public var given: String
    /// Further given-name tokens and the middle-name tokens, in order.
    public var middle: [String]
    /// Surname tokens without particles (`DE`, `LA`, `DEL`, `Y`, `VAN` …), in order.
    public var surname: [String]
    public var suffix: NameSuffix

    public init(given: String, middle: [String] = [], surname: [String], suffix: NameSuffix = .none) {
        self.given = given
        self.middle = middle
        self.surname = surname
        self.suffix = suffix
    }

    /// Parses the three name fields of a record or a request.
    ///
    /// Diacritics, case and punctuation are folded (`MUÑOZ` → `MUNOZ`, `O'Brien` → `OBRIEN`,
    /// `García-López` → `GARCIA`, `LOPEZ`); a suffix is taken from the end of any field
    /// (`SMITH JR`, `JOHN JR`, middle `III`); surname particles are dropped unless they are all
    /// the surname has.
    public init(given rawGiven: String, middle rawMiddle: String, surname rawSurname: String) {
        // The common case in a store: one word of ASCII letters and digits per field (or none),
        // which the tokenizer gives back as one token in capitals.
        if let givenCase = Self.oneWordCase(rawGiven.utf8), let middleCase = Self.oneWordCase(rawMiddle.utf8),
            let surnameCase = Self.oneWordCase(rawSurname.utf8)
        {
            if givenCase || middleCase || surnameCase {
                self.init(
                    oneWordFields: TextFolding.asciiFolded(rawGiven), middle: TextFolding.asciiFolded(rawMiddle),
                    surname: TextFolding.asciiFolded(rawSurname))
            } else {
                self.init(oneWordFields: rawGiven, middle: rawMiddle, surname: rawSurname)
            }
            return
        }
        self.init(tokenizing: rawGiven, middle: rawMiddle, surname: rawSurname)
    }

    /// Fields of one folded word each, or empty.
    private init(oneWordFields rawGiven: String, middle rawMiddle: String, surname rawSurname: String) {
        let surname = rawSurname.isEmpty ? [] : [rawSurname]
        if rawMiddle.isEmpty {
            self.init(given: rawGiven, surname: surname)
        } else if rawMiddle != "V", let parsed = NameSuffix.parse(rawMiddle, allowRoman5: false) {
            self.init(given: rawGiven, surname: surname, suffix: parsed)
        } else {
            self.init(given: rawGiven, middle: [rawMiddle], surname: surname)
        }
    }

    /// For a field of ASCII letters and digits only, or empty (one token to `nameTokens`):
    /// whether it has lowercase letters to fold; nil for any other field.
    static func oneWordCase(_ text: some Sequence<UInt8>) -> Bool? {
        var lowercase = false
        for byte in text {
            if byte >= 0x61 && byte <= 0x7A {
                lowercase = true
            } else if !(byte >= 0x41 && byte <= 0x5A) && !(byte >= 0x30 && byte <= 0x39) {
                return nil
            }
        }
        return lowercase
    }

    /// `init(given:middle:surname:)` through the name tokenizer, for every input.
    init(tokenizing rawGiven: String, middle rawMiddle: String, surname rawSurname: String) {
        var suffix = NameSuffix.none
        func stripSuffix(_ tokens: inout [String], allowRoman5: Bool) {
            while tokens.count > 1, let parsed = NameSuffix.parse(tokens[tokens.count - 1], allowRoman5: allowRoman5) {
                if suffix == .none { suffix = parsed }
                tokens.removeLast()
            }
        }
        var givenTokens = TextFolding.nameTokens(rawGiven)
        var middleTokens = TextFolding.nameTokens(rawMiddle)
        var surnameTokens = TextFolding.nameTokens(rawSurname)
        stripSuffix(&surnameTokens, allowRoman5: true)
        stripSuffix(&givenTokens, allowRoman5: false)
        if middleTokens.count == 1, let only = middleTokens.first, only != "V",
            let parsed = NameSuffix.parse(only, allowRoman5: false)
        {
            if suffix == .none { suffix = parsed }
            middleTokens = []
        } else {
            stripSuffix(&middleTokens, allowRoman5: false)
        }
        let meaningful = surnameTokens.filter { !PersonName.particles.contains($0) }
        if !meaningful.isEmpty { surnameTokens = meaningful }
        given = givenTokens.first ?? ""
        middle = Array(givenTokens.dropFirst()) + middleTokens
        surname = surnameTokens
        self.suffix = suffix
    }

    static let particles: Set<String> = [
        "DE", "DEL", "LA", "LAS", "LOS", "Y", "E", "DA", "DAS", "DO", "DOS", "DI", "VAN", "VON", "DER",
        "DEN", "TER", "LE", "DU",
    ]
}
