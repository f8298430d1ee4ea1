/// The agreement of one request address with one address on file, part by part (linkage profile).
///
/// Each part has its own levels — `exact`, `fuzzy` (one edit, or Jaro–Winkler above the part's
/// bar), `disagree`, `missing` — and, for an exact agreement, the share of people filed under
/// that value, so a common street or suburb counts for less than a rare one.
struct AddressParts: Equatable {
    var house = AgreementLevel.missing
    var street = AgreementLevel.missing
    var unit = AgreementLevel.missing
    var city = AgreementLevel.missing
    var postcode = AgreementLevel.missing
    var state = AgreementLevel.missing
    /// The share of people filed under the record's value of each part (for an exact or fuzzy
    /// agreement; 0 otherwise).
    var houseFrequency = 0.0
    var streetFrequency = 0.0
    var unitFrequency = 0.0
    var cityFrequency = 0.0
    var postcodeFrequency = 0.0
    /// The share of people, other than the candidate, filed at the request's exact address (a
    /// household). The parts are not independent there: agreeing on every part singles out the
    /// household, not the person, so the parts together may weigh no more than the whole
    /// address's own frequency allows (see `MatchWeights.partWeights`).
    var othersAtAddress = 0.0

    /// Each part's field, level, term frequency (for an exact part) and the share of the record's
    /// value that caps a fuzzy one (0 when none; see `MatchWeights.weight`).
    var weighedLevels: [(MatchField, AgreementLevel, Double, Double)] {
        func weighed(_ field: MatchField, _ level: AgreementLevel, _ share: Double) -> (MatchField, AgreementLevel, Double, Double) {
            (field, level, level == .exact ? share : 0, level == .fuzzy ? share : 0)
        }
        return [
            weighed(.houseNumber, house, houseFrequency), weighed(.street, street, streetFrequency),
            weighed(.unit, unit, unitFrequency), weighed(.city, city, cityFrequency),
            weighed(.postcode, postcode, postcodeFrequency), (.state, state, 0, 0),
        ]
    }

    /// The summed weight of the parts under `weights`.
    func weight(_ weights: MatchWeights) -> Double {
        weights.partWeights(self).reduce(0) { $0 + $1.weight }
    }

    /// House number and street agree exactly, and so does the postcode or the city: the
    /// candidate is filed under the request's address key.
    var isWholeAddress: Bool {
        house == .exact && street == .exact && (postcode == .exact || city == .exact)
    }

    /// A weight-free ordering for when no weights exist yet (while u is being estimated): an
    /// exact part counts 2, a fuzzy one 1, a disagreeing one −1.
    var agreementCount: Int {
        var total = 0
        for (_, level, _, _) in weighedLevels {
            switch level {
            case .exact: total += 2
            case .fuzzy: total += 1
            case .disagree: total -= 1
            default: break
            }
        }
        return total
    }
}

extension FieldComparer {
    /// The best agreement of any request address with any of `person`'s addresses, the best
    /// being the highest part-weight sum under `weights` (or the most agreeing parts without).
    func compareAddressParts(_ addresses: [PreparedRequest.Address], person: Int, weights: MatchWeights?) -> AddressParts {
        var best = AddressParts()
        var bestScore = -Double.infinity
        for i in addresses.indices {  // by index: iterating would copy each address
            for a in index.addresses(of: person) {
                let parts = compareParts(addresses[i], a)
                let score = weights.map { parts.weight($0) } ?? Double(parts.agreementCount)
                if score > bestScore {
                    bestScore = score
                    best = parts
                    best.othersAtAddress = othersFiled(at: addresses[i].normalized, candidateThere: parts.isWholeAddress)
                }
            }
        }
        return best
    }

    /// The share of people other than the candidate filed under the address key of `address`.
    private func othersFiled(at address: NormalizedAddress, candidateThere: Bool) -> Double {
        guard address.hasStreet else { return 0 }
        let key: UInt64
        if address.zip != 0 {
            key = BlockingKeys.hash(.addressZip, address.house, address.street, UInt64(address.zip))
        } else if !address.city.isEmpty {
            key = BlockingKeys.hash(.addressCity, address.house, address.street, address.city)
        } else {
            return 0
        }
        let filed = index.postingRange(key).count - (candidateThere ? 1 : 0)
        return Double(max(filed, 0)) / Double(max(index.count, 1))
    }

