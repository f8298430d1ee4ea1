/// Requests that describe one stored person, each kind differing from the record in one way.
extension RequestFactory {
    /// A request of in-store `kind` whose truth is the target's record, or nil when no
    /// suitable person was found.
    mutating func inStore(_ kind: RequestKind) -> SynthRequest? {
        switch kind {
        case .fatherSonByBirthDate, .fatherSonBySuffix, .fatherSonByTIN:
            return fatherSonSeparated(kind)
        case .trickyStreet:
            return trickyStreet()
        default:
            break
        }
        for _ in 0..<8 {
            guard let (person, members) = target(applicable(kind)) else { return nil }
            if var request = variant(kind, of: person, members: members) {
                request.truth = person.index
                return request
            }
            used.remove(Int32(person.index))
        }
        return nil
    }

    /// Whether `kind` can be built from `person`.
    func applicable(_ kind: RequestKind) -> (SynthPerson) -> Bool {
        switch kind {
        case .nickname: { !nicknameChoices(RequestFactory.firstToken($0.given)).isEmpty }
        case .typoGiven: { RequestFactory.firstToken($0.given).utf8.count >= 5 }
        case .typoSurname: { RequestFactory.firstToken($0.paternal).utf8.count >= 5 }
        case .compoundSurnameDropped, .compoundSurnameHyphenated: { !$0.maternal.isEmpty }
        case .historicalAddress: { $0.addresses.count >= 2 }
        case .unitDropped: { $0.current.hasUnit }
        case .middleInitial: { $0.middle.utf8.count > 1 }
        case .tinCorrect: { $0.hasTIN }
        case .birthDate: { $0.birth > 0 }
        case .diacritics: {
                $0.isHispanic && !$0.accented
                    && (TextVariants.accent($0.given) != $0.given || TextVariants.accent($0.surname) != $0.surname)
            }
        default: { _ in true }
        }
    }

    /// Nicknames of `given` that a request could carry: letters only, shorter names first.
    func nicknameChoices(_ given: String) -> [String] {
        let all = nicknames.nicknames(of: given).filter {
            $0.utf8.count >= 2 && $0.utf8.allSatisfy { $0 >= 0x41 && $0 <= 0x5A }
        }
        let shorter = all.filter { $0.utf8.count < given.utf8.count }
        return shorter.isEmpty ? all : shorter
    }

    /// The request of `kind` for `person`, or nil when it would be confusable with a housemate.
    mutating func variant(_ kind: RequestKind, of person: SynthPerson, members: [SynthPerson]) -> SynthRequest? {
        var address = person.current
        var style = AddressStyle.onFile(address)
        if kind == .historicalAddress {
            address = person.addresses[random.below(person.addresses.count - 1)]
            style = .onFile(address)
        }
        var request = base(person, at: address, kind: kind)
        if kind != .exact { varyLocality(&style) }
        var given = person.given
        switch kind {
        case .exact, .historicalAddress:
            break
        case .casePunctuation:
            request.casing = person.titleCase ? .upper : (random.chance(0.8) ? .title : .lower)
            if random.chance(0.5) {
                request.surname = TextVariants.punctuate(request.surname, random: &random)
            } else {
                request.given = TextVariants.punctuate(request.given, random: &random)
            }
            style.punctuation = random.chance(0.6)
        case .nickname:
            given = random.pick(nicknameChoices(RequestFactory.firstToken(person.given)))
            request.given = given
        case .typoGiven:
            let first = RequestFactory.firstToken(person.given)
            given = TextVariants.typo(first, random: &random)
            for _ in 0..<12 where isKnownGivenName(given) {
                given = TextVariants.typo(first, random: &random)
            }
            if isKnownGivenName(given) { return nil }
            request.given = given
        case .typoSurname:
            let first = RequestFactory.firstToken(person.paternal)
            let rest = person.surname.dropFirst(first.count)
            request.surname = TextVariants.typo(first, random: &random) + rest
        case .compoundSurnameDropped:
            request.surname = person.paternal
        case .compoundSurnameHyphenated:
            request.surname = person.paternal + (person.hyphenated ? " " : "-") + person.maternal
        case .swappedNames:
            (request.given, request.surname) = (person.surname, person.given)
        case .streetStyle:
            style.fullSuffix.toggle()
            style.fullDirectional.toggle()
        case .unitDropped:
            style.unit = .dropped
        case .zipPlus4:
            style.postcode = .plus4(address.zip4 > 0 ? address.zip4 : UInt16(random.between(1...9999)))
        case .middleInitial:
            let initial = String(decoding: person.middle.utf8.prefix(1), as: UTF8.self)
            request.middle = random.chance(0.3) ? initial + "." : initial
        case .tinCorrect:
            let tin = tins.tin(person.index)
            request.tin = random.chance(0.15) ? RequestFactory.dashed(tin) : tin
        case .tinMalformed:
            request.tin = malformedTIN(person)
        case .birthDate:
            request.birthDate = DigitText.isoDate(person.birth)
        case .diacritics:
            request.given = TextVariants.accent(person.given)
            request.surname = TextVariants.accent(person.surname)
        default:
            return nil
        }
        if confusable(given: given, at: address, person: person, members: members) {
            return nil
        }
        request.address = renderer.render(address, style: style)
        return request
    }

