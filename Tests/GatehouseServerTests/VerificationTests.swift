import Foundation
import GatehouseCore
import GatehouseStore
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import GatehouseServer

@Suite(.serialized) struct VerificationTests {
    static func body(_ row: [String: String]) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: row, options: [.sortedKeys]), as: UTF8.self)
    }

    /// The requests of the fixture's batch, as verification bodies.
    static let requests: [[String: String]] = ServerFixture.batchCSV.split(separator: "\n").dropFirst().map { line in
        let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let names = [
            "request_id", "tin", "given_name", "middle_name", "surname", "birth_date", "address_line1", "address_line2",
            "city", "state", "postcode", "case_reference",
        ]
        return Dictionary(uniqueKeysWithValues: zip(names, cells))
    }

    /// Each verification is decided exactly as the same row of a batch: same outcome, same reason
    /// codes, same result code; the decision and its access event are in the ledger when the answer comes.
    @Test func sameOutcomeAndReasonsAsABatchRow() async throws {
        let f = try ServerFixture()
        let batch = try await f.makeBatch(target: .released)
        try await f.run { client in
            for request in Self.requests {
                let before = try f.ledgerSize()
                let response = try await client.call(
                    .post, "/v1/verifications",
                    headers: f.headers("requester", [.contentType: "application/json", .onBehalfOf: "agent-7"]),
                    body: Self.body(request))
                #expect(response.status == .ok, "\(response.text)")
                let answer = try response.json()
                let id = request["request_id"]!
                // The batch's decision of the same row.
                let expected = try await f.workspace.database.read { db in
                    try Row.fetchOne(
                        db,
                        sql: "SELECT d.outcome, d.reasons, x.result_code FROM decisions d JOIN disclosures x USING (batch_id, row_number) WHERE d.batch_id = ? AND d.request_id = ?",
                        arguments: [batch, id])
                }
                let row = try #require(expected)
                #expect(answer["result_code"] as? Int == row[2] as Int)
                let interactive = BatchPipeline.interactiveBatchID(agreementID: "agr-a", version: 1, day: "2026-06-15")
                let decided = try await f.workspace.database.read { db in
                    try Row.fetchOne(
                        db, sql: "SELECT outcome, reasons FROM decisions WHERE batch_id = ? AND request_id = ?",
                        arguments: [interactive, id])
                }
                let mine = try #require(decided)
                #expect(mine[0] as String == row[0] as String, "\(id) outcome")
                #expect(mine[1] as String == row[1] as String, "\(id) reasons")
                // Decision (+ release when released) + access: in the ledger before the answer.
                let grown = try f.ledgerSize() - before
                #expect(grown == (answer["result_code"] as? Int == 0 ? 3 : 2), "\(id): \(grown) entries")
                let access = try #require(try f.accessEvents().last)
                #expect(access.onBehalfOf == "agent-7" && access.route == "POST /v1/verifications")
            }
            let verified = try await client.call(
                .post, "/v1/verifications", headers: f.headers("requester", [.contentType: "application/json"]),
                body: Self.body(Self.requests[1]))
            #expect(
                try verified.json()["fields"] as? [String: String] == [
                    "address_line1": "5 Pinecrest Rd", "address_line2": "", "city": "Phoenix", "state": "AZ",
                    "postcode": "85001",
                ])
        }
    }

    @Test func offUnlessTheAgreementEnablesInteractiveUse() async throws {
        let f = try ServerFixture(agreement: ServerFixture.agreementYAML(interactive: false))
        try await f.run { client in
            let response = try await client.call(
                .post, "/v1/verifications", headers: f.headers("requester", [.contentType: "application/json"]),
                body: Self.body(Self.requests[0]))
            #expect(response.status == .forbidden)
            #expect(try response.json()["code"] as? String == "INTERACTIVE_NOT_ENABLED")
        }
    }

    /// The same person asked about more often than the agreement allows is refused and flagged —
    /// by name and birth date, and by TIN with another name.
    @Test func probingIsRefusedAndFlagged() async throws {
        let f = try ServerFixture(agreement: ServerFixture.agreementYAML(probeLimit: 2))
        try await f.run { client in
            var person = Self.requests[1]
            person["birth_date"] = "1991-12-01"
            var statuses: [Int] = []
            for n in 0..<4 {
                person["request_id"] = "P\(n)"
                person["address_line1"] = "\(n + 5) Pinecrest Rd"
                let response = try await client.call(
                    .post, "/v1/verifications", headers: f.headers("requester", [.contentType: "application/json"]),
                    body: Self.body(person))
                statuses.append(Int(response.status.code))
                if response.status == .tooManyRequests { #expect(try response.json()["code"] as? String == "PROBE_LIMIT") }
            }
            #expect(statuses == [200, 200, 429, 429])
            var byTIN = Self.requests[2]
            for n in 0..<3 {
                byTIN["given_name"] = ["Anna", "Bea", "Cleo"][n]
                let response = try await client.call(
                    .post, "/v1/verifications", headers: f.headers("requester", [.contentType: "application/json"]),
                    body: Self.body(byTIN))
                #expect(response.status == (n < 2 ? .ok : .tooManyRequests))
            }
            let flags = try await client.call(.get, "/v1/probes", headers: f.headers("officer"))
            #expect((try flags.json()["flags"] as? [Any])?.count == 2, "one flag per person crossing the limit")
            #expect(!flags.text.contains("Vargassian") && !flags.text.contains("123456789"))
        }
    }

    @Test func theDailyQuotaCountsVerificationsAndWarnsAt80Percent() async throws {
        let f = try ServerFixture(agreement: ServerFixture.agreementYAML(perBatch: 5, perDay: 5, probeLimit: 10))
        try await f.run { client in
            var codes: [Int] = []
            var warnings: [String?] = []
            for n in 0..<6 {
                var request = Self.requests[4]
                request["request_id"] = "QQ\(n)"
                let response = try await client.call(
                    .post, "/v1/verifications", headers: f.headers("requester", [.contentType: "application/json"]),
                    body: Self.body(request))
                codes.append(Int(response.status.code))
                warnings.append(response.headers[.warning])
            }
            #expect(codes == [200, 200, 200, 200, 200, 429])
            #expect(warnings[3] == nil)
            #expect(warnings[4]?.contains("quota-80") == true)
        }
    }
}

import GRDB
