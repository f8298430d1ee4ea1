import Foundation
import GatehouseCore
import GatehouseStore
import Testing

/// The log exported by `gatehouse ledger tiles export`, served on loopback by Python's
/// http.server, checked by an independent client written from the C2SP specs alone
/// (scripts/tlog_client.py, Python + `cryptography`) — and by `gatehouse ledger tiles
/// verify` over HTTP. Its proofs must be the ones `gatehouse ledger prove` prints.
@Suite(.serialized) struct TlogClientInteropTests {
    static let scripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts").path

    /// Runs `python3 arguments…` to the end.
    static func python(_ arguments: [String]) throws -> CLI.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLI.Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Serves `folder` on the first free loopback port of 18200–18299 while `body` runs.
    static func serving<T>(_ folder: String, _ body: (String) throws -> T) throws -> T {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", scripts + "/serve_folder.py", "--dir", folder, "--ports", "18200-18299"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        defer {
            // SIGKILL: a child of the test runner may inherit a mask that blocks SIGTERM.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        // The first line, once the server listens: "port N".
        var line = Data()
        while !line.contains(0x0a) {
            let chunk = out.fileHandleForReading.availableData
            guard !chunk.isEmpty else { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self)
        let port = try #require(text.split(separator: "\n").first.flatMap { $0.hasPrefix("port ") ? Int($0.dropFirst(5)) : nil })
        return try body("http://127.0.0.1:\(port)")
    }

    /// `key value…` lines of the client's output whose first word is `key`.
    static func lines(_ output: String, _ key: String) -> [[String]] {
        output.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }.filter { $0.first == key }
    }

    @Test func anIndependentClientProvesInclusionAndConsistencyOverHTTP() throws {
        // 66,000 entries: three tile levels, partial tiles on each; an old checkpoint at 600.
        let (directory, workspace, key) = try LedgerTilesCommandTests.workspace(entries: 600)
        let out = directory + "/log"
        #expect(try CLI.run(["ledger", "tiles", "export", "--workspace", workspace, "--out", out]).status == 0)
        try FileManager.default.copyItem(atPath: out + "/checkpoint", toPath: directory + "/old.txt")
        try LedgerTilesCommandTests.append(65_400, to: workspace)
        #expect(try CLI.run(["ledger", "tiles", "export", "--workspace", workspace, "--out", out]).status == 0)
        let entries = [0, 255, 256, 599, 65_535, 65_536, 65_999]

        try Self.serving(out) { url in
            var arguments = [Self.scripts + "/tlog_client.py", "--log", url, "--vkey", key, "--old-checkpoint", directory + "/old.txt"]
            arguments += entries.flatMap { ["--entry", String($0)] }
            let client = try Self.python(arguments)
            #expect(client.status == 0, "\(client.stdout)\(client.stderr)")
            #expect(client.stdout.hasSuffix("valid\n"))
            let checkpoint = try #require(Self.lines(client.stdout, "checkpoint").first)
            #expect(checkpoint[2] == "66000")
            let inclusions = Self.lines(client.stdout, "inclusion")
            #expect(inclusions.map { Int($0[1])! } == entries)
            for inclusion in inclusions {
                let proved = try CLI.run(["ledger", "prove", inclusion[1], "--size", "66000", "--workspace", workspace])
                #expect(Self.lines(proved.stdout, "proof").first?[1] == inclusion[3], "entry \(inclusion[1])")
                #expect(Self.lines(proved.stdout, "leaf-hash").first?[1] == inclusion[2])
            }
            let consistency = try #require(Self.lines(client.stdout, "consistency").first)
            let proved = try CLI.run(["ledger", "prove", "--from", "600", "--to", "66000", "--workspace", workspace])
            #expect(consistency[1] == "600")
            #expect(Self.lines(proved.stdout, "proof").first?[1] == consistency[3])

            // gatehouse's own auditor command over HTTP agrees.
            let verify = try CLI.run([
                "ledger", "tiles", "verify", "--from", url, "--key", key, "--entry", "65536", "--old-checkpoint",
                directory + "/old.txt",
            ])
            #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        }

        // The whole log, from the folder.
        let audit = try Self.python([Self.scripts + "/tlog_client.py", "--log", out, "--vkey", key, "--all"])
        #expect(audit.status == 0, "\(audit.stdout)\(audit.stderr)")
        #expect(Self.lines(audit.stdout, "audit").first?[1] == "66000")
    }

    @Test func theIndependentClientRejectsATamperedLogAndAnotherKey() throws {
        let (directory, workspace, key) = try LedgerTilesCommandTests.workspace(entries: 700)
        let out = directory + "/log"
        #expect(try CLI.run(["ledger", "tiles", "export", "--workspace", workspace, "--out", out]).status == 0)
        let bundle = out + "/tile/entries/001"
        var bytes = try #require(FileManager.default.contents(atPath: bundle))
        bytes[bytes.count - 1] ^= 0x40
        try bytes.write(to: URL(fileURLWithPath: bundle))
        try Self.serving(out) { url in
            let edited = try Self.python([Self.scripts + "/tlog_client.py", "--log", url, "--vkey", key, "--entry", "511"])
            #expect(edited.status == 1)
            #expect(edited.stdout.split(separator: "\n").last?.hasPrefix("invalid: ") == true)
            let untouched = try Self.python([Self.scripts + "/tlog_client.py", "--log", url, "--vkey", key, "--entry", "512"])
            #expect(untouched.status == 0, "\(untouched.stdout)\(untouched.stderr)")
            let other = try LedgerTilesCommandTests.workspace(entries: 1)
            let wrongKey = try Self.python([Self.scripts + "/tlog_client.py", "--log", url, "--vkey", other.key])
            #expect(wrongKey.status == 1)
            #expect(wrongKey.stdout.contains("no signature by"))
        }
        let audit = try Self.python([Self.scripts + "/tlog_client.py", "--log", out, "--vkey", key, "--all"])
        #expect(audit.status == 1)
        #expect(audit.stdout.contains("entry 511"))
    }
}

/// The RFC 6962 reference tree as tlog-tiles files (written from the vectors by a script,
/// signed with the test key of checkpoint.note): both verifiers accept it, and the
/// independent client's proofs are the RFC's.
@Suite struct TileFixtureTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("GatehouseCoreTests/Fixtures/ledger")

