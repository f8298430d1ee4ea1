/// The agreement levels of one request against one person, before weighting.
struct RawComparison {
    var given = AgreementLevel.missing
    var surname = AgreementLevel.missing
    var middle = AgreementLevel.missing
    var suffix = AgreementLevel.missing
    var birth = AgreementLevel.missing
    var tin = AgreementLevel.missing
    var address = AgreementLevel.missing
    /// The agreeing value's share of people where the level is weighed by it (exact names and
    /// addresses, a given initial, a middle name used as the given name); 0 otherwise.
    var givenFrequency = 0.0
    var surnameFrequency = 0.0
    var addressFrequency = 0.0
    /// The share of the record's own name, which caps the weight of a non-exact name level (see
    /// `MatchWeights.weight`); 0 for an exact agreement or a disagreement.
    var givenCeiling = 0.0
    var surnameCeiling = 0.0
    var swapped = false
    /// The request's unit against the unit on file at the agreeing address (statutory rule:
    /// `Matcher.fits`); `.unknown` unless the address is on file and both name a unit.
    var unit = UnitRelation.unknown
    /// The address part by part (linkage profile only; nil under the statutory profile, whose
    /// composite `address` level is then the only address evidence).
    var parts: AddressParts?
}

/// Compares a prepared request with people in the index, field by field.
struct FieldComparer {
    let index: RecordIndex
    /// Population name shares, for stores too small to tell how common a name is.
    var population: PopulationNames = .census

    /// Levels for `request` against `person`, reading the name as written and, when that does
    /// not identify the person, with given name and surname exchanged.
    ///
    /// - Parameters:
    ///   - parts: also compare the address part by part (the linkage profile).
    ///   - weights: the weights that pick the best of the person's addresses by part-weight sum;
    ///     without them, the address agreeing on most parts.
    /// `person` resolved against this comparer's store. Made here, where the index is borrowed:
    /// handing a matcher's index to `PreparedRequest` from the class would copy it (a retain of
    /// every column, contended by every core).
    func prepare(_ person: consuming NormalizedPerson, nicknames: NicknameTable) -> PreparedRequest {
        PreparedRequest(person, index: index, nicknames: nicknames, population: population)
    }

    func compare(_ request: PreparedRequest, person: Int, parts: Bool = false, weights: MatchWeights? = nil) -> RawComparison {
        var result = RawComparison()
        compareName(request.name, person: person, into: &result)
        if !(NameLevels.identifies(given: result.given) && NameLevels.identifies(surname: result.surname)),
            let swapped = request.swappedName,
            // The exchanged reading is taken only when it identifies: its given name first, which
            // alone rules most candidates out before the surnames are compared.
            NameLevels.identifies(given: compareGiven(swapped, person: person).level)
        {
            var other = RawComparison()
            compareName(swapped, person: person, into: &other)
            if NameLevels.identifies(given: other.given) && NameLevels.identifies(surname: other.surname) {
                result = other
                result.swapped = true
            }
        }
        result.birth = compareBirth(request.person.birth, index.people[person].birth)
        result.tin = compareTIN(request, person: person)
        (result.address, result.addressFrequency, result.unit) = compareAddresses(request.addresses, person: person)
        if parts { result.parts = compareAddressParts(request.addresses, person: person, weights: weights) }
        return result
    }

    private func compareName(_ name: PreparedRequest.NameSide, person: Int, into result: inout RawComparison) {
        let given = compareGiven(name, person: person)
        result.given = given.level
        switch given.level {
        case .exact:
            result.givenFrequency = givenShare(count: index.givenCount[Int(index.people[person].given)], population: name.givenPopulation)
        case .nickname, .fuzzy, .middleAsGiven, .initial:
            // Weighed by the name that agreed (an initial by its letter), and never above the
            // exact agreement with the record's own given name.
            let recordGiven = index.people[person].given
            result.givenCeiling = givenShare(token: recordGiven)
            switch given.level {
            case .middleAsGiven: result.givenFrequency = given.agreeing == recordGiven ? result.givenCeiling : givenShare(token: given.agreeing)
            case .initial: result.givenFrequency = index.tokens.withBytes(recordGiven) { population.initialShare($0[0]) }
            default: break
            }
        default: break
        }
        let surname = compareSurname(name, person: person)
        result.surname = surname.level
        result.surnameFrequency = surname.frequency
        result.surnameCeiling = surname.ceiling
        result.middle = compareMiddle(name.middle, person: person)
        result.suffix = compareSuffix(name.suffix, NameSuffix(rawValue: index.people[person].suffix) ?? .none)
    }

