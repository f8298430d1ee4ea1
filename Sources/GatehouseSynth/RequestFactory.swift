import GatehouseCore

/// One generated request with its truth.
struct SynthRequest: Sendable {
    var kind: RequestKind
    var tin = ""
    var given = ""
    var middle = ""
    var surname = ""
    var birthDate = ""
    var address = AddressText(line1: "", line2: "", city: "", state: "", postcode: "")
    var caseReference = ""
    /// The one record a correct system verifies, or nil.
    var truth: Int?
    var casing: TextVariants.Casing = .upper
}

/// Builds requests of each kind, regenerating stored people from the seed as needed.
struct RequestFactory {
    let generator: HouseholdGenerator
    let renderer: AddressRenderer
    let layout: StoreLayout
    let tins: TINSpace
    let nicknames: NicknameTable
    var random: SynthRandom
    /// Records already targeted, so each stored person is asked about once at most.
    var used: Set<Int32> = []
    var strangers = 0

    /// A request of `kind`, or of a fallback kind when the store holds no suitable person.
    mutating func make(_ kind: RequestKind) -> SynthRequest {
        var request: SynthRequest
        switch kind.category {
        case .inStore:
            request = inStore(kind) ?? inStore(.exact) ?? noSingleRecord(.notInStore)
        case .noSingleRecord:
            request = noSingleRecord(kind)
        case .insufficient:
            request = insufficient(kind)
        }
        finish(&request)
        return request
    }

    /// Applies the request's casing to its free-text fields.
    func finish(_ request: inout SynthRequest) {
        let casing = request.casing
        guard casing != .upper else { return }
        request.given = TextVariants.apply(casing, to: request.given)
        request.middle = TextVariants.apply(casing, to: request.middle)
        request.surname = TextVariants.apply(casing, to: request.surname)
        request.address.line1 = TextVariants.apply(casing, to: request.address.line1)
        request.address.line2 = TextVariants.apply(casing, to: request.address.line2)
        request.address.city = TextVariants.apply(casing, to: request.address.city)
    }

    // MARK: - Picking stored people

    /// A random stored person (not one of a father/son pair, not yet used) that `accept` takes,
    /// with their household; nil after a bounded number of tries.
    mutating func target(_ accept: (SynthPerson) -> Bool = { _ in true }) -> (SynthPerson, [SynthPerson])? {
        for _ in 0..<96 {
            let index = random.below(layout.records)
            guard !used.contains(Int32(index)) else { continue }
            let household = layout.household(containing: index)
            let members = layout.members(of: household, generator: generator)
            let person = members[index - Int(layout.householdStarts[household])]
            guard person.role == .none, accept(person) else { continue }
            used.insert(Int32(index))
            return (person, members)
        }
        return nil
    }

    /// A father and son of one name from the same household, or nil when the store has none.
    mutating func fatherAndSon() -> (father: SynthPerson, son: SynthPerson, members: [SynthPerson])? {
        guard !layout.fatherSonHouseholds.isEmpty else { return nil }
        let household = Int(random.pick(layout.fatherSonHouseholds))
        let members = layout.members(of: household, generator: generator)
        guard let father = members.first(where: { $0.role == .father }),
            let son = members.first(where: { $0.role == .son })
        else { return nil }
        return (father, son, members)
    }

    // MARK: - Shared pieces

    /// A request describing `person` at `address`, names and address as the record writes
    /// them (without diacritics), a case reference, and sometimes the right TIN or birth date.
    mutating func base(_ person: SynthPerson, at address: SynthAddress, kind: RequestKind) -> SynthRequest {
        var request = SynthRequest(kind: kind)
        request.given = person.given
        request.middle = random.chance(0.6) ? person.middle : ""
        request.surname = person.surname
        if person.suffix != .none, person.role == .none, person.suffixPlacement != .absent, random.chance(0.5) {
            request.surname += " " + person.suffix.text
        }
        if person.hasTIN, random.chance(0.3) { request.tin = tins.tin(person.index) }
        if person.birth > 0, random.chance(0.15) { request.birthDate = DigitText.isoDate(person.birth) }
        request.address = renderer.render(address, style: .onFile(address))
        request.caseReference = caseReference()
        request.casing = person.titleCase ? .title : .upper
        return request
    }

    /// `HSI-2025-0012345` and the like.
    mutating func caseReference() -> String {
        let prefixes = ["CR", "HSI", "ERO", "CASE", "REF"]
        var bytes = Array(random.pick(prefixes).utf8)
        bytes.append(UInt8(ascii: "-"))
        DigitText.append(random.between(2023...2025), to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        DigitText.append(random.below(10_000_000), width: 7, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A casing for a request written by someone other than the record keeper.
    mutating func randomCasing() -> TextVariants.Casing {
        let roll = random.below(100)
        return roll < 75 ? .upper : roll < 95 ? .title : .lower
    }

    /// Small, sufficient variations of the locality: city and state without ZIP, ZIP without
    /// city, the state's full name.
    mutating func varyLocality(_ style: inout AddressStyle) {
        let roll = random.below(100)
        if roll < 3 {
            style.postcode = .none
        } else if roll < 8 {
            style.includeCity = false
        } else if roll < 10 {
            style.stateFullName = true
        }
    }

    /// Whether a housemate at `address` has a given or middle name that `given` could be read
    /// as (same, a nickname variant, or one edit away): then the request would not single out one person.
    func confusable(given: String, at address: SynthAddress, person: SynthPerson, members: [SynthPerson]) -> Bool {
        let wanted = RequestFactory.firstToken(TextFolding.fold(given))
        for other in members where other.index != person.index {
            guard other.addresses.contains(where: { $0.samePlace(as: address) }) else { continue }
            var names = [RequestFactory.firstToken(other.given)]
            names += other.middle.split(separator: " ").map(String.init).filter { $0.utf8.count > 1 }
            for name in names
            where wanted == name || nicknames.areVariants(wanted, name) || TextVariants.withinOneEdit(wanted, name) {
                return true
            }
        }
        return false
    }

    static func firstToken(_ text: String) -> String {
        guard let space = text.utf8.firstIndex(where: { $0 == 0x20 || $0 == UInt8(ascii: "-") }) else { return text }
        return String(text[..<space])
    }

    /// The stored TIN of a random person other than `person`'s household, or nil.
    mutating func someoneElsesTIN(than members: [SynthPerson]) -> String? {
        for _ in 0..<32 {
            let index = random.below(layout.records)
            guard !members.contains(where: { $0.index == index }) else { continue }
            let household = layout.household(containing: index)
            let others = layout.members(of: household, generator: generator)
            let other = others[index - Int(layout.householdStarts[household])]
            if other.hasTIN { return tins.tin(index) }
        }
        return nil
    }
}
