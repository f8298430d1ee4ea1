/// Generates households of people sharing an address, each a pure function of (seed, index).
///
/// Because a household depends only on the seed and its own index, the request generator can
/// regenerate any stored person exactly instead of keeping ten million people in memory.
struct HouseholdGenerator: Sendable {
    let seed: UInt64
    let reference: ReferenceData
    /// Share of people drawn from the Hispanic name lists.
    let hispanicShare = 0.18

    /// Every `trickyPeriod`-th household lives on a street such as `BOX ELDER ST`.
    static let trickyPeriod = 401

    /// The members of household `household`, at most `capacity`, numbered from `firstIndex`.
    func household(_ household: Int, firstIndex: Int, capacity: Int) -> [SynthPerson] {
        var random = SynthRandom(seed: seed, stream: UInt64(household))
        let hispanic = random.chance(hispanicShare)
        var home = SynthAddress.random(zip: random.below(reference.zips.count), zips: reference.zips, random: &random)
        if household % HouseholdGenerator.trickyPeriod == 7 {
            home.street = SynthAddress.trickyBase + UInt16(household / HouseholdGenerator.trickyPeriod % 4)
        }
        home.asOf = randomAsOf(&random)
        var members: [SynthPerson] = []
        let shape = random.below(100)
        switch shape {
        case 0..<28:
            members.append(adult(male: random.chance(0.48), hispanic: hispanic, home: home, random: &random))
        case 28..<50:
            members += couple(hispanic: hispanic, home: home, random: &random)
        case 50..<80:
            let parents = couple(hispanic: hispanic, home: home, random: &random)
            members += parents
            members += children(father: parents[0], mother: parents[1], home: home, random: &random)
        case 80..<92:
            let parent = adult(male: random.chance(0.25), hispanic: hispanic, home: home, random: &random)
            members.append(parent)
            members += children(
                father: parent.isMale ? parent : nil, mother: parent.isMale ? nil : parent, home: home,
                random: &random)
        default:
            members.append(adult(male: random.chance(0.5), hispanic: hispanic, home: home, random: &random))
            members.append(adult(male: random.chance(0.5), hispanic: random.chance(hispanicShare), home: home, random: &random))
        }
        if members.contains(where: { $0.role == .son }) {
            markFather(&members[0], random: &random)
        }
        if members.count > capacity { members.removeLast(members.count - capacity) }
        let fathers = members.filter { $0.role == .father }.count
        let sons = members.filter { $0.role == .son }.count
        for position in members.indices {
            members[position].index = firstIndex + position
            if fathers == 0 || sons == 0 { members[position].role = .none }
        }
        return members
    }

    /// A person who is not in the store, living at a random address.
    func stranger(random: inout SynthRandom) -> SynthPerson {
        var home = SynthAddress.random(zip: random.below(reference.zips.count), zips: reference.zips, random: &random)
        home.asOf = randomAsOf(&random)
        var person = adult(male: random.chance(0.49), hispanic: random.chance(hispanicShare), home: home, random: &random)
        person.addresses = [home]
        return person
    }

    /// A random address somewhere in the country (for namesakes and addresses not on file).
    func randomAddress(random: inout SynthRandom) -> SynthAddress {
        var address = SynthAddress.random(zip: random.below(reference.zips.count), zips: reference.zips, random: &random)
        address.asOf = randomAsOf(&random)
        return address
    }

    // MARK: - People

    func adult(male: Bool, hispanic: Bool, home: SynthAddress, random: inout SynthRandom) -> SynthPerson {
        var person = named(male: male, hispanic: hispanic, random: &random)
        person.birth = HouseholdGenerator.birthDate(age: 19 + random.below(45) + random.below(25), random: &random)
        if random.chance(0.04) { person.birth = 0 }
        person.hasTIN = !random.chance(0.03)
        person.addresses = previousAddresses(before: home, random: &random) + [home]
        if male, random.chance(0.015) {
            person.suffix = random.chance(0.7) ? .junior : .third
            let place = random.below(100)
            person.suffixPlacement = place < 50 ? .surname : place < 65 ? .given : .absent
        }
        return person
    }

