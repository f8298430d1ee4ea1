/// One synthetic person in compact form: names as shared table strings, addresses as integers.
struct SynthPerson: Sendable {
    enum Suffix: UInt8, Sendable {
        case none, junior, senior, second, third

        var text: String {
            switch self {
            case .none: ""
            case .junior: "JR"
            case .senior: "SR"
            case .second: "II"
            case .third: "III"
            }
        }
    }

    /// Where a generational suffix is written on file.
    enum SuffixPlacement: UInt8, Sendable { case surname, given, middle, absent }
    enum FatherSonRole: UInt8, Sendable { case none, father, son }

    /// Zero-based position in the store (record id `R` + index + 1).
    var index: Int
    var isMale: Bool
    var isHispanic: Bool
    /// Given name, uppercase; may hold two names (`JOSE LUIS`).
    var given: String
    /// Middle name, a single initial, or empty.
    var middle: String
    /// First (paternal) surname; may hold several words (`DE LA CRUZ`).
    var paternal: String
    /// Second (maternal) surname, empty when the person has one surname.
    var maternal = ""
    var hyphenated = false
    var suffix: Suffix = .none
    var suffixPlacement: SuffixPlacement = .absent
    var suffixDot = false
    var hasTIN = true
    /// Birth date packed as yyyymmdd, 0 when not on file.
    var birth: Int32 = 0
    /// Address history, oldest first; the last is current.
    var addresses: [SynthAddress] = []
    /// The record spells Spanish names with their diacritics.
    var accented = false
    /// The record is written in mixed case.
    var titleCase = false
    var role: FatherSonRole = .none

    /// The surname as a whole: `GARCIA LOPEZ`, `GARCIA-LOPEZ` or `SMITH`.
    var surname: String {
        maternal.isEmpty ? paternal : paternal + (hyphenated ? "-" : " ") + maternal
    }

    var current: SynthAddress { addresses[addresses.count - 1] }

    /// The suffix as written (`JR` or `JR.`), or empty.
    var suffixText: String {
        suffix == .none ? "" : suffix.text + (suffixDot ? "." : "")
    }

    /// The name fields exactly as the record holds them: (given, middle, surname).
    var recordNames: (given: String, middle: String, surname: String) {
        var given = self.given
        var middle = self.middle
        var surname = self.surname
        if accented {
            given = TextVariants.accent(given)
            middle = TextVariants.accent(middle)
            surname = TextVariants.accent(surname)
        }
        if suffix != .none {
            switch suffixPlacement {
            case .surname: surname += " " + suffixText
            case .given: given += " " + suffixText
            case .middle: middle = middle.isEmpty ? suffixText : middle + " " + suffixText
            case .absent: break
            }
        }
        return (given, middle, surname)
    }
}
