/// Requests that fail the sufficiency gate. Half describe a stored person, so that a system
/// skipping the gate would verify them.
extension RequestFactory {
    /// A request of insufficient `kind`.
    mutating func insufficient(_ kind: RequestKind) -> SynthRequest {
        let person: SynthPerson
        var tin = ""
        if random.chance(0.5), let (stored, _) = target() {
            person = stored
            if stored.hasTIN, random.chance(0.6) { tin = tins.tin(stored.index) }
        } else {
            person = generator.stranger(random: &random)
            if random.chance(0.4) { tin = tins.tin(layout.records + strangers) }
            strangers += 1
        }
        var request = base(person, at: person.current, kind: kind)
        request.tin = tin
        let zips = generator.reference.zips
        let zipIndex = Int(person.current.zip)
        let zip = zips.codes[zipIndex]
        var style = AddressStyle.onFile(person.current)
        var text = renderer.render(person.current, style: style)
        func keepLocalityMaybe() {
            if random.chance(0.5) { text.city = "" }
            if random.chance(0.3) { text.state = "" }
        }
        switch kind {
        case .placeholderAddress:
            text.line1 = random.pick(StreetVocabulary.placeholderAddresses)
            text.line2 = ""
            text.postcode = zip
            keepLocalityMaybe()
        case .zipOnlyAddress:
            text.line1 = random.chance(0.3) ? AddressRenderer.postcode(zip, plus4: UInt16(random.between(1...9999))) : zip
            text.line2 = ""
            text.postcode = random.chance(0.5) ? zip : ""
            keepLocalityMaybe()
        case .digitsOnlyAddress:
            let digits = random.chance(0.5) ? random.between(1...4) : random.between(6...10)
            var bytes: [UInt8] = []
            for position in 0..<digits {
                bytes.append(UInt8(ascii: position == 0 ? "1" : "0") + UInt8(random.below(position == 0 ? 9 : 10)))
            }
            text.line1 = String(decoding: bytes, as: UTF8.self)
            text.line2 = ""
            text.postcode = zip
        case .emptyAddress:
            text.line1 = ""
            text.line2 = ""
            text.postcode = zip
            keepLocalityMaybe()
        case .poBox:
            let form = random.pick(StreetVocabulary.poBoxForms)
            text.line1 = form.replacing("#", with: DigitText.string(random.between(1...9999)))
            text.line2 = ""
        case .generalDelivery:
            text.line1 = random.chance(0.5) ? "GENERAL DELIVERY" : "General Delivery"
            text.line2 = ""
        case .missingHouseNumber:
            style.dropHouseNumber = true
            text = renderer.render(person.current, style: style)
            if let first = text.line1.utf8.first, first >= 0x30, first <= 0x39 {
                text.line1 = random.pick(["MAIN ST", "OAK AVENUE", "ELM ST", "PARK RD", "N LINCOLN AVE"])
            }
        case .missingLocality:
            text.postcode = ""
            text.state = ""
            if random.chance(0.5) { text.city = "" }
        case .zipStateMismatch:
            text.postcode = zip
            text.state = otherState(thanPrefixOf: zip)
        case .invalidZip:
            text.postcode = random.pick(["1234", "ABCDE", "9021", "123456", "12-345", "XXXXX", "0"])
            text.state = ""
        case .givenPlaceholder:
            request.given = random.pick(StreetVocabulary.givenPlaceholders)
            request.middle = ""
        case .missingSurname:
            request.surname = ""
        case .missingCaseReference:
            request.caseReference = ""
        default:
            break
        }
        request.address = text
        request.truth = nil
        return request
    }

    /// A valid state code that the ZIP table never places under the prefix of `zip`.
    mutating func otherState(thanPrefixOf zip: String) -> String {
        let zips = generator.reference.zips
        let served = zips.prefixStates[ZipTable.prefix(of: zip)]
        while true {
            let candidate = random.below(zips.states.count)
            if served & (1 << UInt64(candidate)) == 0 { return zips.states[candidate] }
        }
    }
}
