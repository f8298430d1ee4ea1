/// The legacy address rule (``SufficiencyProfile/AddressRule/zipOrNonEmpty``).
extension Gate {
    /// `ADDR_MISSING` only when the address line is blank and the postcode does not look like a
    /// 5- or 9-digit ZIP; anything else passes, placeholders included (the flaw on record).
    static func legacyAddressFindings(_ address: PostalAddress, into codes: inout [ReasonCode]) {
        if !isEmptyField(address.line1) || !isEmptyField(address.line2) { return }
        if looksLikeZip(address.postcode) { return }
        codes.append(.addressMissing)
    }

    /// Five or nine digits, ignoring one hyphen and surrounding blanks ("12345", "12345-6789").
    static func looksLikeZip(_ text: String) -> Bool {
        var digits = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            case UInt8(ascii: "-"), UInt8(ascii: " "): continue
            default: return false
            }
        }
        return digits == 5 || digits == 9
    }
}
