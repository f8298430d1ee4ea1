import Foundation
import Testing

/// `gatehouse match` and `evaluate` through the real binary: exit codes, row order, rejected rows.
@Suite struct MatchCommandTests {
    /// Two people of interest among a hundred others, so that the weights the store yields are meaningful.
    let records: String = {
        var text = """
            record_id,given_name,surname,address_line1,city,state,postcode
            R1,William,Harris,123 N Main St,Springfield,IL,62701
            R2,Elena,Vargas,5 Pine Rd,Phoenix,AZ,85001

            """
        let givens = ["James", "Mary", "Carlos", "Aisha", "Wei", "Rosa", "Omar", "Lena", "Ivan", "Nora"]
        let surnames = ["Johnson", "Brown", "Lee", "Nguyen", "Martinez", "Patel", "Kim", "Lopez", "Okafor", "Berg"]
        for (n, given) in givens.enumerated() {
            for k in 0..<10 {
                text += "F\(n)-\(k),\(given),\(surnames[(n + k) % 10]),\(100 + n * 10 + k) Maple Ave,Town,TX,78201\n"
            }
        }
        return text
    }()

    func write(_ text: String, _ name: String, in directory: String) throws -> String {
        let path = directory + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func decidesEveryRowInInputOrderAndRejectsMalformedOnes() throws {
        let dir = try CLI.temporaryDirectory()
        let recordsPath = try write(records, "records.csv", in: dir)
        let requests = try write(
            """
            ID,FIRST,LAST,address_line1,postcode,case_reference
            Q2,Elena,Vargas,5 Pine Road,85001,C-2
            Q1,Bill,Harris,Failed to Provide,62701,C-1
            Q3,"broken"quote,Harris,1 Main St,62701,C-3
            Q2,Elena,Vargas,5 Pine Rd,85001,C-4

            """, "requests.csv", in: dir)
        let result = try CLI.run([
            "match", "--records", recordsPath, "--requests", requests, "--out", dir + "/d.csv",
            "--map", "request_id=ID,given_name=FIRST,surname=LAST",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try String(contentsOfFile: dir + "/d.csv", encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        #expect(lines[0] == "request_id,outcome,record_id,score,reasons")
        #expect(lines[1].hasPrefix("Q2,verified,R2,"))
        #expect(lines[2].hasPrefix("Q1,insufficient,,,") && lines[2].contains("ADDR_PLACEHOLDER"))
        #expect(lines[3] == "Q3,rejected,,,ROW_MALFORMED")
        #expect(lines[4] == "Q2,rejected,,,ROW_ID_DUPLICATE")
        #expect(result.stderr.contains("line 4"))
    }

    @Test func agreementRequiredFieldsApply() throws {
        let dir = try CLI.temporaryDirectory()
        let recordsPath = try write(records, "records.csv", in: dir)
        let requests = try write(
            """
            request_id,given_name,surname,address_line1,postcode,birth_date,case_reference
            Q1,Elena,Vargas,5 Pine Rd,85001,,C-1

            """, "requests.csv", in: dir)
        let agreement = try write(
            """
            id: a
            version: 1
            requester: {agency: Test Agency}
            legal_basis: ["26 U.S.C. § 6103(i)(2)"]
            purpose: Testing.
            valid_from: 2020-01-01
            valid_until: 2030-12-31
            signers: [{name: Pat, role: Director}]
            permitted_signer_roles: [Director]
            permitted_statutes: ["8 U.S.C. § 1253(a)(1)"]
            permitted_fields: [verification]
            required_fields: [birth_date]
            """, "agreement.yaml", in: dir)
        let result = try CLI.run([
            "match", "--records", recordsPath, "--requests", requests, "--out", dir + "/d.csv", "--agreement",
            agreement,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try String(contentsOfFile: dir + "/d.csv", encoding: .utf8).split(separator: "\n")
        #expect(lines.last == "Q1,insufficient,,,FIELD_REQUIRED_MISSING")
        let bad = try CLI.run([
            "match", "--records", recordsPath, "--requests", requests, "--out", dir + "/d.csv", "--agreement",
            recordsPath,
        ])
        #expect(bad.status == 2)
    }

    @Test func notCSVOrMissingColumnExitsTwo() throws {
        let dir = try CLI.temporaryDirectory()
        let recordsPath = try write(records, "records.csv", in: dir)
        let binary = dir + "/binary.csv"
        try Data([0x7F, 0x45, 0x4C, 0x46, 0, 0, 0, 1]).write(to: URL(fileURLWithPath: binary))
        let missing = try write("request_id,given_name\nQ1,Ana\n", "missing.csv", in: dir)
        for requests in [binary, missing, dir + "/does-not-exist.csv"] {
            let result = try CLI.run([
                "match", "--records", recordsPath, "--requests", requests, "--out", dir + "/d.csv",
            ])
            #expect(result.status == 2, "\(requests): \(result.stderr)")
            #expect(result.stderr.hasPrefix("error:"))
        }
    }

    @Test func evaluateScoresAgainstTruth() throws {
        let dir = try CLI.temporaryDirectory()
        let decisions = try write(
            "request_id,outcome,record_id,score,reasons\nQ1,verified,R1,30,\nQ2,verified,R9,28,\nQ3,insufficient,,,ADDR_PO_BOX\nQ4,not_found,,,\n",
            "d.csv", in: dir)
        let truth = try write(
            "request_id,true_record_id,sufficient,kind\nQ1,R1,true,exact\nQ2,,true,namesake\nQ3,R3,false,po_box\nQ4,R4,true,typo\n",
            "t.csv", in: dir)
        let result = try CLI.run(["evaluate", "--decisions", decisions, "--truth", truth, "--json"])
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(object?["precision"] as? Double == 0.5)
        #expect(object?["recall"] as? Double == 0.5)
        #expect(object?["false_verifications"] as? Int == 1)
        #expect(object?["gate_recall"] as? Double == 1.0)
    }
}