    /// A store count of a given name blended with its population share.
    @inline(__always)
    private func givenShare(count: UInt32, population share: Double) -> Double {
        MatchWeights.populationShare(count: Int(count), people: index.count, population: share)
    }

    /// The blended share of the given name `id` of the store (its text looked up in the Census).
    func givenShare(token id: UInt32) -> Double {
        let census = index.tokens.withBytes(id) { population.givenShare(String(decoding: $0, as: UTF8.self)) }
        return givenShare(count: index.givenCount[Int(id)], population: census)
    }

    /// The blended share of the surname (key) `id` of the store.
    func surnameShare(key id: UInt32) -> Double {
        let census = index.tokens.withBytes(id) { population.surnameShare(String(decoding: $0, as: UTF8.self)) }
        return MatchWeights.populationShare(count: Int(index.surnameKeyCount[Int(id)]), people: index.count, population: census)
    }

    /// Whether the request's given name is one people really bear (MARIO beside MARIA), rather
    /// than a typo: the Census lists it, or enough people in the store bear it.
    private func isEstablishedGivenName(_ name: PreparedRequest.NameSide) -> Bool {
        name.givenListed || name.given.id != 0 && Int(index.givenCount[Int(name.given.id)]) >= max(3, index.count / 1_000_000)
    }

    /// The given-name level of `name` against `person`, and the record's name that agreed (its
    /// given name, or its middle name used as the given name).
    func compareGiven(_ name: PreparedRequest.NameSide, person: Int) -> (level: AgreementLevel, agreeing: UInt32) {
        let token = name.given
        let recordGiven = index.people[person].given
        if token.isEmpty || recordGiven == 0 { return (.missing, 0) }
        if token.id == recordGiven { return (.exact, recordGiven) }
        let variants = name.givenVariants
        if variants.contains(recordGiven) { return (.nickname, recordGiven) }
        // A middle name used as the given name: as written (GUADALUPE for MARIA GUADALUPE) or by
        // a nickname of it (LUPE); or the record holds only the request's second given name
        // (GUADALUPE on file, MARIA GUADALUPE asked).
        let recordMiddle = index.people[person].middle
        if recordMiddle != 0, token.id == recordMiddle || variants.contains(recordMiddle) { return (.middleAsGiven, recordMiddle) }
        if name.middle.id != 0, name.middle.id == recordGiven { return (.middleAsGiven, recordGiven) }
        // The record's name read by its shape first: most pairs are settled without its bytes.
        let n = token.count
        let shape = index.tokens.shape(recordGiven)
        let m = Int(shape >> 56)  // its length (capped at 255)
        if n != 1 && m != 1 {
            guard min(n, m) >= 3, !isEstablishedGivenName(name) else { return (.disagree, 0) }
            // Neither one edit apart nor, by the bound, similar enough.
            if abs(n - m) > 1, !token.withBytes({ StringSimilarity.mayReach($0, shape: shape, threshold: 0.92) }) {
                return (.disagree, 0)
            }
        }
        let level: AgreementLevel = token.withBytes { requestBytes in
            index.tokens.withBytes(recordGiven) { recordBytes in
                if requestBytes.count == 1 || recordBytes.count == 1 {
                    return requestBytes[0] == recordBytes[0] ? .initial : .disagree
                }
                // A different name that people really bear (MARIO, not MARIA) is not a typo.
                if min(requestBytes.count, recordBytes.count) >= 3, !isEstablishedGivenName(name),
                    StringSimilarity.withinOneEdit(requestBytes, recordBytes)
                        || StringSimilarity.jaroWinkler(requestBytes, recordBytes, atLeast: 0.92)
                {
                    return .fuzzy
                }
                return .disagree
            }
        }
        return (level, level == .disagree ? 0 : recordGiven)
    }