    func named(male: Bool, hispanic: Bool, random: inout SynthRandom) -> SynthPerson {
        let givenList =
            hispanic
            ? (male ? reference.hispanicMaleGiven : reference.hispanicFemaleGiven)
            : (male ? reference.maleGiven : reference.femaleGiven)
        let given = givenList.sample(&random)
        var person = SynthPerson(
            index: 0, isMale: male, isHispanic: hispanic, given: given, middle: "",
            paternal: hispanic ? reference.hispanicSurnames.sample(&random) : reference.surnames.sample(&random))
        if hispanic {
            if random.chance(0.55) {
                person.maternal = distinct(from: person.paternal, random: &random) { reference.hispanicSurnames.sample(&$0) }
                person.hyphenated = random.chance(0.3)
            }
            if random.chance(0.25) {
                let second = distinct(from: given, random: &random) { givenList.sample(&$0) }
                if random.chance(0.5) { person.given = given + " " + second } else { person.middle = second }
            } else {
                let roll = random.below(100)
                if roll < 25 {
                    person.middle = distinct(from: given, random: &random) { givenList.sample(&$0) }
                } else if roll < 35 {
                    person.middle = initial(of: givenList.sample(&random))
                }
            }
            person.accented = random.chance(0.25)
        } else {
            let roll = random.below(100)
            if roll < 55 {
                person.middle = distinct(from: given, random: &random) { givenList.sample(&$0) }
            } else if roll < 80 {
                person.middle = initial(of: givenList.sample(&random))
            }
        }
        person.titleCase = random.chance(0.08)
        return person
    }

    func couple(hispanic: Bool, home: SynthAddress, random: inout SynthRandom) -> [SynthPerson] {
        let husband = adult(male: true, hispanic: hispanic, home: home, random: &random)
        var wife = adult(male: false, hispanic: hispanic, home: home, random: &random)
        if husband.birth > 0, wife.birth > 0 {
            let year = min(Int(husband.birth / 10000) + random.between(-3...6), 2006)
            wife.birth = HouseholdGenerator.birthDate(age: 2025 - year, random: &random)
        }
        let roll = random.below(100)
        if hispanic {
            if roll < 30 {
                wife.paternal = husband.paternal
                wife.maternal = ""
            }
        } else if roll < 75 {
            wife.paternal = husband.paternal
        } else if roll < 80 {
            wife.maternal = husband.paternal
            wife.hyphenated = true
        }
        if husband.addresses.count > 1, random.chance(0.5) { wife.addresses = husband.addresses }
        return [husband, wife]
    }

    func children(father: SynthPerson?, mother: SynthPerson?, home: SynthAddress, random: inout SynthRandom) -> [SynthPerson] {
        let count = random.chance(0.4) ? 1 : random.chance(0.67) ? 2 : 3
        let parent = (father ?? mother)!
        let hispanic = parent.isHispanic
        let parentBirth = Int((mother ?? parent).birth > 0 ? (mother ?? parent).birth : 19_750_615)
        var used: Set<String> = [father?.given, mother?.given].compactMap { $0 }.reduce(into: []) { $0.insert($1) }
        var kids: [SynthPerson] = []
        var hasJunior = false
        for _ in 0..<count {
            let male = random.chance(0.5)
            var kid = named(male: male, hispanic: hispanic, random: &random)
            for _ in 0..<6 where used.contains(kid.given) {
                kid = named(male: male, hispanic: hispanic, random: &random)
            }
            used.insert(kid.given)
            let bornYear = min(parentBirth / 10000 + random.between(19...40), 2024)
            kid.birth = HouseholdGenerator.birthDate(age: 2025 - bornYear, random: &random)
            if random.chance(0.04) { kid.birth = 0 }
            kid.hasTIN = !random.chance(0.03)
            kid.accented = parent.accented
            if hispanic {
                kid.paternal = father?.paternal ?? (random.chance(0.5) ? parent.paternal : kid.paternal)
                kid.maternal = mother.map { $0.paternal != kid.paternal && random.chance(0.65) ? $0.paternal : "" } ?? ""
                kid.hyphenated = !kid.maternal.isEmpty && random.chance(0.3)
            } else {
                kid.maternal = ""
                kid.paternal = father?.paternal ?? (random.chance(0.6) ? parent.paternal : kid.paternal)
            }
            let age = 2025 - bornYear
            kid.addresses = age >= 22 && random.chance(0.3)
                ? previousAddresses(before: home, random: &random, maxCount: 1) + [home] : [home]
            if male, let father, !hasJunior, random.chance(0.3) {
                hasJunior = true
                makeJunior(&kid, father: father, random: &random)
            }
            kids.append(kid)
        }
        return kids
    }

