import Foundation
import GatehouseCore
import GatehouseStore
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import GatehouseServer

@Suite(.serialized) struct BatchFlowTests {
    /// Create → upload (streamed CSV) → decided in the background → two officers → release → the
    /// response file: the same answers as the batch pipeline gives on the command line.
    @Test func batchFromUploadToResponses() async throws {
        let f = try ServerFixture()
        try await f.run { client in
            let created = try await client.call(
                .post, "/v1/batches", headers: f.headers("requester", [.contentType: "application/yaml"]),
                body: ServerFixture.manifestYAML())
            #expect(created.status == .created)
            let id = try #require(try created.json()["id"] as? String)
            #expect(try created.json()["state"] as? String == "awaiting_upload")

            let uploaded = try await client.call(
                .put, "/v1/batches/\(id)/requests", headers: f.headers("requester", [.contentType: "text/csv"]),
                body: ServerFixture.batchCSV)
            #expect(uploaded.status == .accepted, "\(uploaded.text)")
            #expect(try uploaded.json()["file_sha256"] as? String == Hash32.sha256(utf8: ServerFixture.batchCSV).hex)
            try await f.waitDecided(id)

            // Before release the requester sees no funnel; an officer does.
            let early = try await client.call(.get, "/v1/batches/\(id)", headers: f.headers("requester"))
            #expect(try early.json()["funnel"] == nil)
            let officerView = try await client.call(.get, "/v1/batches/\(id)", headers: f.headers("officer"))
            let funnel = try #require(try officerView.json()["funnel"] as? [String: Any])
            #expect(funnel["verified"] as? Int == 2 && funnel["insufficient"] as? Int == 1)

            // Responses before release: 409.
            let tooSoon = try await client.call(.get, "/v1/batches/\(id)/responses", headers: f.headers("requester"))
            #expect(tooSoon.status == .conflict)

            // Two-person approval: the same officer twice is refused; a second officer completes it.
            #expect(try await client.call(.post, "/v1/batches/\(id)/approvals", headers: f.headers("officer")).status == .ok)
            #expect(try await client.call(.post, "/v1/batches/\(id)/approvals", headers: f.headers("officer")).status == .conflict)
            let second = try await client.call(.post, "/v1/batches/\(id)/approvals", headers: f.headers("officer2"))
            #expect(try second.json()["state"] as? String == "approved")
            #expect(try await client.call(.post, "/v1/batches/\(id)/release", headers: f.headers("officer")).status == .ok)

            let responses = try await client.call(.get, "/v1/batches/\(id)/responses", headers: f.headers("requester"))
            #expect(responses.status == .ok)
            #expect(
                responses.text == """
                    request_id,result_code,result_label,address_line1,address_line2,city,state,postcode
                    Q1,0,Verified,123 N Mainwaring St,,Springfield,IL,62701
                    Q2,0,Verified,5 Pinecrest Rd,,Phoenix,AZ,85001
                    Q3,2,Insufficient request,,,,,
                    Q4,3,Ambiguous: more than one person,,,,,
                    Q5,1,Not found,,,,,

                    """)
            // The approvals were the two officer keys.
            #expect(try f.state.pipeline.batch(id: id)?.approvals.sorted() == [f.keyIDs["officer"]!, f.keyIDs["officer2"]!].sorted())
        }
    }

    /// The same bytes under the same agreement are the same batch, whatever the new batch id.
    @Test func sameBytesTwiceIsTheSameBatch() async throws {
        let f = try ServerFixture()
        try await f.run { client in
            var ids: [String] = []
            for _ in 0..<2 {
                let created = try await client.call(
                    .post, "/v1/batches", headers: f.headers("requester", [.contentType: "application/yaml"]),
                    body: ServerFixture.manifestYAML())
                let id = try #require(try created.json()["id"] as? String)
                let uploaded = try await client.call(
                    .put, "/v1/batches/\(id)/requests", headers: f.headers("requester", [.contentType: "text/csv"]),
                    body: ServerFixture.batchCSV)
                ids.append(try #require(try uploaded.json()["id"] as? String))
            }
            #expect(ids[0] == ids[1])
            #expect(try f.state.pipeline.batches().filter { $0.id.hasPrefix("B") }.count == 1)
        }
    }

    /// NDJSON rows are decided as the same rows in CSV are.
    @Test func ndjsonUploadDecidesLikeCSV() async throws {
        let f = try ServerFixture()
        let ndjson = """
            {"request_id":"Q1","given_name":"Wilhelmina","surname":"Harrowgate","address_line1":"123 North Mainwaring Street","city":"Springfield","state":"IL","postcode":"62701","case_reference":"CASE-1"}
            {"request_id":"Q3","tin":"123456789","given_name":"Wilhelmina","surname":"Harrowgate","address_line1":"Failed to Provide","postcode":"62701","case_reference":"CASE-3"}
            not json
            {"request_id":"Q6","given_name":7}

            """
        try await f.run { client in
            let created = try await client.call(
                .post, "/v1/batches", headers: f.headers("requester", [.contentType: "application/yaml"]),
                body: ServerFixture.manifestYAML())
            let id = try #require(try created.json()["id"] as? String)
            let uploaded = try await client.call(
                .put, "/v1/batches/\(id)/requests",
                headers: f.headers("requester", [.contentType: "application/x-ndjson"]), body: ndjson)
            #expect(uploaded.status == .accepted, "\(uploaded.text)")
            try await f.waitDecided(id)
            let funnel = try f.state.pipeline.funnel(batchID: id)
            #expect(funnel.submitted == 4 && funnel.verified == 1 && funnel.insufficient == 1 && funnel.rejectedRows == 2)
        }
    }

    /// A manifest that fails the agreement answers 422 with every reason; nothing is created.
    @Test func failingManifestAnswersEveryReason() async throws {
        let f = try ServerFixture()
        try await f.run { client in
            let response = try await client.call(
                .post, "/v1/batches", headers: f.headers("requester", [.contentType: "application/yaml"]),
                body: ServerFixture.manifestYAML(agency: "Someone Else", attestation: false))
            #expect(response.status == .unprocessableContent)
            #expect(response.headers[.contentType] == "application/problem+json")
            let reasons = try #require(try response.json()["reasons"] as? [String])
            #expect(reasons == ["MANIFEST_ATTESTATION_MISSING", "MANIFEST_REQUESTER_MISMATCH"])
            #expect(try response.json()["code"] as? String == "MANIFEST_REJECTED")
            #expect(try f.workspace.pendingUploads(agreementID: nil).isEmpty)
        }
    }

    /// Past the agreement's row cap the upload stops with 413 and nothing is stored.
    @Test func overTheRowCapIs413() async throws {
        let f = try ServerFixture(agreement: ServerFixture.agreementYAML(perBatch: 3))
        try await f.run { client in
            let created = try await client.call(
                .post, "/v1/batches", headers: f.headers("requester", [.contentType: "application/yaml"]),
                body: ServerFixture.manifestYAML())
            let id = try #require(try created.json()["id"] as? String)
            let response = try await client.call(
                .put, "/v1/batches/\(id)/requests", headers: f.headers("requester", [.contentType: "text/csv"]),
                body: ServerFixture.batchCSV)
            #expect(response.status == .contentTooLarge)
            #expect(try response.json()["reasons"] as? [String] == ["AGREEMENT_QUOTA_BATCH_EXCEEDED"])
            #expect(try f.state.pipeline.batch(id: id) == nil)
            let spool = try FileManager.default.contentsOfDirectory(atPath: f.directory + "/uploads")
            #expect(spool.isEmpty, "the partial upload is removed")
        }
    }

    /// Another agreement's batch answers exactly as a missing id: same status, same body.
    @Test func anotherAgreementsBatchIsAMissingBatch() async throws {
        let f = try ServerFixture()
        let other = try await f.makeBatch(agreement: "agr-b", target: .released)
        try await f.run { client in
            let theirs = try await client.call(.get, "/v1/batches/\(other)", headers: f.headers("requester"))
            let missing = try await client.call(.get, "/v1/batches/B999999999999", headers: f.headers("requester"))
            #expect(theirs.status == .notFound && missing.status == .notFound)
            #expect(theirs.text == missing.text)
            let theirResponses = try await client.call(.get, "/v1/batches/\(other)/responses", headers: f.headers("requester"))
            let missingResponses = try await client.call(
                .get, "/v1/batches/B999999999999/responses", headers: f.headers("requester"))
            #expect(theirResponses.status == .notFound && theirResponses.text == missingResponses.text)
            // The list shows only the caller's agreement's batches.
            let list = try await client.call(.get, "/v1/batches", headers: f.headers("requester"))
            #expect(!list.text.contains(other))
            // Recorded as denied, with the object named.
            let event = try #require(try f.accessEvents().first { $0.objectID == other })
            #expect(event.verdict == .denied && event.status == 404)
        }
    }
}
