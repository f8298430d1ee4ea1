/// The generator case behind one synthetic request, written to `truth.csv` as `kind`.
public enum RequestKind: String, CaseIterable, Sendable {
    // In the store, sufficient, one record to verify.
    case exact
    case casePunctuation = "case_punctuation"
    case nickname
    case typoGiven = "typo_given"
    case typoSurname = "typo_surname"
    case compoundSurnameDropped = "compound_surname_dropped"
    case compoundSurnameHyphenated = "compound_surname_hyphenated"
    case swappedNames = "swapped_names"
    case historicalAddress = "historical_address"
    case streetStyle = "street_style"
    case unitDropped = "unit_dropped"
    case zipPlus4 = "zip_plus4"
    case middleInitial = "middle_initial"
    case tinCorrect = "tin_correct"
    case tinMalformed = "tin_malformed"
    case birthDate = "birth_date"
    case diacritics
    case trickyStreet = "tricky_street"
    case fatherSonByBirthDate = "father_son_by_birth_date"
    case fatherSonBySuffix = "father_son_by_suffix"
    case fatherSonByTIN = "father_son_by_tin"
    // Sufficient, but no single record may be verified.
    case notInStore = "not_in_store"
    case namesakeElsewhere = "namesake_elsewhere"
    case fatherSonIndistinct = "father_son_indistinct"
    case tinOtherPerson = "tin_other_person"
    case addressNotOnFile = "address_not_on_file"
    // Insufficient: never matched, never disclosed.
    case placeholderAddress = "placeholder_address"
    case zipOnlyAddress = "zip_only_address"
    case digitsOnlyAddress = "digits_only_address"
    case emptyAddress = "empty_address"
    case poBox = "po_box"
    case generalDelivery = "general_delivery"
    case missingHouseNumber = "missing_house_number"
    case missingLocality = "missing_locality"
    case zipStateMismatch = "zip_state_mismatch"
    case invalidZip = "invalid_zip"
    case givenPlaceholder = "given_placeholder"
    case missingSurname = "missing_surname"
    case missingCaseReference = "missing_case_reference"

    /// Which part of the batch a kind belongs to.
    public enum Category: Sendable {
        /// Sufficient and describing one stored person: `true_record_id` is set.
        case inStore
        /// Sufficient, but a correct system verifies nobody: `true_record_id` is empty.
        case noSingleRecord
        /// Fails the sufficiency gate: `true_record_id` is empty.
        case insufficient
    }

    /// The kind's category.
    public var category: Category {
        switch self {
        case .notInStore, .namesakeElsewhere, .fatherSonIndistinct, .tinOtherPerson, .addressNotOnFile:
            .noSingleRecord
        case .placeholderAddress, .zipOnlyAddress, .digitsOnlyAddress, .emptyAddress, .poBox,
            .generalDelivery, .missingHouseNumber, .missingLocality, .zipStateMismatch, .invalidZip,
            .givenPlaceholder, .missingSurname, .missingCaseReference:
            .insufficient
        default:
            .inStore
        }
    }

    /// Whether the request passes the sufficiency gate, by construction.
    public var isSufficient: Bool { category != .insufficient }

    /// Relative weights of the in-store kinds (they share `--in-store-share`).
    static let inStoreWeights: [(RequestKind, Double)] = [
        (.exact, 16), (.casePunctuation, 6), (.nickname, 7), (.typoGiven, 5), (.typoSurname, 5),
        (.compoundSurnameDropped, 4), (.compoundSurnameHyphenated, 3), (.swappedNames, 4),
        (.historicalAddress, 8), (.streetStyle, 6), (.unitDropped, 4), (.zipPlus4, 4),
        (.middleInitial, 4), (.tinCorrect, 6), (.tinMalformed, 3), (.birthDate, 4), (.diacritics, 3),
        (.trickyStreet, 2), (.fatherSonByBirthDate, 2), (.fatherSonBySuffix, 2), (.fatherSonByTIN, 2),
    ]

    /// Relative weights of the insufficient kinds (they share `--insufficient-share`).
    static let insufficientWeights: [(RequestKind, Double)] = [
        (.placeholderAddress, 22), (.zipOnlyAddress, 10), (.digitsOnlyAddress, 5), (.emptyAddress, 8),
        (.poBox, 12), (.generalDelivery, 4), (.missingHouseNumber, 7), (.missingLocality, 6),
        (.zipStateMismatch, 6), (.invalidZip, 5), (.givenPlaceholder, 6), (.missingSurname, 4),
        (.missingCaseReference, 5),
    ]

    /// Shares of the whole batch for the sufficient kinds that must not verify; the rest of
    /// the batch is `not_in_store`.
    static let noSingleRecordShares: [(RequestKind, Double)] = [
        (.namesakeElsewhere, 0.01), (.fatherSonIndistinct, 0.004), (.tinOtherPerson, 0.005),
        (.addressNotOnFile, 0.01),
    ]
}