    /// The surname level of `name` against `person`, the agreeing value's share (exact and
    /// subset) and the record's own surname share that caps a non-exact level.
    func compareSurname(_ name: PreparedRequest.NameSide, person: Int) -> (level: AgreementLevel, frequency: Double, ceiling: Double) {
        let tokens = name.surname
        let key = name.surnameKey
        // The record's tokens by position in `surnameTokens`, not as a slice: a slice would retain
        // the index's array, whose count every core would then contend for.
        let row = index.people[person]
        let recordTokens = Int(row.surnameStart)..<Int(row.surnameEnd)
        if tokens.isEmpty || recordTokens.isEmpty { return (.missing, 0, 0) }
        let recordKey = row.surnameKey
        if key.id != 0 && key.id == recordKey {
            let share = MatchWeights.populationShare(
                count: Int(index.surnameKeyCount[Int(recordKey)]), people: index.count, population: name.surnameKeyPopulation)
            return (.exact, share, 0)
        }
        // Compound written as one word: GARCIALOPEZ vs GARCIA LOPEZ.
        if recordTokens.count != tokens.count, concatenationsEqual(tokens, key: key, recordTokens, recordKey: recordKey) {
            return (.exact, surnameShare(key: recordKey), 0)
        }
        var shared = 0
        var rarest = Double.infinity
        for (position, token) in tokens.enumerated()
        where token.id != 0 && recordTokens.contains(where: { index.surnameTokens[$0] == token.id }) {
            shared += 1
            let share = MatchWeights.populationShare(
                count: Int(index.surnameTokenCount[Int(token.id)]), people: index.count,
                population: name.surnamePopulation[position])
            rarest = min(rarest, share)
        }
        if shared > 0 && (shared == tokens.count || shared == recordTokens.count) {
            return (.subset, rarest, surnameShare(key: recordKey))
        }
        // A typo in a part the other does not share (GARCIA LOPES for GARCIA LOPEZ).
        for token in tokens where token.count >= 3 && !(token.id != 0 && recordTokens.contains(where: { index.surnameTokens[$0] == token.id })) {
            for position in recordTokens where !tokens.contains(where: { $0.id != 0 && $0.id == index.surnameTokens[position] }) {
                // By the record token's shape first (as in `compareGiven`).
                let shape = index.tokens.shape(index.surnameTokens[position])
                let m = Int(shape >> 56)
                if m < 3 { continue }
                if abs(token.count - m) > 1,
                    !token.withBytes({ StringSimilarity.mayReach($0, shape: shape, threshold: 0.92) })
                {
                    continue
                }
                let similar = token.withBytes { requestBytes in
                    index.tokens.withBytes(index.surnameTokens[position]) { recordBytes in
                        recordBytes.count >= 3
                            && (StringSimilarity.withinOneEdit(requestBytes, recordBytes)
                                || StringSimilarity.jaroWinkler(requestBytes, recordBytes, atLeast: 0.92))
                    }
                }
                if similar { return (.fuzzy, 0, surnameShare(key: recordKey)) }
            }
        }
        // One part shared, the others different: a relative in the Spanish custom, or the same
        // person under another second surname.
        if shared > 0 { return (.partial, rarest, surnameShare(key: recordKey)) }
        return (.disagree, 0, 0)
    }

    private func concatenationsEqual(
        _ tokens: [PreparedRequest.Token], key: PreparedRequest.Token, _ recordTokens: Range<Int>, recordKey: UInt32
    ) -> Bool {
        // Lengths first, from the whole surnames (the tokens joined by single spaces): most
        // differ in length, and need no bytes gathered.
        guard key.count - (tokens.count - 1) == index.tokens.length(recordKey) - (recordTokens.count - 1) else {
            return false
        }
        var lhs: [UInt8] = []
        for token in tokens { lhs.append(contentsOf: token.text.utf8) }
        var rhs: [UInt8] = []
        for position in recordTokens { index.tokens.withBytes(index.surnameTokens[position]) { rhs.append(contentsOf: $0) } }
        return lhs == rhs
    }

