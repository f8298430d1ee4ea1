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

    /// A set of key kinds: which keys are filed, or which a lookup reads.
    struct KindSet: OptionSet, Sendable {
        let rawValue: UInt32
        init(rawValue: UInt32) { self.rawValue = rawValue }
        init(_ kinds: Kind...) { rawValue = kinds.reduce(0) { $0 | 1 << UInt32($1.rawValue) } }

        @inline(__always)
        func has(_ kind: Kind) -> Bool { rawValue & (1 << UInt32(kind.rawValue)) != 0 }

        /// Every kind: what the index files, and what the linkage profile looks up.
        static let all = KindSet(
            .surnameZip, .givenZip, .addressZip, .addressCity, .tin, .fullName, .houseSurname,
            .givenSurnameInitialZip, .givenCity, .surnameCity, .givenHouse, .houseZip, .houseCity, .streetZip,
            .streetCity, .unitZip, .unitCity)

        /// The keys that can find a person the statutory (or legacy) rule can verify. Such a
        /// person has the request's house number on file with its ZIP or its city, so the house
        /// keys find every one (the whole-address keys still do should a house key exceed the
        /// posting cap); the TIN finds its holder (the legacy rule, and TIN conflicts).
        static let statutory = KindSet(.houseZip, .houseCity, .addressZip, .addressCity, .tin)

        /// Name keys the statutory rule reads only to explain a not-found outcome: they find the
        /// named person filed at another address, so that the reason says "address not on file"
        /// rather than "no such name". Looked up under a lower posting cap (a common name is
        /// shared by too many people to tell anything). The broader name keys (a name within a
        /// city, a name with a house number anywhere) serve linkage recall only.
        static let statutoryNames = KindSet(.fullName, .surnameZip, .givenZip)
    }

    /// Calls `body` with each key of `person` whose kind is in `kinds`; `swapped` also reads a
    /// request with given and surname exchanged.
    static func forEach(_ person: NormalizedPerson, swapped: Bool, kinds: KindSet = .all, _ body: (UInt64) -> Void) {
        let name = person.name
        forEachOrientation(given: name.given, surname: name.surname, person: person, kinds: kinds, body)
        if swapped, let other = person.swappedName {
            forEachOrientation(given: other.given, surname: other.surname, person: person, kinds: kinds, body)
        }
        if person.tin != 0 && kinds.has(.tin) { body(hash(.tin, UInt64(person.tin))) }
        // By index: iterating would copy each address (a retain per field).
        for i in person.addresses.indices { forEachAddressKey(person.addresses[i], kinds: kinds, body) }
    }

    /// The keys of one address: the whole address within its postcode or city, and its parts.
    private static func forEachAddressKey(_ address: NormalizedAddress, kinds: KindSet, _ body: (UInt64) -> Void) {
        if address.hasStreet {
            if address.zip != 0 && kinds.has(.addressZip) {
                body(hash(.addressZip, address.house, address.street, UInt64(address.zip)))
            }
            if !address.city.isEmpty && kinds.has(.addressCity) {
                body(hash(.addressCity, address.house, address.street, address.city))
            }
        }
        forEachAddressPart(address, kinds: kinds, body)
    }

    /// The name-free keys of one address. Each pairs one part with a locality, so each is as
    /// selective as a street, a house number or a unit within one postcode or city; the posting
    /// cap drops the few that are not (`APT 1` in a large city). They let a record whose given
    /// name and surname are both replaced or mistyped still meet its request.
    private static func forEachAddressPart(_ address: NormalizedAddress, kinds: KindSet, _ body: (UInt64) -> Void) {
        let zip = UInt64(address.zip)
        let city = address.city
        if !address.house.isEmpty {
            if zip != 0 && kinds.has(.houseZip) { body(hash(.houseZip, address.house, zip)) }
            if !city.isEmpty && kinds.has(.houseCity) { body(hash(.houseCity, address.house, city)) }
        }
        if !address.street.isEmpty {
            if zip != 0 && kinds.has(.streetZip) { body(hash(.streetZip, address.street, zip)) }
            if !city.isEmpty && kinds.has(.streetCity) { body(hash(.streetCity, address.street, city)) }
        }
        if !address.unit.isEmpty {
            if zip != 0 && kinds.has(.unitZip) { body(hash(.unitZip, address.unit, zip)) }
            if !city.isEmpty && kinds.has(.unitCity) { body(hash(.unitCity, address.unit, city)) }
        }
    }

    private static func forEachOrientation(
        given: String, surname: [String], person: NormalizedPerson, kinds: KindSet, _ body: (UInt64) -> Void
    ) {
        let addresses = person.addresses
        for token in surname {
            if !given.isEmpty && kinds.has(.fullName) { body(hash(.fullName, given, token)) }
            for i in addresses.indices {  // by index, as in `forEach`
                let zip = addresses[i].zip
                if zip != 0 {
                    if kinds.has(.surnameZip) { body(hash(.surnameZip, token, UInt64(zip))) }
                    if kinds.has(.givenSurnameInitialZip), let initial = given.utf8.first {
                        body(hash(.givenSurnameInitialZip, String(decoding: [initial], as: UTF8.self), String(decoding: token.utf8.prefix(3), as: UTF8.self), UInt64(zip)))
                    }
                }
                if !addresses[i].house.isEmpty && kinds.has(.houseSurname) { body(hash(.houseSurname, addresses[i].house, token)) }
                if !addresses[i].city.isEmpty && kinds.has(.surnameCity) { body(hash(.surnameCity, token, addresses[i].city)) }
            }
        }
        if !given.isEmpty {
            for i in addresses.indices {
                let zip = addresses[i].zip
                if zip != 0 && kinds.has(.givenZip) { body(hash(.givenZip, given, UInt64(zip))) }
                if !addresses[i].city.isEmpty && kinds.has(.givenCity) { body(hash(.givenCity, given, addresses[i].city)) }
                if !addresses[i].house.isEmpty && kinds.has(.givenHouse) { body(hash(.givenHouse, given, addresses[i].house)) }
            }
        }
    }

    // FNV-1a over the kind, then each part followed by a separator, then a final avalanche.
    @inline(__always)
    private static func mixByte(_ state: inout UInt64, _ byte: UInt8) {
        state = (state ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }

    private static func mix(_ state: inout UInt64, _ text: String) {
        // Over the contiguous bytes when the string has them (native strings, small ones
        // included): the UTF-8 view's iterator costs more than the hash itself.
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
            for byte in bytes { mixByte(&state, byte) }
        }
        if done == nil {
            for byte in text.utf8 { mixByte(&state, byte) }
        }
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
