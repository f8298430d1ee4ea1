/// A request normalized once and resolved against the store's token table, ready to be compared
/// with many candidates without further allocation.
///
/// Classes (this and `Address`), so that handing one to a comparison retains one object rather
/// than copying every field of it.
final class PreparedRequest: Sendable {
    /// A text of the request with its id in the store (0 when the store never saw it). The
    /// text is kept as a `String`: most are small enough to live inline, without an allocation.
    struct Token: Sendable {
        var id: UInt32
        var text: String
        init(_ text: String, _ tokens: inout TokenLookup) {
            id = tokens.id(of: text)
            self.text = text
        }

        var isEmpty: Bool { text.isEmpty }
        /// The length in bytes.
        var count: Int { text.utf8.count }
        var firstByte: UInt8? { text.utf8.first }

        @inline(__always)
        func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R { text.withKeyBytes(body) }
    }

    /// The store's token table, each distinct text looked up once per request: the exchanged
    /// reading of a name repeats the texts of the other, and an address's house and city are
    /// wanted twice. A look-up is a cache miss in a large table; a repeat is a few compares.
    struct TokenLookup {
        let table: TokenTable
        private var texts: [String] = []
        private var ids: [UInt32] = []

        init(_ table: TokenTable) {
            self.table = table
            texts.reserveCapacity(16)
            ids.reserveCapacity(16)
        }

        mutating func id(of text: String) -> UInt32 {
            if text.isEmpty { return 0 }
            for i in texts.indices where texts[i] == text { return ids[i] }
            let id = table.id(of: text)
            texts.append(text)
            ids.append(id)
            return id
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
        /// The population shares (Census) of the given name, each surname token and the whole
        /// surname; whether the Census lists the given name.
        var givenPopulation: Double
        var givenListed: Bool
        var surnamePopulation: [Double]
        var surnameKeyPopulation: Double

        init(_ name: PersonName, tokens: inout TokenLookup, nicknames: NicknameTable, population: PopulationNames) {
            given = Token(name.given, &tokens)
            givenPopulation = population.givenShare(name.given)
            givenListed = population.listsGiven(name.given)
            // Direct pairs only (WILLIAM/BILL, JOSE/PEPE): two nicknames of one formal name (AL
            // and JAY, both of JALEN) are not taken as the same name.
            var variants: [UInt32] = []
            nicknames.forEachNickname(ofFolded: name.given) { variant in
                let id = tokens.table.id(of: variant)
                guard id != 0 else { return }
                if variants.isEmpty { variants.reserveCapacity(8) }
                variants.append(id)
            }
            givenVariants = variants
            middle = Token(name.middle.first ?? "", &tokens)
            var surname: [Token] = []
            surname.reserveCapacity(name.surname.count)
            for token in name.surname { surname.append(Token(token, &tokens)) }
            self.surname = surname
            surnameKey =
                name.surname.count == 1
                ? surname[0] : Token(name.surname.joined(separator: " "), &tokens)
            surnamePopulation = name.surname.map { population.surnameShare($0) }
            surnameKeyPopulation = name.surname.count == 1 ? surnamePopulation[0] : population.surnameShare(surnameKey.text)
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

        init(_ address: NormalizedAddress, tokens: inout TokenLookup) {
            normalized = address
            houseToken = Token(address.house, &tokens)
            cityToken = Token(address.city, &tokens)
            house = houseToken.id
            street = Token(address.street, &tokens)
            suffix = tokens.id(of: address.suffix)
            directions = tokens.id(of: address.directions)
            city = cityToken.id
            state = tokens.id(of: address.state)
            unit = Token(address.unit, &tokens)
        }
    }

    let person: NormalizedPerson
    let name: NameSide
    /// The name read with given and surname exchanged, when the request's fields allow it.
    let swappedName: NameSide?
    let addresses: [Address]
    /// People in the store who hold the request's TIN (empty when none was given or nobody has it).
    let tinHolders: [Int]

    init(
        _ person: consuming NormalizedPerson, index: borrowing RecordIndex, nicknames: NicknameTable,
        population: PopulationNames = .census
    ) {
        var tokens = TokenLookup(index.tokens)
        self.person = person
        name = NameSide(person.name, tokens: &tokens, nicknames: nicknames, population: population)
        swappedName = person.swappedName.map { NameSide($0, tokens: &tokens, nicknames: nicknames, population: population) }
        var addresses: [Address] = []
        addresses.reserveCapacity(person.addresses.count)
        for address in person.addresses { addresses.append(Address(address, tokens: &tokens)) }
        self.addresses = addresses
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