    func compareMiddle(_ token: PreparedRequest.Token, person: Int) -> AgreementLevel {
        let recordMiddle = index.people[person].middle
        if token.isEmpty || recordMiddle == 0 { return .missing }
        if token.id == recordMiddle { return .exact }
        return index.tokens.withBytes(recordMiddle) { recordBytes in
            guard recordBytes[0] == token.firstByte else { return .disagree }
            return recordBytes.count == 1 || token.count == 1 ? .initial : .disagree
        }
    }

    func compareSuffix(_ request: NameSuffix, _ record: NameSuffix) -> AgreementLevel {
        switch (request, record) {
        case (.none, .none): .missing
        case (.none, _): .recordOnly
        case (_, .none): .requestOnly
        default: request == record ? .exact : .disagree
        }
    }

    func compareBirth(_ request: UInt32, _ record: UInt32) -> AgreementLevel {
        if request == 0 || record == 0 { return .missing }
        if request == record { return .exact }
        let (y1, m1, d1) = (request / 10000, request / 100 % 100, request % 100)
        let (y2, m2, d2) = (record / 10000, record / 100 % 100, record % 100)
        if y1 == y2 && m1 == d2 && d1 == m2 { return .close }
        var differing = 0
        var a = request
        var b = record
        for _ in 0..<8 {
            if a % 10 != b % 10 { differing += 1 }
            a /= 10
            b /= 10
        }
        return differing == 1 ? .close : .disagree
    }

    /// TINs agree or conflict; a record without a TIN conflicts when the request's TIN belongs
    /// to somebody else in the store.
    func compareTIN(_ request: PreparedRequest, person: Int) -> AgreementLevel {
        let requested = request.person.tin
        let record = index.people[person].tin
        if requested == 0 { return .missing }
        if record == 0 { return request.tinHolders.isEmpty ? .missing : .disagree }
        return requested == record ? .exact : .disagree
    }

    /// The best level over the person's addresses, the agreeing address's household share, and
    /// the request's unit against that address's (the best of them: an address on file whose unit
    /// agrees before one that names none, before one that names another).
    func compareAddresses(_ addresses: [PreparedRequest.Address], person: Int) -> (AgreementLevel, Double, UnitRelation) {
        var best = AgreementLevel.missing
        var bestRank = Int.max
        var frequency = 0.0
        var unit = UnitRelation.unknown
        var unitRank = Int.max
        for i in addresses.indices {  // by index: iterating would copy each address (a retain per field)
            let address = addresses[i]  // one retain per address, not one per comparison
            for a in index.addresses(of: person) {
                let level = compareAddress(address, a)
                let rank = AddressLevels.rank(level)
                if rank < bestRank {
                    bestRank = rank
                    best = level
                    unitRank = Int.max
                    if level == .exact || level == .fuzzy {
                        // The share of people filed at this address (a household counts for less
                        // than one person); a near-miss on the street is five times as likely by chance.
                        let household = Double(index.householdSize(address.normalized)) / Double(max(index.count, 1))
                        frequency = level == .exact ? household : min(1, household * 5)
                    }
                }
                if rank == bestRank, AddressLevels.isOnFile(level), !address.unit.isEmpty {
                    let relation = unitRelation(address.unit, index.addressRows[a].unit)
                    let relationRank = relation == .agrees ? 0 : relation == .unknown ? 1 : 2
                    if relationRank < unitRank {
                        unitRank = relationRank
                        unit = relation
                    }
                }
            }
        }
        return (best, frequency, AddressLevels.isOnFile(best) ? unit : .unknown)
    }

    /// The request's unit key against a unit on file (`UnitIdentity`).
    func unitRelation(_ request: PreparedRequest.Token, _ recordUnit: UInt32) -> UnitRelation {
        if request.isEmpty || recordUnit == 0 { return .unknown }
        if request.id == recordUnit { return .agrees }
        return request.withBytes { requestBytes in
            index.tokens.withBytes(recordUnit) { UnitIdentity.relation(requestBytes, $0) }
        }
    }

