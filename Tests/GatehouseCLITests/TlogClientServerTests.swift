import Foundation
import Testing

/// The independent C2SP client (scripts/tlog_client.py) against a live `gatehouse serve` on
/// loopback: the server's `/v1/log` routes are a tlog-tiles log it can prove entries and
/// consistency from, with the proofs `gatehouse ledger prove` gives, and the checkpoint it
/// serves is the one `gatehouse ledger checkpoint` prints.
@Suite(.serialized) struct TlogClientServerTests {
    /// A free loopback port of 18200–18299 (this suite's range), asked of the kernel.
    static func freePort() throws -> Int {
        let probe = try TlogClientInteropTests.python([
            "-c",
            """
            import socket
            for port in range(18250, 18300):
                s = socket.socket()
                try:
                    s.bind(("127.0.0.1", port)); print(port); break
                except OSError:
                    pass
                finally:
                    s.close()
            """,
        ])
        return try #require(Int(probe.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    /// Runs `gatehouse serve` on `workspace` while `body` runs, once its log answers.
    static func serving<T>(_ workspace: String, _ body: (String) throws -> T) throws -> T {
        let port = try freePort()
        let server = Process()
        server.executableURL = URL(fileURLWithPath: CLI.binary)
        server.arguments = ["serve", "--workspace", workspace, "--host", "127.0.0.1", "--port", String(port)]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer {
            kill(server.processIdentifier, SIGKILL)
            server.waitUntilExit()
        }
        let url = "http://127.0.0.1:\(port)/v1/log"
        var ready = false
        for _ in 0..<100 where server.isRunning {
            let probe = try TlogClientInteropTests.python([
                "-c", "import urllib.request,sys; urllib.request.urlopen(sys.argv[1], timeout=2)", url + "/checkpoint",
            ])
            if probe.status == 0 {
                ready = true
                break
            }
            Thread.sleep(forTimeInterval: 0.2)
        }
        try #require(ready, "gatehouse serve did not answer on port \(port)")
        return try body(url)
    }

    @Test func theServersLogIsATiledLogAnIndependentClientProves() throws {
        let (directory, workspace, key) = try LedgerTilesCommandTests.workspace(entries: 600)
        let old = try CLI.run(["ledger", "checkpoint", "--workspace", workspace])
        try old.stdout.write(toFile: directory + "/old.txt", atomically: true, encoding: .utf8)
        try LedgerTilesCommandTests.append(700, to: workspace)

        try Self.serving(workspace) { url in
            let client = try TlogClientInteropTests.python([
                TlogClientInteropTests.scripts + "/tlog_client.py", "--log", url, "--vkey", key, "--entry", "0",
                "--entry", "599", "--entry", "1299", "--old-checkpoint", directory + "/old.txt", "--all",
                "--save-checkpoint", directory + "/served.txt",
            ])
            #expect(client.status == 0, "\(client.stdout)\(client.stderr)")
            let checkpoint = try #require(TlogClientInteropTests.lines(client.stdout, "checkpoint").first)
            let size = try #require(Int(checkpoint[2]))
            #expect(size >= 1_300)
            #expect(TlogClientInteropTests.lines(client.stdout, "audit").first?[1] == String(size))
            // The served note is one the workspace stored, byte for byte.
            let served = try String(contentsOfFile: directory + "/served.txt", encoding: .utf8)
            let stored = try CLI.run(["ledger", "prove", "0", "--checkpoint", directory + "/served.txt", "--workspace", workspace])
            #expect(stored.status == 0, "\(stored.stderr)")
            #expect(served.hasPrefix(checkpoint[1] + "\n\(size)\n"))
            #expect(served == (try CLI.run(["ledger", "checkpoint", "--workspace", workspace])).stdout)
            for inclusion in TlogClientInteropTests.lines(client.stdout, "inclusion") {
                let proved = try CLI.run(["ledger", "prove", inclusion[1], "--size", String(size), "--workspace", workspace])
                #expect(TlogClientInteropTests.lines(proved.stdout, "proof").first?[1] == inclusion[3], "entry \(inclusion[1])")
            }
            let consistency = try #require(TlogClientInteropTests.lines(client.stdout, "consistency").first)
            let proved = try CLI.run(["ledger", "prove", "--from", "600", "--to", String(size), "--workspace", workspace])
            #expect(TlogClientInteropTests.lines(proved.stdout, "proof").first?[1] == consistency[3])

            // The verifier key the server publishes is the workspace's, and gatehouse's own
            // auditor command accepts the server's log too.
            let published = try TlogClientInteropTests.python([
                "-c", "import urllib.request,sys; print(urllib.request.urlopen(sys.argv[1]).read().decode(), end='')", url + "/key",
            ])
            #expect(published.stdout == (try String(contentsOfFile: key, encoding: .utf8)))
            let verify = try CLI.run(["ledger", "tiles", "verify", "--from", url, "--key", key, "--entry", "1299", "--all"])
            #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        }
    }
}
