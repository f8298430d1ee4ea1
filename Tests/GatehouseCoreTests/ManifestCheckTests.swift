import Testing

@testable import GatehouseCore

/// A manifest that passes against `PolicyFixture.agreement()`; each row changes one thing.
private let clean = BatchManifest(
    agreement: "ice-irs-2025", requester: "U.S. Immigration and Customs Enforcement",
    signer: Signer(name: "Dana Whitcombe", role: "Assistant Director"), statute: "8 U.S.C. § 1253(a)(1)",
    taxPeriods: ["2023", "2024"], reason: "Subject of a final order of removal; address needed to locate.",
    proceeding: "Investigation ERO-2025-000417", attestation: true, submittedOn: "2025-06-02")

private func with(_ change: (inout BatchManifest) -> Void) -> BatchManifest {
    var manifest = clean
    change(&manifest)
    return manifest
}

struct ManifestCase: Sendable, CustomTestStringConvertible {
    var name: String
    var manifest: BatchManifest
    var agreement = PolicyFixture.agreement()
    var date = "2025-06-02"
    var expected: [ReasonCode]
    var testDescription: String { name }
}

@Suite struct ManifestCheckTests {
    static let cases: [ManifestCase] = [
        .init(name: "clean", manifest: clean, expected: []),
        .init(
            name: "case and spacing do not matter",
            manifest: with {
                $0.requester = "u.s. immigration and customs  enforcement"
                $0.signer = Signer(name: "dana whitcombe", role: "assistant director")
                $0.statute = "8 U.S.C. §  1253(a)(1)"
            }, expected: []),
        .init(
            name: "agreement suspended", manifest: clean, agreement: PolicyFixture.agreement(status: .suspended),
            expected: [.agreementSuspended]),
        .init(
            name: "before the agreement's term", manifest: clean, date: "2025-04-06",
            expected: [.agreementNotInForce]),
        .init(
            name: "after the agreement's term", manifest: clean, date: "2026-04-07",
            expected: [.agreementNotInForce]),
        .init(name: "unreadable date", manifest: clean, date: "06/02/2025", expected: [.agreementNotInForce]),
        .init(
            name: "agreement invalid", manifest: clean, agreement: PolicyFixture.agreement(permitted: []),
            expected: [.agreementInvalid]),
        .init(
            name: "another agreement", manifest: with { $0.agreement = "cbp-irs-2025" },
            expected: [.manifestAgreementMismatch]),
        .init(
            name: "another requester", manifest: with { $0.requester = "U.S. Customs and Border Protection" },
            expected: [.manifestRequesterMismatch]),
        .init(name: "empty requester", manifest: with { $0.requester = " " }, expected: [.manifestRequesterMismatch]),
        .init(
            name: "unknown signer", manifest: with { $0.signer.name = "Morgan Fairleigh" },
            expected: [.manifestSignerUnknown]),
        .init(
            name: "role not permitted", manifest: with { $0.signer.role = "Field Office Director" },
            expected: [.manifestSignerRoleMismatch, .manifestSignerRoleNotPermitted]),
        .init(
            name: "permitted role the signer does not hold",
            manifest: with { $0.signer.role = "Deputy Assistant Director" }, expected: [.manifestSignerRoleMismatch]),
        .init(
            name: "statute not permitted", manifest: with { $0.statute = "8 U.S.C. § 1325" },
            expected: [.manifestStatuteNotPermitted]),
        .init(name: "no statute", manifest: with { $0.statute = "" }, expected: [.manifestStatuteNotPermitted]),
        .init(name: "no tax periods", manifest: with { $0.taxPeriods = [] }, expected: [.manifestTaxPeriodsMissing]),
        .init(
            name: "malformed period", manifest: with { $0.taxPeriods = ["2023", "FY23"] },
            expected: [.manifestTaxPeriodMalformed]),
        .init(
            name: "future period", manifest: with { $0.taxPeriods = ["2026"] },
            expected: [.manifestTaxPeriodMalformed]),
        .init(
            name: "quarter and month periods", manifest: with { $0.taxPeriods = ["2024-Q4", "2025-03"] },
            expected: []),
        .init(name: "no reason", manifest: with { $0.reason = "  " }, expected: [.manifestReasonMissing]),
        .init(name: "no proceeding", manifest: with { $0.proceeding = "" }, expected: [.manifestProceedingMissing]),
        .init(
            name: "no attestation", manifest: with { $0.attestation = false },
            expected: [.manifestAttestationMissing]),
        .init(
            name: "several defects",
            manifest: with {
                $0.signer = Signer(name: "Morgan Fairleigh", role: "Analyst")
                $0.taxPeriods = []
                $0.reason = ""
                $0.attestation = false
            }, agreement: PolicyFixture.agreement(status: .suspended),
            expected: [
                .agreementSuspended, .manifestAttestationMissing, .manifestReasonMissing,
                .manifestSignerRoleNotPermitted, .manifestSignerUnknown, .manifestTaxPeriodsMissing,
            ]),
    ]