    func compareAddress(_ request: PreparedRequest.Address, _ a: Int) -> AgreementLevel {
        // The row is read once: each `index.addressRows[a]` is a bounds check and a load.
        let row = index.addressRows[a]
        let zip = request.normalized.zip
        let zipAgrees = zip != 0 && zip == row.zip
        let cityAgrees = request.city != 0 && request.city == row.city
            && (request.state == 0 || row.state == 0 || request.state == row.state)
        let localityAgrees = zipAgrees || cityAgrees
        guard request.normalized.hasStreet, row.street != 0 else {
            if zip == 0 && request.city == 0 { return .missing }
            return localityAgrees ? .locality : .disagree
        }
        let suffixCompatible = request.suffix == 0 || row.streetSuffix == 0 || request.suffix == row.streetSuffix
        let directionsCompatible = request.directions == 0 || row.directions == 0 || request.directions == row.directions
        var streetLevel = AgreementLevel.disagree
        if request.street.id != 0 && request.street.id == row.street {
            streetLevel = .exact
        } else if localityAgrees {
            // A near-miss on the street counts only where the locality agrees (below), so the
            // string comparison is skipped elsewhere.
            let similar = request.street.withBytes { requestBytes in
                index.tokens.withBytes(row.street) { recordBytes in
                    min(requestBytes.count, recordBytes.count) >= 4
                        && (StringSimilarity.withinOneEdit(requestBytes, recordBytes)
                            || StringSimilarity.jaroWinkler(requestBytes, recordBytes, atLeast: 0.93))
                }
            }
            if similar { streetLevel = .fuzzy }
        }
        let houseAgrees = request.house != 0 && request.house == row.house
        if streetLevel != .disagree && suffixCompatible && directionsCompatible && localityAgrees {
            if houseAgrees { return streetLevel == .exact ? .exact : .fuzzy }
            return .sameStreet
        }
        // The house and street agree but the locality only nearly does (a mistyped ZIP and
        // city): strong evidence for identity, but not an address on file.
        if streetLevel == .exact && houseAgrees && suffixCompatible && directionsCompatible
            && localityClose(request, a)
        {
            return .close
        }
        return localityAgrees ? .locality : .disagree
    }
}

extension FieldComparer {
    /// ZIPs one edit apart, or cities one edit apart or Jaro–Winkler ≥ 0.9.
    func localityClose(_ request: PreparedRequest.Address, _ a: Int) -> Bool {
        let zip = request.normalized.zip
        if zip != 0 && index.addressRows[a].zip != 0 {
            var lhs = Array(String(zip & 0x7FFF_FFFF).utf8)
            var rhs = Array(String(index.addressRows[a].zip & 0x7FFF_FFFF).utf8)
            if lhs.withUnsafeMutableBufferPointer({ l in rhs.withUnsafeMutableBufferPointer { r in
                StringSimilarity.withinOneEdit(UnsafeBufferPointer(l), UnsafeBufferPointer(r)) } })
            {
                return true
            }
        }
        guard !request.normalized.city.isEmpty, index.addressRows[a].city != 0 else { return false }
        return Array(request.normalized.city.utf8).withUnsafeBufferPointer { requestBytes in
            index.tokens.withBytes(index.addressRows[a].city) { recordBytes in
                StringSimilarity.withinOneEdit(requestBytes, recordBytes)
                    || StringSimilarity.jaroWinkler(requestBytes, recordBytes, atLeast: 0.9)
            }
        }
    }
}

/// Which name levels identify a person (an initial alone does not).
enum NameLevels {
    static func identifies(given level: AgreementLevel) -> Bool {
        switch level {
        case .exact, .nickname, .fuzzy, .middleAsGiven: true
        default: false
        }
    }

    static func identifies(surname level: AgreementLevel) -> Bool {
        switch level {
        case .exact, .subset, .fuzzy: true
        default: false
        }
    }
}

/// Orders address levels from best to worst.
enum AddressLevels {
    static func rank(_ level: AgreementLevel) -> Int {
        switch level {
        case .exact: 0
        case .fuzzy: 1
        case .close: 2
        case .sameStreet: 2
        case .locality: 3
        case .disagree: 4
        default: 5
        }
    }

    static func isOnFile(_ level: AgreementLevel) -> Bool {
        level == .exact || level == .fuzzy
    }
}
