import Foundation
import GatehouseCore
import GatehouseStore
import HTTPTypes
import HummingbirdTesting
import Synchronization
import Testing

@testable import GatehouseServer

/// No response body, log line or metric holds a protected value of the store — a name, a TIN, a
/// birth date, a street address — except the permitted, released fields in the owning
/// requester's own answers (its response file, its verification answers).
@Suite(.serialized) struct DisclosureLeakTests {
    static var protectedValues: [String] {
        ServerFixture.people.flatMap { person in
            [person.tin, person.birthDate, person.givenName, person.surname] + person.addresses.map(\.line1)
        }
    }

    @Test func noProtectedValueLeavesOutsideTheOwnersReleasedAnswers() async throws {
        let f = try ServerFixture()
        let bodies = Mutex<[(String, String)]>([])
        let released = Mutex<[String]>([])
        try await f.run { client in
            func record(_ label: String, _ response: TestResponse, releasedToOwner: Bool = false) {
                if releasedToOwner {
                    released.withLock { $0.append(response.text) }
                } else {
                    bodies.withLock { $0.append((label, response.text)) }
                }
            }
            func call(_ method: HTTPRequest.Method, _ uri: String, as who: String?, type: String? = nil, body: String? = nil)
                async throws -> TestResponse
            {
                var headers = f.headers(who)
                if let type { headers[.contentType] = type }
                return try await client.call(method, uri, headers: headers, body: body)
            }
            // A batch over the API, end to end.
            let created = try await call(.post, "/v1/batches", as: "requester", type: "application/yaml", body: ServerFixture.manifestYAML())
            record("create", created)
            let id = try #require(try created.json()["id"] as? String)
            record("upload", try await call(.put, "/v1/batches/\(id)/requests", as: "requester", type: "text/csv", body: ServerFixture.batchCSV))
            try await f.waitDecided(id)
            for who in ["requester", "other", "officer", "auditor"] {
                record("show \(who)", try await call(.get, "/v1/batches/\(id)", as: who))
                record("list \(who)", try await call(.get, "/v1/batches", as: who))
            }
            record("approve", try await call(.post, "/v1/batches/\(id)/approvals", as: "officer"))
            record("approve 2", try await call(.post, "/v1/batches/\(id)/approvals", as: "officer2"))
            record("release", try await call(.post, "/v1/batches/\(id)/release", as: "officer"))
            record("responses", try await call(.get, "/v1/batches/\(id)/responses", as: "requester"), releasedToOwner: true)
            record("responses other", try await call(.get, "/v1/batches/\(id)/responses", as: "other"))
            record("responses officer", try await call(.get, "/v1/batches/\(id)/responses", as: "officer"))
            // Verifications: the answers are the owner's; the other agreement's requester is refused.
            for request in VerificationTests.requests {
                record("verify", try await call(.post, "/v1/verifications", as: "requester", type: "application/json", body: VerificationTests.body(request)), releasedToOwner: true)
                record("verify other", try await call(.post, "/v1/verifications", as: "officer", type: "application/json", body: VerificationTests.body(request)))
            }
            // Officers and auditors.
            record("accounting", try await call(.post, "/v1/accounting", as: "auditor", type: "application/json", body: #"{"record_id":"R1"}"#))
            record("order", try await call(.post, "/v1/orders", as: "officer", type: "application/yaml", body: f.orderYAML()))
            let review = try await call(.post, "/v1/reviews", as: "officer", type: "application/json", body: "{}")
            record("review", review)
            let reviewID = try #require(try review.json()["id"] as? String)
            record("notices", try await call(.post, "/v1/reviews/\(reviewID)/notices", as: "officer"))
            record("notice list", try await call(.get, "/v1/notices", as: "auditor"))
            record("incident", try await call(.get, "/v1/reports/incident/\(reviewID)", as: "auditor"))
            record("declaration", try await call(.get, "/v1/reports/declaration/agr-a", as: "auditor"))
            let size = try f.ledgerSize()
            record("ledger", try await call(.get, "/v1/ledger/entries?from=0&count=1000", as: "auditor"))
            if size > 1000 { Issue.record("ledger longer than one page") }
            record("agreement", try await call(.get, "/v1/agreements/agr-a", as: "requester"))
            record("probes", try await call(.get, "/v1/probes", as: "officer"))
            record("keys", try await call(.get, "/v1/keys", as: "admin"))
            record("metrics", try await call(.get, "/metrics", as: "auditor"))
            record("readyz", try await call(.get, "/readyz", as: nil))
        }
        let logs = f.logs.lines.withLock { $0 }
        #expect(logs.count > 40, "one line per request")
        for value in Self.protectedValues {
            for (label, body) in bodies.withLock({ $0 }) {
                #expect(!body.contains(value), "a protected value in the response of \(label)")
            }
            for line in logs { #expect(!line.contains(value), "a protected value in a log line") }
        }
        // The owner's released answers hold only the released addresses (R1's current one, R2's).
        let owner = released.withLock { $0 }.joined(separator: "\n")
        #expect(owner.contains("123 N Mainwaring St") && owner.contains("5 Pinecrest Rd"))
        for value in Self.protectedValues where !["123 N Mainwaring St", "5 Pinecrest Rd"].contains(value) {
            #expect(!owner.contains(value), "an unreleased protected value in the owner's answers")
        }
    }
}
