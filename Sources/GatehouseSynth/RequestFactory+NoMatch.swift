/// Sufficient requests that a correct system must not verify against any one record.
extension RequestFactory {
    /// A request of `kind` (category `.noSingleRecord`); falls back to `not_in_store` when the
    /// store has no suitable person.
    mutating func noSingleRecord(_ kind: RequestKind) -> SynthRequest {
        switch kind {
        case .namesakeElsewhere:
            if let request = namesake() { return request }
        case .fatherSonIndistinct:
            // Only pairs with one surname: "DAVID GONZALEZ" beside "DAVID GONZALEZ ORTIZ JR" is
            // arguably the father, so the kind would not be indistinct by construction.
            for _ in 0..<16 {
                guard let (father, son, _) = fatherAndSon() else { break }
                if father.surname == son.surname {
                    return fatherSonBase(random.chance(0.5) ? father : son, kind: .fatherSonIndistinct)
                }
            }
            if let request = namesake() { return request }
        case .tinOtherPerson:
            if let request = borrowedTIN() { return request }
        case .addressNotOnFile:
            if let request = addressNotOnFile() { return request }
        default:
            break
        }
        return notInStore()
    }

    /// A person who is not in the store, drawn from the same name and address distributions.
    mutating func notInStore() -> SynthRequest {
        let person = generator.stranger(random: &random)
        var request = base(person, at: person.current, kind: .notInStore)
        request.tin = random.chance(0.25) ? tins.tin(layout.records + strangers) : ""
        strangers += 1
        request.birthDate = random.chance(0.2) ? DigitText.isoDate(person.birth) : ""
        request.casing = randomCasing()
        var style = AddressStyle.onFile(person.current)
        varyLocality(&style)
        request.address = renderer.render(person.current, style: style)
        return request
    }

    /// A stored person's name at an address that is not theirs: a different person of the same name.
    mutating func namesake() -> SynthRequest? {
        guard let (person, _) = target() else { return nil }
        let address = addressNotOf(person, sameZip: false)
        var request = base(person, at: address, kind: .namesakeElsewhere)
        request.tin = ""
        request.birthDate = ""
        if random.chance(0.3) {
            let age = 19 + random.below(60)
            let birth = HouseholdGenerator.birthDate(age: age, random: &random)
            if birth != person.birth { request.birthDate = DigitText.isoDate(birth) }
        }
        request.casing = randomCasing()
        return request
    }

    /// Person A's name and current address with person B's TIN: the TIN conflicts, so no verification.
    mutating func borrowedTIN() -> SynthRequest? {
        guard let (person, members) = target(), let other = someoneElsesTIN(than: members) else { return nil }
        var request = base(person, at: person.current, kind: .tinOtherPerson)
        request.tin = other
        return request
    }

    /// A stored person's name and correct TIN at an address never on file for them: the
    /// unlawful path (a name + TIN match must not disclose an address).
    mutating func addressNotOnFile() -> SynthRequest? {
        guard let (person, _) = target({ $0.hasTIN }) else { return nil }
        let address = addressNotOf(person, sameZip: random.chance(0.6))
        var request = base(person, at: address, kind: .addressNotOnFile)
        request.tin = tins.tin(person.index)
        return request
    }

    /// A random address that is none of `person`'s, in their current ZIP when `sameZip`.
    mutating func addressNotOf(_ person: SynthPerson, sameZip: Bool) -> SynthAddress {
        while true {
            var address =
                sameZip
                ? SynthAddress.random(zip: Int(person.current.zip), zips: generator.reference.zips, random: &random)
                : generator.randomAddress(random: &random)
            address.asOf = person.current.asOf
            let street = renderer.street(of: address)
            let clash = person.addresses.contains {
                $0.samePlace(as: address) || ($0.house == address.house && renderer.street(of: $0).name == street.name)
            }
            if !clash { return address }
        }
    }
}