    @Test(arguments: cases)
    func manifestProblems(_ row: ManifestCase) {
        #expect(ManifestCheck.problems(row.manifest, agreement: row.agreement, on: row.date) == row.expected)
    }

    @Test func everyManifestCodeIsCited() {
        for code in ReasonCode.allCases where code.rawValue.hasPrefix("MANIFEST_") {
            #expect(code.citation.contains("U.S.C.") || code.citation.contains("agreement"), "\(code)")
        }
        #expect(ReasonCode.manifestTaxPeriodsMissing.citation.contains("6103(i)(2)(B)(ii)"))
        #expect(ReasonCode.manifestStatuteNotPermitted.citation.contains("6103(i)(2)(B)(iii)"))
        #expect(ReasonCode.manifestReasonMissing.citation.contains("6103(i)(2)(B)(iv)"))
    }

    static let periods: [(String, Bool)] = [
        ("2023", true), ("1913", true), ("1912", false), ("2025", true), ("2026", false), ("2024-Q1", true),
        ("2024-q4", true), ("2024-Q5", false), ("2024-12", true), ("2024-13", false), ("2024-00", false),
        ("23", false), ("2024/01", false), ("", false), ("２０２３", false),
    ]

    @Test(arguments: periods)
    func taxPeriod(_ text: String, _ valid: Bool) {
        #expect(ManifestCheck.isTaxPeriod(text, notAfterYearOf: "2025-06-02") == valid)
    }

    @Test func quotas() {
        let quotas = Agreement.Quotas(recordsPerBatch: 1_000, recordsPerDay: 5_000)
        #expect(quotas.problems(batchRecords: 1_000, earlierToday: 4_000) == [])
        #expect(quotas.problems(batchRecords: 1_001, earlierToday: 0) == [.agreementQuotaBatchExceeded])
        #expect(quotas.problems(batchRecords: 500, earlierToday: 4_600) == [.agreementQuotaDayExceeded])
        #expect(
            quotas.problems(batchRecords: 6_000, earlierToday: 0) == [
                .agreementQuotaBatchExceeded, .agreementQuotaDayExceeded,
            ])
        #expect(Agreement.Quotas().problems(batchRecords: 10_000_000, earlierToday: 10_000_000) == [])
    }
}

@Suite struct ManifestAgreementValidationTests {
    static let cases: [(String, @Sendable (inout Agreement) -> Void, String?)] = [
        ("clean", { _ in }, nil),
        ("empty id", { $0.id = "" }, "id must be"),
        ("id with a slash", { $0.id = "a/b" }, "id must be"),
        ("version 0", { $0.version = 0 }, "version"),
        ("no agency", { $0.requester.agency = "" }, "requester.agency"),
        ("no legal basis", { $0.legalBasis = [] }, "legal_basis"),
        ("dates reversed", { $0.validUntil = "2025-01-01" }, "valid_until falls before"),
        ("bad date", { $0.validFrom = "2025-02-29" }, "valid_from is not a date"),
        ("threshold too low", { $0.matchThreshold = 0.4 }, "match_threshold"),
        ("threshold 1", { $0.matchThreshold = 1 }, "match_threshold"),
        ("threshold NaN", { $0.matchThreshold = .nan }, "match_threshold"),
        ("no fields", { $0.permittedFields = [] }, "permitted_fields"),
        ("field twice", { $0.permittedFields = [.verification, .verification] }, "twice"),
        ("unknown profile", { $0.sufficiencyProfile = "lenient" }, "sufficiency_profile"),
        ("signer role not permitted", { $0.signers[1].role = "Analyst" }, "signers[1]"),
        ("no signers", { $0.signers = [] }, "signers"),
        ("no statutes", { $0.permittedStatutes = [] }, "permitted_statutes"),
        ("zero quota", { $0.quotas.recordsPerDay = 0 }, "records_per_day"),
    ]

    @Test(arguments: cases)
    func agreementValidation(_ name: String, _ change: @Sendable (inout Agreement) -> Void, _ fragment: String?) {
        var agreement = PolicyFixture.agreement()
        change(&agreement)
        let problems = agreement.problems()
        if let fragment {
            #expect(problems.contains { $0.contains(fragment) }, "\(name): \(problems)")
        } else {
            #expect(problems.isEmpty, "\(problems)")
        }
    }

    @Test func profileCarriesRequiredFields() throws {
        var agreement = PolicyFixture.agreement()
        agreement.requiredFields = [.caseReference, .birthDate]
        let profile = try #require(agreement.profile)
        #expect(profile.name == "statutory")
        #expect(profile.requiredFields == [.caseReference, .birthDate])
        agreement.sufficiencyProfile = "nope"
        #expect(agreement.profile == nil)
    }

    @Test(arguments: [
        ("2024-02-29", true), ("2023-02-29", false), ("2000-02-29", true), ("1900-02-29", false),
        ("2025-04-31", false), ("2025-12-31", true), ("2025-1-01", false), ("2025-01-01T00:00", false),
        ("0000-01-01", false),
    ])
    func isoDates(_ text: String, _ valid: Bool) {
        #expect(ISODate.isValid(text) == valid)
    }
}
