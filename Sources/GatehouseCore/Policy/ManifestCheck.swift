/// Checks a batch manifest against its agreement before any row is read.
public enum ManifestCheck {
    /// Every reason the batch must be rejected, sorted; empty when the manifest may proceed.
    ///
    /// - Parameters:
    ///   - manifest: The batch's manifest.
    ///   - agreement: The agreement the batch is submitted under (the version in force).
    ///   - date: The submission day, `YYYY-MM-DD`; an unreadable date is never in force.
    /// - Returns: `AGREEMENT_…` codes for the agreement's own state, `MANIFEST_…` codes for the
    ///   manifest, each at most once, in code order.
    public static func problems(_ manifest: BatchManifest, agreement: Agreement, on date: String) -> [ReasonCode] {
        var codes = Set(agreementProblems(agreement, on: date))
        if manifest.agreement != agreement.id { codes.insert(.manifestAgreementMismatch) }
        if !Signer.same(manifest.requester, agreement.requester.agency) || Agreement.isBlank(manifest.requester) {
            codes.insert(.manifestRequesterMismatch)
        }
        codes.formUnion(signerProblems(manifest.signer, agreement: agreement))
        if Agreement.isBlank(manifest.statute)
            || !agreement.permittedStatutes.contains(where: { Signer.same($0, manifest.statute) })
        {
            codes.insert(.manifestStatuteNotPermitted)
        }
        if manifest.taxPeriods.isEmpty {
            codes.insert(.manifestTaxPeriodsMissing)
        } else if !manifest.taxPeriods.allSatisfy({ isTaxPeriod($0, notAfterYearOf: date) }) {
            codes.insert(.manifestTaxPeriodMalformed)
        }
        if Agreement.isBlank(manifest.reason) { codes.insert(.manifestReasonMissing) }
        if Agreement.isBlank(manifest.proceeding) { codes.insert(.manifestProceedingMissing) }
        if !manifest.attestation { codes.insert(.manifestAttestationMissing) }
        return codes.sorted()
    }

    /// Why the agreement itself cannot be used on `date` (suspended, out of force, invalid),
    /// sorted; empty when it can. A single verification is refused for these, as a batch is.
    public static func agreementProblems(_ agreement: Agreement, on date: String) -> [ReasonCode] {
        var codes: [ReasonCode] = []
        if agreement.status == .suspended { codes.append(.agreementSuspended) }
        if !agreement.isInForce(on: date) { codes.append(.agreementNotInForce) }
        if !agreement.problems().isEmpty { codes.append(.agreementInvalid) }
        return codes.sorted()
    }

    static func signerProblems(_ signer: Signer, agreement: Agreement) -> Set<ReasonCode> {
        var codes: Set<ReasonCode> = []
        if Agreement.isBlank(signer.role)
            || !agreement.permittedSignerRoles.contains(where: { Signer.same($0, signer.role) })
        {
            codes.insert(.manifestSignerRoleNotPermitted)
        }
        guard !Agreement.isBlank(signer.name),
            let listed = agreement.signers.first(where: { Signer.same($0.name, signer.name) })
        else {
            codes.insert(.manifestSignerUnknown)
            return codes
        }
        if !Signer.same(listed.role, signer.role) { codes.insert(.manifestSignerRoleMismatch) }
        return codes
    }

    /// Whether `text` is a tax period: `YYYY`, `YYYY-Qn` (n in 1…4) or `YYYY-MM`, with the
    /// year from 1913 (the first federal income tax year) up to the year of `date`.
    /// A period that has not begun by `date` cannot have a return.
    public static func isTaxPeriod(_ text: String, notAfterYearOf date: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 4 || bytes.count == 7, let year = ISODate.number(bytes[0..<4]) else { return false }
        if let latest = ISODate.year(of: date), year > latest { return false }
        guard year >= 1913 else { return false }
        if bytes.count == 4 { return true }
        guard bytes[4] == UInt8(ascii: "-") else { return false }
        if bytes[5] == UInt8(ascii: "Q") || bytes[5] == UInt8(ascii: "q") {
            return (UInt8(ascii: "1")...UInt8(ascii: "4")).contains(bytes[6])
        }
        guard let month = ISODate.number(bytes[5..<7]) else { return false }
        return (1...12).contains(month)
    }
}