    @Test func bothVerifiersAcceptTheReferenceTree() throws {
        let folder = Self.fixtures.appendingPathComponent("tiles").path
        let key = Self.fixtures.appendingPathComponent("checkpoint.vkey").path
        let swift = try CLI.run(["ledger", "tiles", "verify", "--from", folder, "--key", key, "--all"])
        #expect(swift.status == 0, "\(swift.stdout)\(swift.stderr)")
        #expect(swift.stdout.contains("root 5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"))
        // Its entries are the RFC's test inputs, not Gatehouse entries: gatehouse proves the
        // inclusion, then says so.
        let foreign = try CLI.run(["ledger", "tiles", "verify", "--from", folder, "--key", key, "--entry", "5"])
        #expect(foreign.status == 1)
        #expect(foreign.stdout.contains("is in the log but is not a Gatehouse entry"))

        let vectors = try JSONSerialization.jsonObject(
            with: Data(contentsOf: Self.fixtures.appendingPathComponent("rfc6962.json"))) as! [String: Any]
        let examples = (vectors["inclusionExamples"] as! [[String: Any]]).filter { $0["treeSize"] as? Int == 8 }
        try #require(!examples.isEmpty)
        var arguments = [TlogClientInteropTests.scripts + "/tlog_client.py", "--log", folder, "--vkey", key, "--all"]
        arguments += examples.flatMap { ["--entry", String($0["leafIdx"] as! Int)] }
        let python = try TlogClientInteropTests.python(arguments)
        #expect(python.status == 0, "\(python.stdout)\(python.stderr)")
        let proofs = TlogClientInteropTests.lines(python.stdout, "inclusion")
        for (example, proof) in zip(examples, proofs) {
            #expect(proof[1] == String(example["leafIdx"] as! Int))
            #expect(proof[2] == example["leafHashHex"] as? String)
            #expect(proof.count > 3 ? proof[3] == (example["proofHex"] as! [String]).joined(separator: ",") : (example["proofHex"] as! [String]).isEmpty)
        }
    }
}
