/// A request normalized once and resolved against the store's token table, ready to be compared
/// with many candidates without further allocation.
struct PreparedRequest {
    struct Token {
        var id: UInt32
        var bytes: [UInt8]
        init(_ text: String, _ tokens: TokenTable) {
            id = tokens.id(of: text)
            bytes = Array(text.utf8)
        }
    }

    struct Address {
        var normalized: NormalizedAddress
        var house: UInt32
        var street: Token
        var suffix: UInt32
        var directions: UInt32
        var city: UInt32
        var state: UInt32
    }

    var person: NormalizedPerson
    var given: Token
    /// Ids of the given name's nickname variants that the store knows.
    var givenVariants: Set<UInt32>
    var middle: Token
    var surname: [Token]
    var surnameKey: Token
    var addresses: [Address]

    init(_ person: NormalizedPerson, tokens: TokenTable, nicknames: NicknameTable) {
        self.person = person
        let name = person.name
        given = Token(name.given, tokens)
        givenVariants = Set(nicknames.nicknames(of: name.given).map { tokens.id(of: $0) }.filter { $0 != 0 })
        for id in PreparedRequest.formalSiblings(of: name.given, nicknames: nicknames, tokens: tokens) {
            givenVariants.insert(id)
        }
        middle = Token(name.middle.first ?? "", tokens)
        surname = name.surname.map { Token($0, tokens) }
        surnameKey = Token(name.surname.joined(separator: " "), tokens)
        addresses = person.addresses.map { address in
            Address(
                normalized: address, house: tokens.id(of: address.house), street: Token(address.street, tokens),
                suffix: tokens.id(of: address.suffix), directions: tokens.id(of: address.directions),
                city: tokens.id(of: address.city), state: tokens.id(of: address.state))
        }
    }

    /// Names that share a formal name with `given` (BILL → WILL, WILLIE via WILLIAM).
    private static func formalSiblings(of given: String, nicknames: NicknameTable, tokens: TokenTable) -> [UInt32] {
        var result: [UInt32] = []
        for formal in nicknames.nicknames(of: given) where formal.utf8.count > given.utf8.count {
            for sibling in nicknames.nicknames(of: formal) where nicknames.areVariants(given, sibling) {
                let id = tokens.id(of: sibling)
                if id != 0 { result.append(id) }
            }
        }
        return result
    }
}
