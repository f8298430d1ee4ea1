import Foundation
import GRDB
import GatehouseStore
import Testing

/// Kills a real `gatehouse batch submit` process with SIGKILL in the middle of deciding, then
/// resumes: every row ends with exactly one decision and one ledger entry.
@Suite(.serialized) struct KillAndResumeTests {
    static func today() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return String(formatter.string(from: Date()).prefix(10))
    }

    func prepareWorkspace(rows: Int) throws -> (directory: String, workspace: String) {
        let directory = try CLI.temporaryDirectory()
        let data = directory + "/data"
        let workspace = directory + "/ws"
        try #require(
            CLI.run(["synth", "--records", "3000", "--requests", String(rows), "--seed", "11", "--out", data]).status
                == 0)
        try #require(CLI.run(["init", workspace]).status == 0)
        try #require(CLI.run(["records", "import", data + "/records.csv", "--workspace", workspace]).status == 0)
        let year = Int(Self.today().prefix(4))!
        let agreement = """
            id: kill-test
            version: 1
            requester: {agency: Test Agency}
            legal_basis: ["26 U.S.C. § 6103(i)(2)"]
            purpose: Testing.
            valid_from: \(year - 1)-01-01
            valid_until: \(year + 1)-12-31
            signers: [{name: Pat Signer, role: Director}]
            permitted_signer_roles: [Director]
            permitted_statutes: ["8 U.S.C. § 1253(a)(1)"]
            permitted_fields: [verification, last_known_address]
            """
        try agreement.write(toFile: directory + "/agreement.yaml", atomically: true, encoding: .utf8)
        let manifest = """
            agreement: kill-test
            requester: Test Agency
            signer: {name: Pat Signer, role: Director}
            statute: "8 U.S.C. § 1253(a)(1)"
            tax_periods: ["\(year - 1)"]
            reason: Named in the proceeding.
            proceeding: Case K-1
            attestation: true
            """
        try manifest.write(toFile: directory + "/manifest.yaml", atomically: true, encoding: .utf8)
        try #require(
            CLI.run(["agreement", "add", directory + "/agreement.yaml", "--workspace", workspace]).status == 0)
        return (directory, workspace)
    }

    func count(_ sql: String, workspace: String) throws -> Int {
        let queue = try DatabaseQueue(path: workspace + "/gatehouse.sqlite")
        return try queue.read { db in try Int.fetchOne(db, sql: sql) ?? 0 }
    }

    /// Synchronous on purpose: the watch loop keeps its thread, so tests running in parallel on
    /// the cooperative pool cannot starve it while the child process races ahead.
    @Test func killedMidBatchResumesWithEveryRowDecidedOnce() throws {
        let rows = 8000
        let (directory, workspace) = try prepareWorkspace(rows: rows)
        let submit = try CLI.start(
            [
                "batch", "submit", "--agreement", "kill-test", "--manifest", directory + "/manifest.yaml",
                directory + "/data/requests.csv", "--workspace", workspace,
            ],
            environment: ["GATEHOUSE_CHUNK_SIZE": "100", "GATEHOUSE_TEST_CHUNK_PAUSE_MS": "50"])
        // Wait until some, not all, rows are decided, then kill without warning.
        let database = workspace + "/gatehouse.sqlite"
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline && submit.isRunning {
            let queue = try? DatabaseQueue(path: database)
            let decided = (try? queue?.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM decisions") }) ?? nil
            if (decided ?? 0) > 0 { break }
            usleep(5_000)
        }
        #expect(submit.isRunning, "the batch finished before it could be killed; make it larger")
        kill(submit.processIdentifier, SIGKILL)
        submit.waitUntilExit()
        #expect(submit.terminationReason == .uncaughtSignal)
        let atKill = try count("SELECT count(*) FROM decisions", workspace: workspace)
        #expect(atKill > 0 && atKill < rows, "killed with \(atKill) of \(rows) decided")

        let resumed = try CLI.run(["batch", "resume", "--workspace", workspace])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(try count("SELECT count(*) FROM batch_rows", workspace: workspace) == rows)
        #expect(try count("SELECT count(*) FROM decisions", workspace: workspace) == rows)
        #expect(try count("SELECT count(DISTINCT request_id) FROM decisions", workspace: workspace) == rows)
        #expect(try count("SELECT count(*) FROM ledger_entries WHERE kind = 2", workspace: workspace) == rows)
        #expect(try count("SELECT count(*) FROM batches WHERE state = 'awaiting_approval'", workspace: workspace) == 1)
        let verify = try CLI.run(["ledger", "verify", "--workspace", workspace])
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
    }
}
