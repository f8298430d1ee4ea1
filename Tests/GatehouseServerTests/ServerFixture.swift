import Foundation
import GatehouseCore
import GatehouseStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Synchronization
import Testing

@testable import GatehouseServer

/// A workspace with a small hand-written store, two agreements (one interactive), a key per
/// role (and a second officer, and a requester of the other agreement), and a server on it,
/// driven in-process with `app.test(.router)`. Every log line the server writes is kept.
struct ServerFixture {
    static let now = ISO8601DateFormatter().date(from: "2026-06-15T12:00:00Z")!

    /// The protected store. Values are distinctive so that a leak test can look for them.
    static let people: [Record] = [
        Record(
            recordID: "R1", tin: "123456789", givenName: "Wilhelmina", surname: "Harrowgate", birthDate: "1970-03-04",
            addresses: [
                PostalAddress(line1: "9 Oldbridge Rd", city: "Springfield", state: "IL", postcode: "62702", asOf: "2015-01-01"),
                PostalAddress(line1: "123 N Mainwaring St", city: "Springfield", state: "IL", postcode: "62701", asOf: "2024-01-01"),
            ]),
        Record(
            recordID: "R2", tin: "987654321", givenName: "Elenora", surname: "Vargassian", birthDate: "1991-12-01",
            addresses: [PostalAddress(line1: "5 Pinecrest Rd", city: "Phoenix", state: "AZ", postcode: "85001", asOf: "2023-05-01")]),
        Record(
            recordID: "R3", tin: "222334444", givenName: "Johannes", surname: "Okaforth", birthDate: "1950-02-11",
            addresses: [PostalAddress(line1: "77 Elmwood St", city: "Atlanta", state: "GA", postcode: "30301", asOf: "2020-01-01")]),
        Record(
            recordID: "R4", tin: "555667777", givenName: "Johannes", surname: "Okaforth Jr", birthDate: "1980-09-30",
            addresses: [PostalAddress(line1: "77 Elmwood St", city: "Atlanta", state: "GA", postcode: "30301", asOf: "2020-01-01")]),
        Record(
            recordID: "R5", tin: "333445555", givenName: "Bartholomew", surname: "Quillfeather", birthDate: "1966-07-21",
            addresses: [PostalAddress(line1: "41 Larkspur Ln", city: "Boise", state: "ID", postcode: "83702", asOf: "2021-03-01")]),
    ]

    /// Other people, so that the store's frequencies look like a store's (plain values: not
    /// searched for by the leak test).
    static let others: [Record] = (1...120).map { n in
        Record(
            recordID: "F\(n)", tin: String(format: "7%08d", n),
            givenName: ["James", "Mary", "Carlos", "Aisha", "Wei", "Rosa"][n % 6],
            surname: ["Johnson", "Brown", "Lee", "Nguyen", "Martinez", "Patel", "Kim", "Lopez"][n % 8],
            birthDate: "1960-01-\(10 + n % 18)",
            addresses: [
                PostalAddress(line1: "\(100 + n) Maple Ave", city: "Town", state: "TX", postcode: "78201", asOf: "2022-01-01")
            ])
    }

    /// The batch: verified, verified, insufficient (placeholder address), ambiguous (father/son), not found.
    static let batchCSV = """
        request_id,tin,given_name,middle_name,surname,birth_date,address_line1,address_line2,city,state,postcode,case_reference
        Q1,,Wilhelmina,,Harrowgate,,123 North Mainwaring Street,,Springfield,IL,62701,CASE-1
        Q2,,Elenora,,Vargassian,,5 Pinecrest Rd,,Phoenix,AZ,85001,CASE-2
        Q3,123456789,Wilhelmina,,Harrowgate,,Failed to Provide,,,,62701,CASE-3
        Q4,,Johannes,,Okaforth,,77 Elmwood St,,Atlanta,GA,30301,CASE-4
        Q5,,Zebulon,,Quackenbush,,1 Nowhere Ln,,Boise,ID,83702,CASE-5

        """

    static func agreementYAML(
        id: String = "agr-a", agency: String = "Requesting Agency A", interactive: Bool = true, perBatch: Int = 1000,
        perDay: Int = 5000, probeLimit: Int = 3, validUntil: String = "2026-12-31"
    ) -> String {
        """
        id: \(id)
        version: 1
        requester:
          agency: \(agency)
        legal_basis: ["26 U.S.C. § 6103(i)(2)"]
        purpose: Testing.
        valid_from: 2026-01-01
        valid_until: \(validUntil)
        signers:
          - {name: Pat Signer, role: Director}
        permitted_signer_roles: [Director]
        permitted_statutes: ["8 U.S.C. § 1253(a)(1)"]
        permitted_fields: [verification, last_known_address]
        quotas: {records_per_batch: \(perBatch), records_per_day: \(perDay)}
        two_person_release: true
        """ + (interactive ? "\ninteractive: {enabled: true, probe_limit: \(probeLimit), probe_window_hours: 24}\n" : "\n")
    }

