extension Agreement {
    /// Every problem with the agreement as a document, in words; empty when it may be used.
    ///
    /// The messages name fields, never values, so they may be shown or logged as they are.
    public func problems() -> [String] {
        var problems: [String] = []
        if !Self.isIdentifier(id) {
            problems.append("id must be non-empty and hold only letters, digits, '.', '_' and '-'")
        }
        if version < 1 { problems.append("version must be 1 or more") }
        if Self.isBlank(requester.agency) { problems.append("requester.agency is empty") }
        if legalBasis.isEmpty || legalBasis.contains(where: Self.isBlank) {
            problems.append("legal_basis must list at least one statute, none empty")
        }
        if Self.isBlank(purpose) { problems.append("purpose is empty") }
        problems += dateProblems()
        if let days = retentionDays, days < 1 { problems.append("retention_days must be 1 or more") }
        problems += signerProblems()
        if permittedStatutes.isEmpty || permittedStatutes.contains(where: Self.isBlank) {
            problems.append("permitted_statutes must list at least one statute, none empty")
        }
        if SufficiencyProfile.named(sufficiencyProfile) == nil {
            problems.append("sufficiency_profile is not a known profile (statutory, linkage)")
        }
        if !(matchThreshold >= 0.5 && matchThreshold < 1) {
            problems.append("match_threshold must be at least 0.5 and below 1")
        }
        problems += fieldProblems()
        problems += quotaProblems()
        problems += interactiveProblems()
        return problems
    }

    func dateProblems() -> [String] {
        var problems: [String] = []
        let fromValid = ISODate.isValid(validFrom)
        let untilValid = ISODate.isValid(validUntil)
        if !fromValid { problems.append("valid_from is not a date written YYYY-MM-DD") }
        if !untilValid { problems.append("valid_until is not a date written YYYY-MM-DD") }
        if fromValid, untilValid, validUntil < validFrom {
            problems.append("valid_until falls before valid_from")
        }
        return problems
    }

    func signerProblems() -> [String] {
        var problems: [String] = []
        if permittedSignerRoles.isEmpty || permittedSignerRoles.contains(where: Self.isBlank) {
            problems.append("permitted_signer_roles must list at least one role, none empty")
        }
        if signers.isEmpty { problems.append("signers must list at least one person") }
        for (index, signer) in signers.enumerated() {
            if Self.isBlank(signer.name) || Self.isBlank(signer.role) {
                problems.append("signers[\(index)] needs a name and a role")
            } else if !permittedSignerRoles.contains(where: { Signer.same($0, signer.role) }) {
                problems.append("signers[\(index)] holds a role not in permitted_signer_roles")
            }
            if signers[..<index].contains(where: { Signer.same($0.name, signer.name) }) {
                problems.append("signers[\(index)] repeats an earlier signer's name")
            }
        }
        return problems
    }

    func fieldProblems() -> [String] {
        var problems: [String] = []
        if permittedFields.isEmpty {
            problems.append("permitted_fields must list at least one field")
        } else if !permittedFields.contains(.verification) {
            problems.append("permitted_fields must include verification: every other field implies it")
        }
        if Set(permittedFields).count != permittedFields.count {
            problems.append("permitted_fields lists a field twice")
        }
        if Set(requiredFields).count != requiredFields.count {
            problems.append("required_fields lists a field twice")
        }
        return problems
    }

    func quotaProblems() -> [String] {
        var problems: [String] = []
        if let perBatch = quotas.recordsPerBatch, perBatch < 1 {
            problems.append("quotas.records_per_batch must be 1 or more")
        }
        if let perDay = quotas.recordsPerDay, perDay < 1 {
            problems.append("quotas.records_per_day must be 1 or more")
        }
        if let perBatch = quotas.recordsPerBatch, let perDay = quotas.recordsPerDay, perBatch > perDay {
            problems.append("quotas.records_per_batch exceeds quotas.records_per_day")
        }
        return problems
    }

    static func isBlank(_ text: String) -> Bool {
        text.allSatisfy(\.isWhitespace)
    }

    static func isIdentifier(_ text: String) -> Bool {
        !text.isEmpty
            && text.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
                    true
                default:
                    false
                }
            }
    }
}

extension Agreement.Quotas {
    /// The quota codes a batch of `batchRecords` requests breaks, when `earlierToday` requests
    /// were already submitted under the agreement on the same day; empty when it fits.
    /// - Returns: `AGREEMENT_QUOTA_BATCH_EXCEEDED`, `AGREEMENT_QUOTA_DAY_EXCEEDED`, sorted.
    public func problems(batchRecords: Int, earlierToday: Int) -> [ReasonCode] {
        var codes: [ReasonCode] = []
        if let perBatch = recordsPerBatch, batchRecords > perBatch { codes.append(.agreementQuotaBatchExceeded) }
        if let perDay = recordsPerDay, earlierToday + batchRecords > perDay { codes.append(.agreementQuotaDayExceeded) }
        return codes.sorted()
    }
}
