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
        let addresses = NormalizedAddresses(addresses: person.addresses)
        let name = person.name
        forEachNameKey(
            given: name.given, surnameCount: name.surname.count, surname: { name.surname[$0] }, addresses: addresses,
            kinds: kinds, body)
        if swapped, let other = person.swappedName {
            forEachNameKey(
                given: other.given, surnameCount: other.surname.count, surname: { other.surname[$0] },
                addresses: addresses, kinds: kinds, body)
        }
        forEachOtherKey(tin: person.tin, addresses: addresses, kinds: kinds, body)
    }

    /// The addresses of a person as the keys read them: a person's `NormalizedAddress`es, or the
    /// strings of a row packed in a `PreparedChunk`. One key code serves both, so a record filed
    /// from packed bytes has the keys a request computes from its strings.
    protocol Addresses {
        associatedtype Text: KeyText
        var count: Int { get }
        func house(_ a: Int) -> Text
        func street(_ a: Int) -> Text
        func city(_ a: Int) -> Text
        func unit(_ a: Int) -> Text
        func zip(_ a: Int) -> UInt32
    }

    /// Text a key is made of: a `String`, or the bytes of one.
    protocol KeyText {
        var isEmpty: Bool { get }
        func withKeyBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R
    }

    struct NormalizedAddresses: Addresses {
        let addresses: [NormalizedAddress]
        var count: Int { addresses.count }
        // By index: iterating would copy each address (a retain per field).
        func house(_ a: Int) -> String { addresses[a].house }
        func street(_ a: Int) -> String { addresses[a].street }
        func city(_ a: Int) -> String { addresses[a].city }
        func unit(_ a: Int) -> String { addresses[a].unit }
        func zip(_ a: Int) -> UInt32 { addresses[a].zip }
    }

    /// The keys that read a name (of `kinds`): the name alone, and the name with each address.
    @inline(__always)
    static func forEachNameKey<A: Addresses>(
        given: A.Text, surnameCount: Int, surname: (Int) -> A.Text, addresses: A, kinds: KindSet,
        _ body: (UInt64) -> Void
    ) {
        for k in 0..<surnameCount {
            let token = surname(k)
            if !given.isEmpty && kinds.has(.fullName) { body(hash(.fullName, given, token)) }
            for i in 0..<addresses.count {
                let zip = addresses.zip(i)
                if zip != 0 {
                    if kinds.has(.surnameZip) { body(hash(.surnameZip, token, UInt64(zip))) }
                    if kinds.has(.givenSurnameInitialZip) && !given.isEmpty {
                        let key = given.withKeyBytes { given in
                            token.withKeyBytes { token in
                                hash(
                                    .givenSurnameInitialZip, UnsafeBufferPointer(rebasing: given.prefix(1)),
                                    UnsafeBufferPointer(rebasing: token.prefix(3)), UInt64(zip))
                            }
                        }
                        body(key)
                    }
                }
                if kinds.has(.houseSurname) {
                    let house = addresses.house(i)
                    if !house.isEmpty { body(hash(.houseSurname, house, token)) }
                }
                if kinds.has(.surnameCity) {
                    let city = addresses.city(i)
                    if !city.isEmpty { body(hash(.surnameCity, token, city)) }
                }
            }
        }
        if !given.isEmpty {
            for i in 0..<addresses.count {
                let zip = addresses.zip(i)
                if zip != 0 && kinds.has(.givenZip) { body(hash(.givenZip, given, UInt64(zip))) }
                if kinds.has(.givenCity) {
                    let city = addresses.city(i)
                    if !city.isEmpty { body(hash(.givenCity, given, city)) }
                }
                if kinds.has(.givenHouse) {
                    let house = addresses.house(i)
                    if !house.isEmpty { body(hash(.givenHouse, given, house)) }
                }
            }
        }
    }

    /// The keys that read no name: the TIN, and each address within its postcode or city.
    static func forEachOtherKey<A: Addresses>(tin: UInt32, addresses: A, kinds: KindSet, _ body: (UInt64) -> Void) {
        if tin != 0 && kinds.has(.tin) { body(hash(.tin, UInt64(tin))) }
        for i in 0..<addresses.count { forEachAddressKey(addresses, i, kinds: kinds, body) }
    }

    /// The keys of one address: the whole address within its postcode or city, and its parts.
    private static func forEachAddressKey<A: Addresses>(_ addresses: A, _ i: Int, kinds: KindSet, _ body: (UInt64) -> Void) {
        let house = addresses.house(i)
        let street = addresses.street(i)
        let city = addresses.city(i)
        let zip = UInt64(addresses.zip(i))
        if !house.isEmpty && !street.isEmpty {  // `NormalizedAddress.hasStreet`
            if zip != 0 && kinds.has(.addressZip) { body(hash(.addressZip, house, street, zip)) }
            if !city.isEmpty && kinds.has(.addressCity) { body(hash(.addressCity, house, street, city)) }
        }
        // The name-free keys. Each pairs one part with a locality, so each is as selective as a
        // street, a house number or a unit within one postcode or city; the posting cap drops the
        // few that are not (`APT 1` in a large city). They let a record whose given name and
        // surname are both replaced or mistyped still meet its request.
        if !house.isEmpty {
            if zip != 0 && kinds.has(.houseZip) { body(hash(.houseZip, house, zip)) }
            if !city.isEmpty && kinds.has(.houseCity) { body(hash(.houseCity, house, city)) }
        }
        if !street.isEmpty {
            if zip != 0 && kinds.has(.streetZip) { body(hash(.streetZip, street, zip)) }
            if !city.isEmpty && kinds.has(.streetCity) { body(hash(.streetCity, street, city)) }
        }
        if kinds.has(.unitZip) || kinds.has(.unitCity) {
            let unit = addresses.unit(i)
            if !unit.isEmpty {
                if zip != 0 && kinds.has(.unitZip) { body(hash(.unitZip, unit, zip)) }
                if !city.isEmpty && kinds.has(.unitCity) { body(hash(.unitCity, unit, city)) }
            }
        }
    }

    // FNV-1a over the kind, then each part followed by a separator, then a final avalanche.
    @inline(__always)
    private static func mixByte(_ state: inout UInt64, _ byte: UInt8) {
        state = (state ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }

    @inline(__always)
    private static func mix(_ state: inout UInt64, _ text: some KeyText) {
        text.withKeyBytes { bytes in
            for byte in bytes { mixByte(&state, byte) }
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

    static func hash(_ kind: Kind, _ a: some KeyText, _ number: UInt64) -> UInt64 {
        var state: UInt64 = 0xCBF2_9CE4_8422_2325
        mixByte(&state, kind.rawValue)
        mix(&state, a)
        mix(&state, number)
        return finish(state)
    }

    static func hash(_ kind: Kind, _ a: some KeyText, _ b: some KeyText) -> UInt64 {
        var state: UInt64 = 0xCBF2_9CE4_8422_2325
        mixByte(&state, kind.rawValue)
        mix(&state, a)
        mix(&state, b)
        return finish(state)
    }

    static func hash(_ kind: Kind, _ a: some KeyText, _ b: some KeyText, _ number: UInt64) -> UInt64 {
        var state: UInt64 = 0xCBF2_9CE4_8422_2325
        mixByte(&state, kind.rawValue)
        mix(&state, a)
        mix(&state, b)
        mix(&state, number)
        return finish(state)
    }

    static func hash(_ kind: Kind, _ a: some KeyText, _ b: some KeyText, _ c: some KeyText) -> UInt64 {
        var state: UInt64 = 0xCBF2_9CE4_8422_2325
        mixByte(&state, kind.rawValue)
        mix(&state, a)
        mix(&state, b)
        mix(&state, c)
        return finish(state)
    }
}

extension String: BlockingKeys.KeyText {
    /// Over the contiguous bytes when the string has them (native strings, small ones included):
    /// the UTF-8 view's iterator costs more than the hash itself.
    @inline(__always)
    func withKeyBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        return ContiguousArray(utf8).withUnsafeBufferPointer(body)
    }
}

extension UnsafeBufferPointer<UInt8>: BlockingKeys.KeyText {
    @inline(__always)
    func withKeyBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R { body(self) }
}