    /// Whether `name` is a real given name (from the Census lists or the nickname table).
    func isKnownGivenName(_ name: String) -> Bool {
        generator.reference.knownGivenNames.contains(name) || !nicknames.nicknames(of: name).isEmpty
    }

    /// A TIN a correct system must ignore rather than count as a conflict: 8 or 10 digits, or a placeholder.
    mutating func malformedTIN(_ person: SynthPerson) -> String {
        let tin = Array(tins.tin(person.index).utf8)
        switch random.below(5) {
        case 0, 1:
            var short = tin
            short.remove(at: random.below(short.count))
            return String(decoding: short, as: UTF8.self)
        case 2: return String(decoding: tin + [UInt8(ascii: "0") + UInt8(random.below(10))], as: UTF8.self)
        case 3: return random.pick(["N/A", "UNKNOWN", "NONE", "000000", "XXX-XX-XXXX"])
        default: return RequestFactory.dashed(String(decoding: tin.dropLast(), as: UTF8.self))
        }
    }

    /// `123-45-6789` from `123456789` (any length; dashes after the third and fifth digits).
    static func dashed(_ tin: String) -> String {
        var bytes: [UInt8] = []
        for (offset, byte) in tin.utf8.enumerated() {
            if offset == 3 || offset == 5 { bytes.append(UInt8(ascii: "-")) }
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Someone living on a street such as `BOX ELDER ST`, asked about at that address.
    mutating func trickyStreet() -> SynthRequest? {
        guard !layout.trickyHouseholds.isEmpty else { return nil }
        for _ in 0..<16 {
            let household = Int(random.pick(layout.trickyHouseholds))
            let members = layout.members(of: household, generator: generator)
            let person = random.pick(members)
            guard person.role == .none, !used.contains(Int32(person.index)) else { continue }
            used.insert(Int32(person.index))
            var request = base(person, at: person.current, kind: .trickyStreet)
            request.truth = person.index
            return request
        }
        return nil
    }

    /// A father/son pair of one name at one address, with one thing that tells them apart.
    mutating func fatherSonSeparated(_ kind: RequestKind) -> SynthRequest? {
        guard let (father, son, _) = fatherAndSon() else { return nil }
        var target = random.chance(0.5) ? father : son
        var suffix = ""
        if kind == .fatherSonBySuffix {
            if son.suffixPlacement != .absent {
                target = son
                suffix = son.suffix.text
            } else if father.suffix == .senior {
                target = father
                suffix = "SR"
            } else {
                return fatherSonSeparated(.fatherSonByBirthDate)
            }
        }
        var request = fatherSonBase(target, kind: kind)
        switch kind {
        case .fatherSonByBirthDate: request.birthDate = DigitText.isoDate(target.birth)
        case .fatherSonByTIN: request.tin = tins.tin(target.index)
        default:
            switch random.below(3) {
            case 0: request.surname += " " + suffix
            case 1: request.given += " " + suffix
            default: request.middle = suffix
            }
        }
        request.truth = target.index
        return request
    }

    /// A request naming `person` of a father/son pair with nothing that separates them: given
    /// name and first surname only, their shared current address, no suffix, TIN or birth date.
    mutating func fatherSonBase(_ person: SynthPerson, kind: RequestKind) -> SynthRequest {
        var request = SynthRequest(kind: kind)
        request.given = person.given
        request.surname = person.paternal
        request.address = renderer.render(person.current, style: .onFile(person.current))
        request.caseReference = caseReference()
        request.casing = person.titleCase ? .title : .upper
        return request
    }
}