    /// One request address against address `a`, part by part.
    func compareParts(_ request: PreparedRequest.Address, _ a: Int) -> AddressParts {
        var parts = AddressParts()
        let people = Double(max(index.count, 1))
        let normalized = request.normalized

        parts.house = compareToken(request.houseToken, index.addressRows[a].house, minimumLength: 2, jaroWinkler: nil)
        if parts.house == .exact || parts.house == .fuzzy {
            parts.houseFrequency = Double(index.houseCount[Int(index.addressRows[a].house)]) / people
        }

        parts.street = compareToken(request.street, index.addressRows[a].street, minimumLength: 4, jaroWinkler: 0.93)
        if parts.street == .exact {
            let suffixCompatible = request.suffix == 0 || index.addressRows[a].streetSuffix == 0 || request.suffix == index.addressRows[a].streetSuffix
            if !suffixCompatible { parts.street = .fuzzy }
        }
        if parts.street == .exact || parts.street == .fuzzy {
            parts.streetFrequency = Double(index.streetCount[Int(index.addressRows[a].street)]) / people
        }

        parts.unit = compareToken(request.unit, index.addressRows[a].unit, minimumLength: 3, jaroWinkler: 0.9)
        if parts.unit == .exact || parts.unit == .fuzzy {
            parts.unitFrequency = Double(index.unitCount[Int(index.addressRows[a].unit)]) / people
        }

        parts.city = compareToken(request.cityToken, index.addressRows[a].city, minimumLength: 3, jaroWinkler: 0.9)
        if parts.city == .exact || parts.city == .fuzzy {
            parts.cityFrequency = Double(index.cityCount[Int(index.addressRows[a].city)]) / people
        }

        let zip = normalized.zip
        let recordZip = index.addressRows[a].zip
        if zip == 0 || recordZip == 0 {
            parts.postcode = .missing
        } else if zip == recordZip {
            parts.postcode = .exact
            parts.postcodeFrequency = Double(index.zipCount(zip)) / people
        } else if FieldComparer.postcodesOneEditApart(zip, recordZip) {
            parts.postcode = .fuzzy
            parts.postcodeFrequency = Double(index.zipCount(recordZip)) / people
        } else {
            parts.postcode = .disagree
        }

        if request.state == 0 && normalized.state.isEmpty || index.addressRows[a].state == 0 {
            parts.state = .missing
        } else {
            parts.state = request.state == index.addressRows[a].state ? .exact : .disagree
        }
        return parts
    }

    /// Exact when the ids agree; fuzzy when both have at least `minimumLength` bytes and are one
    /// edit apart or (when given) at least `jaroWinkler` similar; missing when either is empty.
    private func compareToken(_ token: PreparedRequest.Token, _ recordID: UInt32, minimumLength: Int, jaroWinkler bar: Double?) -> AgreementLevel {
        if token.isEmpty || recordID == 0 { return .missing }
        if token.id != 0 && token.id == recordID { return .exact }
        let similar = token.withBytes { requestBytes in
            index.tokens.withBytes(recordID) { recordBytes in
                min(requestBytes.count, recordBytes.count) >= minimumLength
                    && (StringSimilarity.withinOneEdit(requestBytes, recordBytes)
                        || bar.map { StringSimilarity.jaroWinkler(requestBytes, recordBytes, atLeast: $0) } ?? false)
            }
        }
        return similar ? .fuzzy : .disagree
    }

    /// Whether two postcodes' decimal digits are one edit apart (without allocating).
    static func postcodesOneEditApart(_ lhs: UInt32, _ rhs: UInt32) -> Bool {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            let left = decimalDigits(lhs & 0x7FFF_FFFF, into: UnsafeMutableBufferPointer(rebasing: buffer[0..<10]))
            let right = decimalDigits(rhs & 0x7FFF_FFFF, into: UnsafeMutableBufferPointer(rebasing: buffer[10..<20]))
            return StringSimilarity.withinOneEdit(
                UnsafeBufferPointer(rebasing: buffer[0..<left]), UnsafeBufferPointer(rebasing: buffer[10..<(10 + right)]))
        }
    }

    /// Writes `value`'s decimal digits (most significant first) and returns their count.
    private static func decimalDigits(_ value: UInt32, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var count = 0
        var rest = value
        repeat {
            buffer[count] = UInt8(rest % 10) + 0x30
            rest /= 10
            count += 1
        } while rest > 0
        var i = 0
        var j = count - 1
        while i < j {
            buffer.swapAt(i, j)
            i += 1
            j -= 1
        }
        return count
    }
}
