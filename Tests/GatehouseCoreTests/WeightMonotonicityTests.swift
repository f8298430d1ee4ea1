@testable import GatehouseCore
import Testing

/// Agreement levels are monotone for every field, whatever the store: a weaker agreement never
/// weighs more than a stronger one (exact ≥ nickname, initial, variant ≥ typo ≥ disagreement),
/// checked on the weight tables and on every comparison of requests written the ways requesters
/// write names and addresses, over generated stores of several sizes.
@Suite struct WeightMonotonicityTests {
    static let givens = [
        "WILLIAM", "ROBERT", "JAMES", "MARIA", "JOSE", "GUADALUPE", "DAVID", "ELIZABETH", "MICHAEL", "JENNIFER",
        "CARLOS", "NGUYEN", "WEI", "AISHA", "PATRICIA", "LUIS", "JOSEPH", "ANTHONY", "ZEBEDEE", "THADDEUS",
    ]
    static let surnames = [
        "SMITH", "GARCIA", "GARCIA LOPEZ", "HERNANDEZ RUIZ", "LOPEZ HERNANDEZ", "JOHNSON", "KLEIN", "OKAFOR",
        "NGUYEN", "PATEL", "QUACKENBUSH", "MARTINEZ", "WILSON", "KIM", "VARGAS", "MUNOZ",
    ]
    static let streets = ["MAIN ST", "OAK AVE", "MARKET ST", "ELM ST", "CALLE SOL", "PECAN DR", "BROADWAY", "QUAIL RUN"]
    static let places = [("OMAHA", "NE", "68102"), ("PHILADELPHIA", "PA", "19103"), ("SANTA ANA", "CA", "92701"), ("LAREDO", "TX", "78040")]

    /// A seeded store of `people` people, with households, apartments and middle names.
    static func store(people: Int, seed: UInt64) -> (RecordIndex, [Record]) {
        var random = SplitMix64(seed: seed)
        func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
        var records: [Record] = []
        var builder = RecordIndexBuilder()
        for n in 0..<people {
            let (city, state, zip) = pick(places)
            let house = 1 + Int(random.next() % 400)
            let unit = random.next() % 3 == 0 ? "Apt \(1 + random.next() % 12)" : ""
            let record = Record(
                recordID: "P\(n)", tin: random.next() % 2 == 0 ? String(100_000_000 + Int(random.next() % 800_000_000)) : "",
                givenName: pick(givens), middleName: random.next() % 2 == 0 ? pick(givens) : "", surname: pick(surnames),
                birthDate: "19\(40 + random.next() % 60)-0\(1 + random.next() % 9)-1\(random.next() % 9)",
                addresses: [PostalAddress(line1: "\(house) \(pick(streets))", line2: unit, city: city, state: state, postcode: zip)])
            records.append(record)
            builder.add(record)
        }
        return (builder.build(), records)
    }

    /// Ways a requester writes a stored person: as stored, by a nickname, with a typo, an initial,
    /// the middle name as the given name, one surname of two, another house, another unit, no ZIP.
    static func variants(of record: Record, random: inout SplitMix64) -> [Request] {
        let address = record.addresses[0]
        func request(
            given: String? = nil, middle: String? = nil, surname: String? = nil, line1: String? = nil, line2: String? = nil,
            postcode: String? = nil
        ) -> Request {
            Request(
                requestID: "Q", givenName: given ?? record.givenName, middleName: middle ?? "", surname: surname ?? record.surname,
                address: PostalAddress(
                    line1: line1 ?? address.line1, line2: line2 ?? address.line2, city: address.city, state: address.state,
                    postcode: postcode ?? address.postcode),
                caseReference: "C")
        }
        let given = record.givenName
        var typo = Array(given)
        typo.swapAt(1, 2)
        let nickname = NicknameTable.standard.nicknames(of: given).first ?? given
        let surnameParts = record.surname.split(separator: " ").map(String.init)
        let house = record.addresses[0].line1.split(separator: " ")
        return [
            request(),
            request(given: nickname),
            request(given: String(typo)),
            request(given: String(given.prefix(1))),
            request(given: record.middleName.isEmpty ? given : record.middleName),
            request(given: "ZORRO"),
            request(surname: surnameParts[0]),
            request(surname: surnameParts[0] + "X"),
            request(surname: surnameParts.count > 1 ? surnameParts[1] + " " + "ORTEGA" : "ORTEGA"),
            request(line1: "\(Int(house[0])! + 2) " + house.dropFirst().joined(separator: " ")),
            request(line2: "Apt 99"),
            request(postcode: ""),
            request(line1: "1 Nowhere Ln"),
        ]
    }