    static func manifestYAML(agreement: String = "agr-a", agency: String = "Requesting Agency A", attestation: Bool = true)
        -> String
    {
        """
        agreement: \(agreement)
        requester: \(agency)
        signer: {name: Pat Signer, role: Director}
        statute: "8 U.S.C. § 1253(a)(1)"
        tax_periods: ["2025"]
        reason: The people listed are named in the proceeding.
        proceeding: Case T-1
        attestation: \(attestation)
        """
    }

    let directory: String
    let workspace: Workspace
    let state: ServerState
    let logs: LogCapture
    /// Secrets by name: requester (agr-a), other (requester of agr-b), officer, officer2, auditor, admin.
    let secrets: [String: String]
    let keyIDs: [String: String]

    init(configure: (inout ServerConfiguration) -> Void = { _ in }, agreement: String = ServerFixture.agreementYAML())
        throws
    {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("gatehouse-server-\(UUID().uuidString)").path
        workspace = try Workspace.create(at: directory)
        _ = try workspace.importRecords(
            (Self.people + Self.others).enumerated().map { .record(line: $0.offset + 2, $0.element) }, progress: { _ in })
        try workspace.addAgreement(try DocumentFiles.agreement(yaml: agreement, name: "a.yaml"))
        try workspace.addAgreement(
            try DocumentFiles.agreement(
                yaml: Self.agreementYAML(id: "agr-b", agency: "Requesting Agency B"), name: "b.yaml"))
        var secrets: [String: String] = [:]
        var ids: [String: String] = [:]
        for (name, role, agreement) in [
            ("requester", APIKey.Role.requester, "agr-a"), ("other", .requester, "agr-b"), ("officer", .officer, nil),
            ("officer2", .officer, nil), ("auditor", .auditor, nil), ("admin", .admin, nil),
        ] {
            let issued = try workspace.createKey(role: role, name: "\(name) key", agreementID: agreement)
            secrets[name] = issued.secret
            ids[name] = issued.key.id
        }
        self.secrets = secrets
        keyIDs = ids
        var configuration = ServerConfiguration(workspacePath: directory)
        configuration.now = { Self.now }
        configuration.pollInterval = .milliseconds(50)
        configure(&configuration)
        logs = LogCapture()
        let capture = logs
        var logger = Logger(label: "gatehouse.test") { _ in capture.handler() }
        logger.logLevel = .info
        state = ServerState(configuration: configuration, workspace: workspace, logger: logger)
    }

    /// The application, in-process; the index loaded first (as `/readyz` waits for at start).
    func run<T: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        await IndexService(state: state).refresh()
        let app = try buildApplication(state: state)
        return try await app.test(.router, body)
    }

    func headers(_ who: String?, _ extra: HTTPFields = [:]) -> HTTPFields {
        var headers = extra
        if let who, let secret = secrets[who] { headers[.authorization] = "Bearer \(secret)" }
        return headers
    }

    /// Waits (up to 10 s) until the batch is decided.
    func waitDecided(_ id: String) async throws {
        for _ in 0..<400 {
            if let batch = try state.pipeline.batch(id: id), batch.state != .deciding, batch.state != .received { return }
            try await Task.sleep(for: .milliseconds(25))
        }
        Issue.record("batch \(id) was not decided in time")
    }

    func ledgerSize() throws -> Int {
        try workspace.database.read { try LedgerStore.size(in: $0) }
    }

    /// Every access event in the ledger.
    func accessEvents() throws -> [LedgerEvent.Access] {
        try workspace.database.read { db in
            let size = try LedgerStore.size(in: db)
            return try (0..<size).compactMap { sequence in
                guard case .access(let access) = try LedgerStore.entry(sequence: UInt64(sequence), in: db)?.decoded().event
                else { return nil }
                return access
            }
        }
    }
}

extension TestClientProtocol {
    @discardableResult
    func call(
        _ method: HTTPRequest.Method, _ uri: String, headers: HTTPFields = [:], body: String? = nil
    ) async throws -> TestResponse {
        try await execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    func json() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }
}

/// Keeps every log line (message and metadata) a logger writes.
final class LogCapture: Sendable {
    let lines = Mutex<[String]>([])

    func handler() -> Handler { Handler(capture: self) }

    struct Handler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .info

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let all = metadata.merging(event.metadata ?? [:]) { $1 }
            let line =
                "\(event.level) \(event.message) " + all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            capture.lines.withLock { $0.append(line) }
        }
    }
}
