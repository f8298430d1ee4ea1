import Foundation
import GatehouseCore
import GatehouseStore
import GRDB
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import GatehouseServer

@Suite(.serialized) struct LimitsAndFailClosedTests {
    @Test(arguments: [
        (rate: 0.001, burst: 3.0, calls: 5, allowed: 3),
        (rate: 1000.0, burst: 10.0, calls: 5, allowed: 5),
    ])
    func tokenBucketPerKey(rate: Double, burst: Double, calls: Int, allowed: Int) async throws {
        let f = try ServerFixture { $0.ratePerSecond = rate; $0.rateBurst = burst }
        try await f.run { client in
            var ok = 0
            for _ in 0..<calls {
                let response = try await client.call(.get, "/v1/batches", headers: f.headers("auditor"))
                if response.status == .ok { ok += 1 } else {
                    #expect(response.status == .tooManyRequests)
                    #expect(Int(response.headers[.retryAfter] ?? "") ?? 0 >= 1)
                }
            }
            #expect(ok == allowed)
            // Another key has its own bucket.
            #expect(try await client.call(.get, "/v1/batches", headers: f.headers("officer")).status == .ok)
        }
    }

    @Test func tokenBucketRefills() {
        var bucket = TokenBucket(rate: 2, burst: 2, now: 0)
        #expect(bucket.take(now: 0) == nil)
        #expect(bucket.take(now: 0) == nil)
        #expect(bucket.take(now: 0) == 0.5)
        #expect(bucket.take(now: 0.5) == nil)
        #expect(bucket.take(now: 10) == nil)
        #expect(bucket.take(now: 10) == nil)
        #expect(bucket.take(now: 10) != nil)
    }

    /// A revoked key stops working on its very next request, and that call is recorded as denied.
    @Test func revocationTakesEffectOnTheNextRequest() async throws {
        let f = try ServerFixture()
        try await f.run { client in
            #expect(try await client.call(.get, "/v1/batches", headers: f.headers("auditor")).status == .ok)
            try f.workspace.revokeKey(id: f.keyIDs["auditor"]!)
            let after = try await client.call(.get, "/v1/batches", headers: f.headers("auditor"))
            #expect(after.status == .unauthorized)
            let event = try #require(try f.accessEvents().last)
            #expect(event.keyID == f.keyIDs["auditor"] && event.verdict == .denied && event.status == 401)
            // An unknown secret: 401, and nothing to record.
            let before = try f.accessEvents().count
            let unknown = try await client.call(
                .get, "/v1/batches", headers: [.authorization: "Bearer gh_K000000000000_00"])
            let after2 = try f.accessEvents().count
            #expect(unknown.status == .unauthorized && after2 == before)
        }
    }

    @Test func expiredKeysAreRefused() async throws {
        let f = try ServerFixture()
        let expired = try f.workspace.createKey(role: .auditor, name: "old", expiresOn: "2026-06-14")
        let lastDay = try f.workspace.createKey(role: .auditor, name: "last day", expiresOn: "2026-06-15")
        try await f.run { client in
            let old = try await client.call(.get, "/v1/batches", headers: [.authorization: "Bearer \(expired.secret)"])
            #expect(old.status == .unauthorized)
            let current = try await client.call(.get, "/v1/batches", headers: [.authorization: "Bearer \(lastDay.secret)"])
            #expect(current.status == .ok)
        }
    }

    /// An order registry that cannot be read: nothing is decided or released (503), /readyz says why.
    @Test func unreadableOrderRegistryFailsClosed() async throws {
        let f = try ServerFixture()
        let approved = try await f.makeBatch(target: .approved)
        try await f.workspace.database.write { db in
            try db.execute(
                sql: "INSERT INTO court_orders (id, version, status, document, sha256, created_at) VALUES ('broken', 1, 'active', '{not json', ?, '2026-06-01')",
                arguments: [String(repeating: "0", count: 64)])
        }
        try await f.run { client in
            let ready = try await client.call(.get, "/readyz")
            #expect(ready.status == .serviceUnavailable)
            #expect(try ready.json()["reasons"] as? [String] == ["ORDER_REGISTRY_UNREADABLE"])
            let verify = try await client.call(
                .post, "/v1/verifications", headers: f.headers("requester", [.contentType: "application/json"]),
                body: VerificationTests.body(VerificationTests.requests[0]))
            #expect(verify.status == .serviceUnavailable)
            let release = try await client.call(.post, "/v1/batches/\(approved)/release", headers: f.headers("officer"))
            #expect(release.status == .serviceUnavailable)
            #expect(try f.state.pipeline.batch(id: approved)?.state == .approved, "nothing released")
            // A batch uploaded now is stored but not decided.
            let created = try await client.call(
                .post, "/v1/batches", headers: f.headers("requester", [.contentType: "application/yaml"]),
                body: ServerFixture.manifestYAML())
            let id = try #require(try created.json()["id"] as? String)
            _ = try await client.call(
                .put, "/v1/batches/\(id)/requests", headers: f.headers("requester", [.contentType: "text/csv"]),
                body: ServerFixture.batchCSV)
            try await Task.sleep(for: .milliseconds(300))
            #expect(try f.state.pipeline.funnel(batchID: id).decided == 0)
        }
    }

    /// A ledger that cannot be appended: the call answers 503 and nothing it would have released leaves.
    @Test func unappendableLedgerFailsClosed() async throws {
        let f = try ServerFixture()
        try await f.run { client in
            try await f.workspace.database.write { db in
                try db.execute(
                    sql: "CREATE TEMP TRIGGER refuse_ledger BEFORE INSERT ON ledger_entries BEGIN SELECT RAISE(ABORT, 'test: ledger refuses'); END")
            }
            let verify = try await client.call(
                .post, "/v1/verifications", headers: f.headers("requester", [.contentType: "application/json"]),
                body: VerificationTests.body(VerificationTests.requests[1]))
            #expect(verify.status == .serviceUnavailable)
            #expect(!verify.text.contains("Pinecrest"))
            let list = try await client.call(.get, "/v1/batches", headers: f.headers("officer"))
            #expect(list.status == .serviceUnavailable, "an access event that cannot be recorded withholds the answer")
            let ready = try await client.call(.get, "/readyz")
            #expect(try ready.json()["reasons"] as? [String] == ["LEDGER_NOT_APPENDABLE"])
            // No decision was recorded either.
            let decisions = try await f.workspace.database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM decisions") }
            #expect(decisions == 0)
            try await f.workspace.database.write { try $0.execute(sql: "DROP TRIGGER refuse_ledger") }
            #expect(try await client.call(.get, "/v1/batches", headers: f.headers("officer")).status == .ok)
            #expect(try await client.call(.get, "/readyz").status == .ok)
        }
    }
}
