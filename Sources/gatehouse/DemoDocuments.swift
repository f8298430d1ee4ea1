import Foundation

/// The fictional documents the demo files: an agreement in force around today, a batch manifest,
/// and a court order forbidding addresses. Written into the demo workspace for a person to read.
enum DemoDocuments {
    static func agreement(validFrom: String, validUntil: String) -> String {
        """
        # A fictional data-sharing agreement (demo). A federal agency asks a tax authority to
        # verify names and addresses under 26 U.S.C. § 6103(i)(2).
        id: demo-agreement
        version: 1
        requester:
          agency: Federal Enforcement Agency (fictional)
          contact: Disclosure Unit
          address: 1 Example Plaza, Washington, DC 20001
        legal_basis:
          - "26 U.S.C. § 6103(i)(2)"
        purpose: >-
          Verification of the last known address of persons named in designated federal
          proceedings, for use solely in those proceedings.
        valid_from: \(validFrom)
        valid_until: \(validUntil)
        signers:
          - name: Avery Demo
            role: Assistant Director
        permitted_signer_roles:
          - Assistant Director
        permitted_statutes:
          - "8 U.S.C. § 1253(a)(1)"
        required_fields:
          - case_reference
        sufficiency_profile: statutory
        match_threshold: 0.99
        permitted_fields:
          - verification
          - last_known_address
        quotas:
          records_per_batch: 100000
          records_per_day: 250000
        two_person_release: true
        status: active

        """
    }

    static func manifest(submittedOn: String, taxYear: Int) -> String {
        """
        # A fictional batch manifest (demo).
        agreement: demo-agreement
        requester: Federal Enforcement Agency (fictional)
        signer:
          name: Avery Demo
          role: Assistant Director
        statute: "8 U.S.C. § 1253(a)(1)"
        tax_periods:
          - "\(taxYear - 1)"
          - "\(taxYear)"
        reason: >-
          Each person listed is named in the proceeding below; a current address is needed
          to serve process.
        proceeding: "Proceeding DEMO-0001"
        attestation: true
        submitted_on: \(submittedOn)

        """
    }

    static func orderForbiddingAddresses(on date: String) -> String {
        """
        # A fictional court order (demo): addresses may no longer be disclosed under the agreement.
        id: demo-address-injunction
        version: 1
        court: U.S. District Court (fictional)
        case_number: "1:26-cv-00001"
        issued: \(date)
        effective: \(date)
        scope:
          agreements:
            - demo-agreement
        effect:
          forbid_fields:
            - last_known_address
        status: active

        """
    }
}
