/// A request normalized once and resolved against the store's token table, ready to be compared
/// with many candidates without further allocation.
///
/// Classes (this and `Address`), so that handing one to a comparison retains one object rather
/// than copying every field of it.
final class PreparedRequest: Sendable {
    struct Token: Sendable {
        var id: UInt32
        var bytes: [UInt8]
        init(_ text: String, _ tokens: TokenTable) {
            id = tokens.id(of: text)
            bytes = Array(text.utf8)
        }
    }

    /// One reading of the request's name: as written, or with given name and surname exchanged.
    struct NameSide: Sendable {
        var given: Token
        /// Ids of the given name's nickname variants that the store knows.
        var givenVariants: [UInt32]
        var middle: Token
        var surname: [Token]
        var surnameKey: Token
        var suffix: NameSuffix

        init(_ name: PersonName, tokens: TokenTable, nicknames: NicknameTable) {
            given = Token(name.given, tokens)
            // Direct pairs only (WILLIAM/BILL, JOSE/PEPE): two nicknames of one formal name (AL
            // and JAY, both of JALEN) are not taken as the same name.
            givenVariants = nicknames.nicknames(of: name.given).map { tokens.id(of: $0) }.filter { $0 != 0 }
            middle = Token(name.middle.first ?? "", tokens)
            surname = name.surname.map { Token($0, tokens) }
            surnameKey = Token(name.surname.joined(separator: " "), tokens)
            suffix = name.suffix
        }
    }

    final class Address: Sendable {
        let normalized: NormalizedAddress
        let house: UInt32
        let street: Token
        let suffix: UInt32
        let directions: UInt32
        let city: UInt32
        let state: UInt32
        /// House number, city and secondary line with their bytes, for the part-by-part comparison.
        let houseToken: Token
        let cityToken: Token
        let unit: Token

        init(_ address: NormalizedAddress, tokens: TokenTable) {
            normalized = address
            house = tokens.id(of: address.house)
            street = Token(address.street, tokens)
            suffix = tokens.id(of: address.suffix)
            directions = tokens.id(of: address.directions)
            city = tokens.id(of: address.city)
            state = tokens.id(of: address.state)
            houseToken = Token(address.house, tokens)
            cityToken = Token(address.city, tokens)
            unit = Token(address.unit, tokens)
        }
    }

    let person: NormalizedPerson
    let name: NameSide
    /// The name read with given and surname exchanged, when the request's fields allow it.
    let swappedName: NameSide?
    let addresses: [Address]
    /// People in the store who hold the request's TIN (empty when none was given or nobody has it).
    let tinHolders: [Int]

    init(_ person: NormalizedPerson, index: borrowing RecordIndex, nicknames: NicknameTable) {
        let tokens = index.tokens
        self.person = person
        name = NameSide(person.name, tokens: tokens, nicknames: nicknames)
        swappedName = person.swappedName.map { NameSide($0, tokens: tokens, nicknames: nicknames) }
        addresses = person.addresses.map { Address($0, tokens: tokens) }
        var holders: [Int] = []
        if person.tin != 0 {
            for position in index.postingRange(BlockingKeys.hash(.tin, UInt64(person.tin))) {
                let holder = index.person(atPosting: position)
                if index.people[holder].tin == person.tin { holders.append(holder) }
            }
        }
        tinHolders = holders
    }
}
