import GatehouseCore

/// A small seeded generator of people, addresses and requests for the micro-benchmarks.
///
/// The main package's generator (GatehouseSynth) is not a product, so the benchmarks make their
/// own data: plausible US names and street addresses from short word lists, the same for every
/// run with the same seed.
struct SyntheticPeople {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// SplitMix64.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    static let givenNames = [
        "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David",
        "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah",
        "Carlos", "María", "José", "Guadalupe", "Luis", "Ana", "Nguyen", "Wei", "Fatima", "Mohammed",
        "Christopher", "Karen", "Daniel", "Nancy", "Matthew", "Lisa", "Anthony", "Betty", "Mark",
        "Sandra", "Jorge", "Lucía", "Renée", "Zoë", "Seán", "Aaliyah", "Dmitri", "Olga",
    ]
    static let surnames = [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
        "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor",
        "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez",
        "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright",
        "Scott", "Torres", "Nguyen", "Hill", "Flores", "O'Brien", "García López", "De la Cruz",
        "Müller", "Kowalski", "Nakamura", "Okafor", "St. John", "MacDonald", "Van der Berg",
    ]
    static let streets = [
        "Main", "Oak", "Pine", "Maple", "Cedar", "Elm", "Washington", "Lake", "Hill", "Park",
        "Sunset", "Lincoln", "Jackson", "Church", "Highland", "Ridge", "Mill", "River", "Spring",
        "Valley", "Forest", "Meadow", "Willow", "Chestnut", "Walnut", "Franklin", "Center",
        "Martin Luther King Jr", "El Camino Real", "Avenida del Sol",
    ]
    static let streetTypes = ["St", "Street", "Ave", "Avenue", "Rd", "Road", "Blvd", "Dr", "Ln", "Ct", "Way", "Pl"]
    static let directions = ["", "", "", "", "N", "S", "E", "W", "NE", "SW"]
    static let units = ["", "", "", "", "Apt 4", "Apt 12B", "Unit 3", "# 201", "Ste 100", "Fl 2"]
    static let places: [(city: String, state: String, zip: String)] = [
        ("Springfield", "IL", "62701"), ("Austin", "TX", "78701"), ("Miami", "FL", "33101"),
        ("Fresno", "CA", "93701"), ("Denver", "CO", "80202"), ("Phoenix", "AZ", "85004"),
        ("Columbus", "OH", "43215"), ("Portland", "OR", "97201"), ("Albany", "NY", "12207"),
        ("Atlanta", "GA", "30303"), ("Boise", "ID", "83702"), ("Omaha", "NE", "68102"),
        ("Raleigh", "NC", "27601"), ("Tucson", "AZ", "85701"), ("El Paso", "TX", "79901"),
        ("San Juan", "PR", "00901"), ("Newark", "NJ", "07102"), ("Madison", "WI", "53703"),
    ]

    mutating func addressLine() -> (line1: String, line2: String) {
        let number = 1 + below(9_899)
        let direction = pick(Self.directions)
        let street = "\(direction.isEmpty ? "" : direction + " ")\(pick(Self.streets)) \(pick(Self.streetTypes))"
        let unit = pick(Self.units)
        return below(2) == 0 || unit.isEmpty ? ("\(number) \(street)\(unit.isEmpty ? "" : " " + unit)", "") : ("\(number) \(street)", unit)
    }

    mutating func address() -> PostalAddress {
        let (line1, line2) = addressLine()
        let place = pick(Self.places)
        return PostalAddress(line1: line1, line2: line2, city: place.city, state: place.state, postcode: place.zip)
    }

    mutating func record(_ number: Int) -> Record {
        let tin = String(100_000_000 + below(899_999_999))
        let birth = "19\(40 + below(60))-\(String(1 + below(12)).leftPadded)-\(String(1 + below(28)).leftPadded)"
        var addresses = [address()]
        if below(3) == 0 { addresses.append(address()) }
        return Record(
            recordID: "R\(number)", tin: tin, givenName: pick(Self.givenNames),
            middleName: below(2) == 0 ? pick(Self.givenNames) : "", surname: pick(Self.surnames),
            birthDate: birth, addresses: addresses)
    }

    /// A request for `record` as a requester might write it: at its latest address, sometimes
    /// with the middle name dropped or the given name misspelt by one letter.
    mutating func request(for record: Record, number: Int) -> Request {
        var given = record.givenName
        if below(5) == 0, given.count > 3 { given.removeLast() }
        return Request(
            requestID: "Q\(number)", tin: below(4) == 0 ? "" : record.tin, givenName: given,
            middleName: below(2) == 0 ? "" : record.middleName, surname: record.surname,
            birthDate: record.birthDate, address: record.addresses[record.addresses.count - 1],
            caseReference: "CASE-\(number)")
    }
}

private extension String {
    var leftPadded: String { count == 1 ? "0" + self : self }
}
