/// The blocking keys under which a person is filed and looked up.
///
/// Several independent keys, so that one typo or one variant (a nickname, a swapped name, a
/// dropped compound surname, a mistyped ZIP) does not lose the true record: a candidate only has
/// to share one key with the request. Keys are 64-bit hashes of folded strings, so a request's
/// keys are computed the same way whether or not its tokens are in the store.
enum BlockingKeys {
    enum Kind: UInt8 {
        case surnameZip = 1, givenZip, addressZip, addressCity, tin, fullName, houseSurname, givenSurnameInitialZip, givenCity, surnameCity, givenHouse
        // Name-free address keys, so that a record whose given name and surname are both
        // replaced or mistyped still meets its request through the parts of the address that
        // survived: the house number or the street within a postcode or a city, the secondary
        // line (a unit, or a property name) within one.
        case houseZip, houseCity, streetZip, streetCity, unitZip, unitCity
    }

    /// Calls `body` with each key of `person`; `swapped` also files the request with given and
    /// surname exchanged; `addressParts` adds the name-free address keys (always filed at index
    /// build, looked up by the linkage profile only, so statutory candidates stay as they were).
    static func forEach(_ person: NormalizedPerson, swapped: Bool, addressParts: Bool = true, _ body: (UInt64) -> Void) {
        let name = person.name
        forEachOrientation(given: name.given, surname: name.surname, person: person, body)
        if swapped, let other = person.swappedName {
            forEachOrientation(given: other.given, surname: other.surname, person: person, body)
        }
        if person.tin != 0 { body(hash(.tin, UInt64(person.tin))) }
        for address in person.addresses {
            if address.hasStreet {
                if address.zip != 0 { body(hash(.addressZip, address.house, address.street, UInt64(address.zip))) }
                if !address.city.isEmpty { body(hash(.addressCity, address.house, address.street, address.city)) }
            }
            if addressParts { forEachAddressPart(address, body) }
        }
    }

    /// The name-free keys of one address. Each pairs one part with a locality, so each is as
    /// selective as a street, a house number or a unit within one postcode or city; the posting
    /// cap drops the few that are not (`APT 1` in a large city).
    private static func forEachAddressPart(_ address: NormalizedAddress, _ body: (UInt64) -> Void) {
        let zip = UInt64(address.zip)
        let city = address.city
        if !address.house.isEmpty {
            if zip != 0 { body(hash(.houseZip, address.house, zip)) }
            if !city.isEmpty { body(hash(.houseCity, address.house, city)) }
        }
        if !address.street.isEmpty {
            if zip != 0 { body(hash(.streetZip, address.street, zip)) }
            if !city.isEmpty { body(hash(.streetCity, address.street, city)) }
        }
        if !address.unit.isEmpty {
            if zip != 0 { body(hash(.unitZip, address.unit, zip)) }
            if !city.isEmpty { body(hash(.unitCity, address.unit, city)) }
        }
    }

    private static func forEachOrientation(given: String, surname: [String], person: NormalizedPerson, _ body: (UInt64) -> Void) {
        for token in surname {
            if !given.isEmpty { body(hash(.fullName, given, token)) }
            for address in person.addresses {
                if address.zip != 0 {
                    body(hash(.surnameZip, token, UInt64(address.zip)))
                    if let initial = given.utf8.first {
                        body(hash(.givenSurnameInitialZip, String(decoding: [initial], as: UTF8.self), String(decoding: token.utf8.prefix(3), as: UTF8.self), UInt64(address.zip)))
                    }
                }
                if !address.house.isEmpty { body(hash(.houseSurname, address.house, token)) }
                if !address.city.isEmpty { body(hash(.surnameCity, token, address.city)) }
            }
        }
        if !given.isEmpty {
            for address in person.addresses {
                if address.zip != 0 { body(hash(.givenZip, given, UInt64(address.zip))) }
                if !address.city.isEmpty { body(hash(.givenCity, given, address.city)) }
                if !address.house.isEmpty { body(hash(.givenHouse, given, address.house)) }
            }
        }
    }

    // FNV-1a over the kind, then each part followed by a separator, then a final avalanche.
    @inline(__always)
    private static func mixByte(_ state: inout UInt64, _ byte: UInt8) {
        state = (state ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }

    private static func mix(_ state: inout UInt64, _ text: String) {
        for byte in text.utf8 { mixByte(&state, byte) }
        mixByte(&state, 0x1F)
    }

    private static func mix(_ state: inout UInt64, _ number: UInt64) {
        var value = number
        for _ in 0..<8 {
            mixByte(&state, UInt8(truncatingIfNeeded: value))
            value >>= 8
        }
        mixByte(&state, 0x1F)
    }

    private static func finish(_ state: UInt64) -> UInt64 {
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    static func hash(_ kind: Kind, _ number: UInt64) -> UInt64 {
        var state: UInt64 = 0xCBF2_9CE4_8422_2325
        mixByte(&state, kind.rawValue)
        mix(&state, number)
        return finish(state)
    }

    static func hash(_ kind: Kind, _ a: String, _ number: UInt64) -> UInt64 {
        var state: UInt64 = 0xCBF2_9CE4_8422_2325
        mixByte(&state, kind.rawValue)
        mix(&state, a)
        mix(&state, number)
        return finish(state)
    }

    static func hash(_ kind: Kind, _ a: String, _ b: String) -> UInt64 {
        var state: UInt64 = 0xCBF2_9CE4_8422_2325
        mixByte(&state, kind.rawValue)
        mix(&state, a)
        mix(&state, b)
        return finish(state)
    }

    static func hash(_ kind: Kind, _ a: String, _ b: String, _ number: UInt64) -> UInt64 {
        var state: UInt64 = 0xCBF2_9CE4_8422_2325
        mixByte(&state, kind.rawValue)
        mix(&state, a)
        mix(&state, b)
        mix(&state, number)
        return finish(state)
    }

    static func hash(_ kind: Kind, _ a: String, _ b: String, _ c: String) -> UInt64 {
        var state: UInt64 = 0xCBF2_9CE4_8422_2325
        mixByte(&state, kind.rawValue)
        mix(&state, a)
        mix(&state, b)
        mix(&state, c)
        return finish(state)
    }
}