    /// Gives `son` his father's name and a generational suffix (sometimes not written).
    func makeJunior(_ son: inout SynthPerson, father: SynthPerson, random: inout SynthRandom) {
        son.given = father.given
        if random.chance(0.6) { son.middle = father.middle }
        son.suffix = random.chance(0.85) ? .junior : .second
        let place = random.below(100)
        son.suffixPlacement = place < 45 ? .surname : place < 55 ? .given : place < 65 ? .middle : .absent
        son.suffixDot = random.chance(0.2)
        son.role = .son
        son.hasTIN = true
        if son.birth == 0 { son.birth = HouseholdGenerator.birthDate(age: 20, random: &random) }
    }

    /// Marks the head of a household whose son carries his name: always a TIN and a birth
    /// date on file, and a written `SR` only sometimes.
    func markFather(_ father: inout SynthPerson, random: inout SynthRandom) {
        father.role = .father
        father.hasTIN = true
        if father.birth == 0 { father.birth = HouseholdGenerator.birthDate(age: 60, random: &random) }
        if random.chance(0.25) {
            father.suffix = .senior
            father.suffixPlacement = random.chance(0.7) ? .surname : .given
            father.suffixDot = random.chance(0.2)
        } else {
            father.suffix = .none
            father.suffixPlacement = .absent
        }
    }

    // MARK: - Dates and addresses

    func previousAddresses(before current: SynthAddress, random: inout SynthRandom, maxCount: Int = 2) -> [SynthAddress] {
        let roll = random.below(100)
        let count = min(maxCount, roll < 45 ? 0 : roll < 80 ? 1 : 2)
        guard count > 0 else { return [] }
        var result: [SynthAddress] = []
        var asOf = current.asOf
        let state = Int(reference.zips.stateOfZip[Int(current.zip)])
        for _ in 0..<count {
            let zip: Int
            if random.chance(0.55) {
                let sameState = reference.zips.zipsByState[state]
                zip = Int(sameState[random.below(sameState.count)])
            } else {
                zip = random.below(reference.zips.count)
            }
            var address = SynthAddress.random(zip: zip, zips: reference.zips, random: &random)
            let year = Int(asOf / 10000) - random.between(1...6)
            asOf = Int32(year * 10000 + random.between(1...12) * 100 + random.between(1...28))
            address.asOf = asOf
            result.append(address)
        }
        return result.reversed()
    }

    /// A date between 2019-01-01 and 2025-06-28 (packed yyyymmdd).
    func randomAsOf(_ random: inout SynthRandom) -> Int32 {
        let year = random.between(2019...2025)
        let month = year == 2025 ? random.between(1...6) : random.between(1...12)
        return Int32(year * 10000 + month * 100 + random.between(1...28))
    }

    /// A birth date for someone `age` years old in mid-2025 (packed yyyymmdd).
    static func birthDate(age: Int, random: inout SynthRandom) -> Int32 {
        let year = 2025 - age
        let month = random.between(1...12)
        let days = month == 2 ? (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28)
            : [4, 6, 9, 11].contains(month) ? 30 : 31
        return Int32(year * 10000 + month * 100 + random.between(1...days))
    }

    func initial(of name: String) -> String {
        String(decoding: name.utf8.prefix(1), as: UTF8.self)
    }

    func distinct(from value: String, random: inout SynthRandom, draw: (inout SynthRandom) -> String) -> String {
        var candidate = draw(&random)
        var tries = 0
        while candidate == value, tries < 8 {
            candidate = draw(&random)
            tries += 1
        }
        return candidate
    }
}