    @Test(arguments: [(16, UInt64(1)), (300, 2), (5_000, 3)])
    func levelsAreMonotone(people: Int, seed: UInt64) throws {
        let (index, records) = Self.store(people: people, seed: seed)
        let weights = MatchWeights.estimate(from: index, samples: 50_000)

        // The tables: every level between exact and disagreement, and the named pairs in order.
        for field in MatchField.allCases {
            let exact = weights.weight(field, .exact)
            let disagree = weights.weight(field, .disagree)
            for level in AgreementLevel.allCases where level != .missing && weights.probabilities(field, level) != nil {
                let w = weights.weight(field, level)
                if !MatchWeights.valueShared.contains(LevelSlot(field, level)) { #expect(w <= exact, "\(field) \(level)") }
                #expect(w >= disagree, "\(field) \(level) in a store of \(people)")
            }
            for (better, worse) in MatchWeights.order[field] ?? [] where weights.probabilities(field, worse) != nil {
                #expect(weights.weight(field, better) >= weights.weight(field, worse), "\(field) \(better) ≥ \(worse)")
            }
        }

        // Every comparison: a level weighs no more than exact agreement with the same record's
        // value would, and no less than a disagreement.
        let comparer = FieldComparer(index: index)
        var random = SplitMix64(seed: seed &* 7919)
        var compared = 0
        for (n, record) in records.prefix(200).enumerated() {
            for request in Self.variants(of: record, random: &random) {
                let prepared = comparer.prepare(NormalizedPerson(request: request), nicknames: .standard)
                for person in [n, Int(random.next() % UInt64(index.count))] {
                    let raw = comparer.compare(prepared, person: person, parts: true, weights: weights)
                    compared += 1
                    let given = weights.weight(.given, raw.given, frequency: raw.givenFrequency, ceiling: raw.givenCeiling)
                    let givenExact = weights.weight(.given, .exact, frequency: comparer.givenShare(token: index.people[person].given))
                    #expect(given <= givenExact + 1e-9, "given \(raw.given) in a store of \(people)")
                    #expect(given >= weights.weight(.given, .disagree))
                    let surname = weights.weight(.surname, raw.surname, frequency: raw.surnameFrequency, ceiling: raw.surnameCeiling)
                    let surnameExact = weights.weight(.surname, .exact, frequency: comparer.surnameShare(key: index.people[person].surnameKey))
                    #expect(surname <= surnameExact + 1e-9, "surname \(raw.surname) in a store of \(people)")
                    #expect(surname >= weights.weight(.surname, .disagree))
                    let address = weights.weight(.address, raw.address, frequency: raw.addressFrequency)
                    // Exact agreement with the most crowded address the store can hold is the floor
                    // every non-exact address level stays under.
                    let crowded = Double(min(index.count, MatchWeights.largestHousehold)) / Double(index.count)
                    if raw.address != .exact && raw.address != .missing {
                        #expect(address <= weights.weight(.address, .exact, frequency: crowded) + 1e-9, "address \(raw.address)")
                    }
                    #expect(raw.address == .missing || address >= weights.weight(.address, .disagree))
                    for (field, level, frequency, ceiling) in raw.parts!.weighedLevels where level != .missing {
                        let w = weights.weight(field, level, frequency: frequency, ceiling: ceiling)
                        if level == .fuzzy, ceiling > 0 {
                            #expect(w <= weights.weight(field, .exact, frequency: ceiling) + 1e-9, "\(field) fuzzy")
                        }
                        #expect(w >= weights.weight(field, .disagree), "\(field) \(level)")
                    }
                }
            }
        }
        #expect(compared >= 16 * 13 * 2)
    }
}
