import GatehouseCore

/// Inputs shared by the benchmarks, each built once on first use (global `let`s are lazy), and
/// only by the benchmarks that read them.
enum Fixtures {
    static let peopleInStore = 20_000
    static let requestCount = 2_000

    /// A store of `peopleInStore` generated people and requests for some of them.
    static let store: (index: RecordIndex, matcher: Matcher, requests: [Request]) = {
        var people = SyntheticPeople(seed: 42)
        var records: [Record] = []
        records.reserveCapacity(peopleInStore)
        for number in 0..<peopleInStore { records.append(people.record(number)) }
        var builder = RecordIndexBuilder()
        for record in records { builder.add(record) }
        let index = builder.build()
        var requests: [Request] = []
        for number in 0..<requestCount {
            if number % 10 == 9 {
                // one in ten describes nobody in the store
                requests.append(people.request(for: people.record(peopleInStore + number), number: number))
            } else {
                requests.append(people.request(for: records[people.below(records.count)], number: number))
            }
        }
        return (index, Matcher(index: index), requests)
    }()

    /// Generated records, for the index-building benchmark.
    static let records: [Record] = {
        var people = SyntheticPeople(seed: 42)
        return (0..<peopleInStore).map { people.record($0) }
    }()

    /// Address lines as requesters write them, including the special forms the parser knows.
    static let addressLines: [(String, String)] = {
        var people = SyntheticPeople(seed: 7)
        var lines = (0..<900).map { _ in people.addressLine() }
        lines += [
            ("PO Box 1234", ""), ("P.O. BOX 77", ""), ("RR 2 Box 15", ""), ("HC 1 Box 9", ""),
            ("General Delivery", ""), ("Failed to Provide", ""), ("Unknown Address", ""),
            ("90210", ""), ("", ""), ("Apt 4, 123 Main St", ""), ("1234 S 500 W", ""),
            ("123 Hwy 50", ""), ("4500 State Route 9", ""), ("456 Avenue B", ""),
            ("10 Calle Sol", ""), ("123 Avenue of the Americas", ""), ("One Main St", ""),
            ("N6W23001 Bluemound Rd", ""), ("W156N11357 Pilgrim Rd", ""), ("105-21 Jamaica Ave", "Apt 3"),
            ("123 1/2 Elm St", ""), ("A12 Calle 5", ""), ("Ste 200", "500 Market St"),
        ]
        while lines.count < 1_000 { lines.append(people.addressLine()) }
        return lines
    }()

    /// Names as they arrive: mixed case, accents, compound surnames, suffixes, middle names.
    static let names: [(given: String, middle: String, surname: String)] = {
        var people = SyntheticPeople(seed: 11)
        var names: [(String, String, String)] = (0..<950).map { _ in
            (people.pick(SyntheticPeople.givenNames), people.below(2) == 0 ? people.pick(SyntheticPeople.givenNames) : "",
             people.pick(SyntheticPeople.surnames))
        }
        names += [
            ("JOSÉ", "", "GARCÍA-LÓPEZ"), ("Mary-Kate", "Ann", "O'Neill"), ("Robert", "J.", "Smith Jr."),
            ("john", "", "smith iii"), ("Ana María", "", "de la Cruz Ramírez"), ("Zoë", "", "Bäcker"),
            ("  Seán  ", "", "Ó Súilleabháin"), ("William", "", "Van Der Berg Sr"), ("Nguyễn", "Văn", "An"),
        ]
        while names.count < 1_000 { names.append(("Emma", "", "Thompson")) }
        return names
    }()

    /// Pairs of folded names, alike and unlike, as byte arrays.
    static let namePairs: [([UInt8], [UInt8])] = {
        var people = SyntheticPeople(seed: 13)
        return (0..<1_000).map { number in
            let lhs = people.pick(SyntheticPeople.surnames)
            var rhs = number % 3 == 0 ? people.pick(SyntheticPeople.surnames) : lhs
            if number % 3 == 1, rhs.count > 2 { rhs.remove(at: rhs.index(rhs.startIndex, offsetBy: rhs.count / 2)) }
            return (Array(TextFolding.fold(lhs).utf8), Array(TextFolding.fold(rhs).utf8))
        }
    }()
}
