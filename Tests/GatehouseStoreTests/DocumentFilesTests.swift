import Foundation
import GatehouseCore
import Testing

@testable import GatehouseStore

/// The repository's `examples/` folder, found from this file's path.
private let examples = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("examples")

private func example(_ name: String) -> String {
    examples.appendingPathComponent(name).path
}

/// Writes `text` to a fresh temporary file and returns its path.
private func temporaryFile(_ text: String, name: String = "document.yaml") throws -> String {
    let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("gatehouse-documentfiles-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let url = folder.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url.path
}

/// The example agreement's text with `old` replaced by `new` (each must occur exactly once).
private func agreementText(replacing old: String, with new: String) throws -> String {
    let text = try String(contentsOfFile: example("agreement.yaml"), encoding: .utf8)
    #expect(text.components(separatedBy: old).count == 2, "fixture edit must match once: \(old)")
    return text.replacingOccurrences(of: old, with: new)
}

@Suite struct DocumentFilesExampleTests {
    @Test func exampleAgreement() throws {
        let agreement = try DocumentFiles.agreement(at: example("agreement.yaml"))
        #expect(agreement.id == "ice-irs-2025")
        #expect(agreement.version == 1)
        #expect(agreement.requester.agency == "U.S. Immigration and Customs Enforcement")
        #expect(agreement.legalBasis == ["26 U.S.C. § 6103(i)(2)"])
        #expect(agreement.validFrom == "2025-04-07")
        #expect(agreement.validUntil == "2035-04-06")
        #expect(agreement.signers.count == 2)
        #expect(agreement.permittedFields == [.verification, .lastKnownAddress])
        #expect(agreement.requiredFields == [.caseReference])
        #expect(agreement.quotas == .init(recordsPerBatch: 100_000, recordsPerDay: 250_000))
        #expect(agreement.twoPersonRelease)
        #expect(agreement.status == .active)
        #expect(agreement.matchThreshold == 0.99)
        #expect(agreement.problems().isEmpty)
    }

    /// The README's example must work as written: the agreement is in force today, the example
    /// manifest passes against it today, and it stays so for at least another year (so this test
    /// fails a year before the example would, not on the day).
    @Test func exampleAgreementIsInForceTodayAndNextYear() throws {
        let agreement = try DocumentFiles.agreement(at: example("agreement.yaml"))
        let manifest = try DocumentFiles.manifest(at: example("manifest.yaml"))
        let day: (TimeInterval) -> String = { offset in
            String(Date().addingTimeInterval(offset).ISO8601Format().prefix(10))
        }
        for date in [day(0), day(366 * 86_400)] {
            #expect(agreement.isInForce(on: date), "the example agreement is not in force on \(date)")
            #expect(ManifestCheck.problems(manifest, agreement: agreement, on: date) == [], "on \(date)")
        }
    }

    @Test func exampleManifestPassesAgainstExampleAgreement() throws {
        let agreement = try DocumentFiles.agreement(at: example("agreement.yaml"))
        let manifest = try DocumentFiles.manifest(at: example("manifest.yaml"))
        #expect(manifest.taxPeriods == ["2022", "2023", "2024"])
        #expect(manifest.attestation)
        #expect(manifest.submittedOn == "2025-06-02")
        #expect(ManifestCheck.problems(manifest, agreement: agreement, on: "2025-06-02") == [])
    }

    @Test func exampleOrders() throws {
        let agreement = try DocumentFiles.agreement(at: example("agreement.yaml"))
        let forbid = try DocumentFiles.courtOrder(at: example("order-forbid-address.yaml"))
        let suspend = try DocumentFiles.courtOrder(at: example("order-suspend.yaml"))
        #expect(forbid.effect.forbidFields == [.lastKnownAddress])
        #expect(forbid.applies(to: agreement, on: "2025-11-21"))
        #expect(!forbid.applies(to: agreement, on: "2025-11-20"))
        #expect(suspend.effect.suspendDisclosures)
        #expect(suspend.effect.barUseOfReleasesBefore == "2026-01-12")

        let policy = { (orders: [CourtOrder], date: String) in
            DisclosurePolicy.evaluate(
                outcome: .verified, addressVerified: true, agreement: agreement, orders: orders, on: date,
                registryReadable: true)
        }
        #expect(policy([forbid, suspend], "2025-06-02").released == [.verification, .lastKnownAddress])
        #expect(policy([forbid, suspend], "2025-12-01").released == [.verification])
        #expect(policy([forbid, suspend], "2026-01-12").resultCode == .withheld)
    }

    @Test func canonicalJSONIsSortedAndStable() throws {
        let agreement = try DocumentFiles.agreement(at: example("agreement.yaml"))
        let json = DocumentFiles.canonicalJSON(agreement)
        #expect(json.hasPrefix(#"{"id":"ice-irs-2025","legal_basis":["26 U.S.C. § 6103(i)(2)"],"#))
        #expect(json.contains(#""permitted_fields":["verification","last_known_address"]"#))
        #expect(json.contains(#""quotas":{"records_per_batch":100000,"records_per_day":250000}"#))
        #expect(!json.contains("\n"))
        // Round trip: the stored JSON decodes to the same agreement and encodes to the same bytes.
        let decoded = try JSONDecoder().decode(Agreement.self, from: Data(json.utf8))
        #expect(decoded == agreement)
        #expect(DocumentFiles.canonicalJSON(decoded) == json)
    }

    @Test func canonicalJSONOfOrdersAndManifests() throws {
        let order = try DocumentFiles.courtOrder(at: example("order-suspend.yaml"))
        let json = DocumentFiles.canonicalJSON(order)
        #expect(try JSONDecoder().decode(CourtOrder.self, from: Data(json.utf8)) == order)
        let manifest = try DocumentFiles.manifest(at: example("manifest.yaml"))
        let manifestJSON = DocumentFiles.canonicalJSON(manifest)
        #expect(try JSONDecoder().decode(BatchManifest.self, from: Data(manifestJSON.utf8)) == manifest)
    }
}

/// One malformed document: what to change, and the error expected.
struct MalformedCase: Sendable, CustomTestStringConvertible {
    var name: String
    var old: String
    var new: String
    var kind: DocumentFileError.Kind
    var location: String
    var fragment: String
    var testDescription: String { name }
}

@Suite struct DocumentFilesErrorTests {
    static let agreementCases: [MalformedCase] = [
        .init(
            name: "renamed key", old: "purpose: >-", new: "aim: >-", kind: .invalidValue, location: "aim",
            fragment: "unknown key"),
        .init(
            name: "missing required key", old: "id: ice-irs-2025\n", new: "", kind: .missingKey, location: "id",
            fragment: "required key is missing"),
        .init(
            name: "bad date", old: "valid_until: 2035-04-06", new: "valid_until: 2026-02-30", kind: .invalidValue,
            location: "valid_until", fragment: "YYYY-MM-DD"),
        .init(
            name: "american date", old: "valid_from: 2025-04-07", new: "valid_from: 04/07/2025",
            kind: .invalidValue, location: "valid_from", fragment: "YYYY-MM-DD"),
        .init(
            name: "unknown field name", old: "  - last_known_address", new: "  - home_address",
            kind: .invalidValue, location: "permitted_fields[1]", fragment: "unknown disclosure field"),
        .init(
            name: "unknown request field", old: "  - case_reference", new: "  - docket",
            kind: .invalidValue, location: "required_fields[0]", fragment: "unknown request field"),
        .init(
            name: "misspelt nested key", old: "  records_per_day: 250000", new: "  records_a_day: 250000",
            kind: .invalidValue, location: "quotas.records_a_day", fragment: "unknown key"),
        .init(
            name: "unknown status", old: "status: active", new: "status: paused", kind: .invalidValue,
            location: "status", fragment: "unknown agreement status"),
        .init(
            name: "version not a number", old: "version: 1", new: "version: first", kind: .typeMismatch,
            location: "version", fragment: "whole number"),
        .init(
            name: "not a boolean", old: "two_person_release: true", new: "two_person_release: maybe",
            kind: .typeMismatch, location: "two_person_release", fragment: "true or false"),
        .init(
            name: "threshold out of range", old: "match_threshold: 0.99", new: "match_threshold: 1.5",
            kind: .invalidDocument, location: "", fragment: "match_threshold"),
        .init(
            name: "no verification", old: "  - verification\n", new: "", kind: .invalidDocument, location: "",
            fragment: "must include verification"),
        .init(
            name: "dates reversed", old: "valid_until: 2035-04-06", new: "valid_until: 2025-01-01",
            kind: .invalidDocument, location: "", fragment: "valid_until falls before valid_from"),
        .init(
            name: "unknown profile", old: "sufficiency_profile: statutory", new: "sufficiency_profile: lenient",
            kind: .invalidDocument, location: "", fragment: "sufficiency_profile"),
        .init(
            name: "bad indentation", old: "  agency: U.S.", new: " agency: U.S.", kind: .syntax, location: "",
            fragment: "line"),
        .init(
            name: "duplicate key", old: "status: active", new: "status: active\nstatus: suspended",
            kind: .syntax, location: "", fragment: "twice"),
    ]

    @Test(arguments: agreementCases)
    func malformedAgreement(_ row: MalformedCase) throws {
        let path = try temporaryFile(try agreementText(replacing: row.old, with: row.new))
        let error = try #require(throws: DocumentFileError.self) { try DocumentFiles.agreement(at: path) }
        #expect(error.kind == row.kind)
        #expect(error.file == path)
        #expect(error.location == row.location)
        #expect(error.description.hasPrefix(path))
        #expect(error.description.contains(row.fragment), "\(error)")
    }

    @Test func missingFile() throws {
        let error = try #require(throws: DocumentFileError.self) {
            try DocumentFiles.agreement(at: "/nonexistent/agreement.yaml")
        }
        #expect(error.kind == .unreadable)
        #expect(error.description.contains("/nonexistent/agreement.yaml"))
    }

    @Test(arguments: ["", "just a sentence", "- a\n- list\n"])
    func notAMapping(_ text: String) throws {
        let path = try temporaryFile(text)
        let error = try #require(throws: DocumentFileError.self) { try DocumentFiles.courtOrder(at: path) }
        #expect(error.kind == .typeMismatch)
        #expect(error.description.contains("expected a mapping of keys"), "\(error)")
    }

    @Test func orderWithMisspeltEffectIsRejected() throws {
        // Dropping `forbid_field` silently would leave an order that forbids nothing.
        let yaml = """
            id: o1
            version: 1
            court: U.S. District Court
            case_number: "1:25-cv-1"
            issued: 2025-11-21
            effective: 2025-11-21
            effect:
              forbid_field: [last_known_address]
            """
        let error = try #require(throws: DocumentFileError.self) {
            try DocumentFiles.courtOrder(yaml: yaml, name: "order.yaml")
        }
        #expect(error.location == "effect.forbid_field")
        #expect(error.description.contains("forbid_fields"))
    }

    @Test func orderWithNoEffectIsRejected() throws {
        let yaml = """
            id: o1
            version: 1
            court: U.S. District Court
            case_number: "1:25-cv-1"
            issued: 2025-11-21
            effective: 2025-11-21
            effect: {}
            """
        let error = try #require(throws: DocumentFileError.self) {
            try DocumentFiles.courtOrder(yaml: yaml, name: "order.yaml")
        }
        #expect(error.kind == .invalidDocument)
        #expect(error.description.contains("effect does nothing"))
    }

    @Test(arguments: [
        ("stayed", CourtOrder.Status.stayed), ("vacated", .vacated), ("active", .active),
    ])
    func orderStatus(_ text: String, _ status: CourtOrder.Status) throws {
        let yaml = """
            id: o1
            version: 2
            court: U.S. District Court
            case_number: "1:25-cv-1"
            issued: 2025-11-21
            effective: 2025-11-21
            effect: {suspend_disclosures: true}
            status: \(text)
            """
        let order = try DocumentFiles.courtOrder(yaml: yaml, name: "order.yaml")
        #expect(order.status == status)
        #expect(order.scope.coversEveryAgreement)
    }

    @Test func manifestMissingFieldsDecodeForTheCheckToReport() throws {
        let yaml = """
            agreement: ice-irs-2025
            requester: U.S. Immigration and Customs Enforcement
            signer: {name: Dana Whitcombe, role: Assistant Director}
            """
        let manifest = try DocumentFiles.manifest(yaml: yaml, name: "manifest.yaml")
        let agreement = try DocumentFiles.agreement(at: example("agreement.yaml"))
        #expect(
            ManifestCheck.problems(manifest, agreement: agreement, on: "2025-06-02") == [
                .manifestAttestationMissing, .manifestProceedingMissing, .manifestReasonMissing,
                .manifestStatuteNotPermitted, .manifestTaxPeriodsMissing,
            ])
    }

    static let shapes: [(String, String, String)] = [
        ("tax_periods: {a: 1}\n", "tax_periods", "expected a list"),
        ("tax_periods: [[2023]]\n", "tax_periods[0]", "expected a single value"),
        ("signer: Dana Whitcombe\n", "signer", "expected a mapping of keys"),
        ("attestation: [yes]\n", "attestation", "expected a single value"),
        ("attestation: certainly\n", "attestation", "expected true or false"),
    ]

    @Test(arguments: shapes)
    func wrongShape(_ line: String, _ location: String, _ fragment: String) throws {
        var yaml = "agreement: x\nrequester: y\nsigner: {name: a, role: b}\n"
        if line.hasPrefix("signer:") { yaml = "agreement: x\nrequester: y\n" }
        let error = try #require(throws: DocumentFileError.self) {
            try DocumentFiles.manifest(yaml: yaml + line, name: "manifest.yaml")
        }
        #expect(error.kind == .typeMismatch)
        #expect(error.location == location)
        #expect(error.description.contains(fragment), "\(error)")
    }

    @Test func errorsNeverEchoValues() throws {
        // A manifest whose values look like personal data: the error must not repeat them.
        let secret = "Jane Q. Example 123-45-6789"
        let yamls = [
            "agreement: x\nrequester: y\nsigner: {name: a, role: b}\nsubmitted_on: \(secret)\n",
            "agreement: x\nrequester: y\nsigner: {name: a, role: b}\nattestation: \(secret)\n",
            "agreement: x\nrequester: y\nsigner: {name: a, role: b}\ntax_periods: {\(secret): 1}\n",
            "agreement: [\(secret)\n",
            "agreement: x\nrequester: \"\(secret)\n",
        ]
        for yaml in yamls {
            let error = try #require(throws: DocumentFileError.self) {
                try DocumentFiles.manifest(yaml: yaml, name: "manifest.yaml")
            }
            #expect(!error.description.contains("123-45-6789"), "\(error)")
            #expect(!error.description.contains("Jane"), "\(error)")
        }
    }
}
