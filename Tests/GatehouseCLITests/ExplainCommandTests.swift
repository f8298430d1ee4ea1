import Foundation
import Testing

/// `gatehouse explain` through the real binary: the address as read, the gate, the candidates with
/// their weights and the decision, the same as `match` decides.
@Suite struct ExplainCommandTests {
    let records = """
        record_id,given_name,middle_name,surname,birth_date,address_line1,address_line2,city,state,postcode
        C1,David,,Klein,1971-05-14,707 Elm St,,Omaha,NE,68102
        C2,Maria,,Garcia,1988-02-03,2200 Market St,Apt 5,Philadelphia,PA,19103
        C3,Maria,,Garcia,1979-11-21,2200 Market St,Apt 7,Philadelphia,PA,19103
        C4,James,Robert,Wilson,1958-10-02,19 Quail Run,,Boise,ID,83702

        """

    func store() throws -> (directory: String, records: String) {
        let dir = try CLI.temporaryDirectory()
        let path = dir + "/records.csv"
        try records.write(toFile: path, atomically: true, encoding: .utf8)
        return (dir, path)
    }

    @Test func explainsAVerificationInATinyStore() throws {
        let (_, path) = try store()
        let result = try CLI.run([
            "explain", "--records", path, "--given", "David", "--surname", "Klein", "--line1", "707 Elm St",
            "--city", "Omaha", "--state", "NE", "--case-reference", "K-1",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("707 ELM ST · OMAHA NE · ZIP —"))
        #expect(result.stdout.contains("Gate (statutory)    sufficient"))
        #expect(result.stdout.contains("1. C1"))
        #expect(result.stdout.contains("fits the rule"))
        #expect(result.stdout.contains("Decision            verified C1"))
    }

    @Test func explainsTheUnitThatSeparatesNamesakes() throws {
        let (_, path) = try store()
        let result = try CLI.run([
            "explain", "--records", path, "--given", "Maria", "--surname", "Garcia", "--line1", "2200 Market St #7",
            "--postcode", "19103", "--case-reference", "A-1", "--json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["outcome"] as? String == "verified")
        #expect(json["record_id"] as? String == "C3")
        let address = try #require(json["address"] as? [String: Any])
        #expect(address["unit"] as? String == "# 7")
        let candidates = try #require(json["candidates"] as? [[String: Any]])
        #expect(candidates.count == 2)
        let units = candidates.compactMap { ($0["candidate"] as? [String: Any])?["unit"] as? String }
        #expect(Set(units) == ["agrees", "conflicts"])
        #expect(candidates.compactMap { $0["fits"] as? Bool } == [true, false])
    }

    @Test func explainsAGateFindingWithItsCitation() throws {
        let (_, path) = try store()
        let result = try CLI.run([
            "explain", "--records", path, "--given", "David", "--surname", "Klein", "--line1", "Main St and 5th Ave",
            "--city", "Omaha", "--state", "NE", "--case-reference", "K-1",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("insufficient — never matched"))
        #expect(result.stdout.contains("ADDR_INTERSECTION"))
        #expect(result.stdout.contains("26 U.S.C. § 6103(i)(2)(B)(i)"))
        #expect(result.stdout.contains("Decision            insufficient"))
    }

    @Test func readsARowOfARequestsFile() throws {
        let (dir, path) = try store()
        let requests = dir + "/requests.csv"
        try """
            request_id,given_name,surname,address_line1,city,state,postcode,case_reference
            Q1,Bob,Wilson,19 Quail Run,Boise,ID,83702,M-1
            """.write(toFile: requests, atomically: true, encoding: .utf8)
        let result = try CLI.run(["explain", "--records", path, "--requests", requests, "--request-id", "Q1"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("middle_as_given"))
        #expect(result.stdout.contains("Decision            verified C4"))
        let missing = try CLI.run(["explain", "--records", path, "--requests", requests, "--request-id", "Q9"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no request with request_id Q9"))
    }
}
