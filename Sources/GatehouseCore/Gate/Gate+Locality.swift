/// The locality rules: ZIP, city and state.
extension Gate {
    static func localityFindings(_ address: PostalAddress, into codes: inout [ReasonCode]) {
        let zipGiven = !PlaceholderText.isBlankOrPlaceholder(address.postcode)
        let stateGiven = !PlaceholderText.isBlankOrPlaceholder(address.state)
        let cityGiven = !PlaceholderText.isBlankOrPlaceholder(address.city)

        var zipStates: [String] = []
        if zipGiven, let zip = USPostal.normalizedZipNumber(address.postcode) {
            zipStates = USPostal.states(forZipNumber: zip)
        }
        let zipValid = !zipStates.isEmpty
        let state = stateGiven ? USPostal.stateCode(address.state) : nil
        let cityAndStateValid = cityGiven && state != nil

        if zipValid, let state, !zipStates.contains(state) {
            codes.append(.addressZipStateMismatch)
        }
        if zipValid || cityAndStateValid { return }
        if zipGiven { codes.append(.addressZipInvalid) }
        if stateGiven && state == nil { codes.append(.addressStateInvalid) }
        if !zipGiven && !(cityGiven && stateGiven) { codes.append(.addressNoLocality) }
    }
}
