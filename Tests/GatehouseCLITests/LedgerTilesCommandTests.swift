import Foundation
import GatehouseCore
import GatehouseStore
import Testing

/// `gatehouse ledger tiles export` and `tiles verify`, run as a real process against a
/// workspace whose log the test appends to.
@Suite struct LedgerTilesCommandTests {
    /// A workspace with `count` approval events and a checkpoint; its folder and key file.
    static func workspace(entries count: Int) throws -> (directory: String, workspace: String, key: String) {
        let directory = try CLI.temporaryDirectory()
        let path = directory + "/ws"
        try #require(CLI.run(["init", path]).status == 0)
        try append(count, to: path)
        return (directory, path, path + "/keys/ledger.pub")
    }

    /// Appends `count` approval events and writes a checkpoint.
    static func append(_ count: Int, to path: String) throws {
        let workspace = try Workspace.open(at: path)
        let signer = try LedgerKeys.load(from: workspace.keysDirectory)
        let origin = try workspace.meta(MetaKey.origin)
        try workspace.database.write { db in
            let events = (0..<count).map { LedgerEvent.approval(.init(batchID: "B-\($0 / 100)", officerID: "officer-\($0 % 3)")) }
            try LedgerStore.append(events, at: LedgerTimestamp(millisecondsSince1970: 1_752_485_400_123), in: db)
            try LedgerStore.checkpoint(in: db, signer: signer, origin: origin)
        }
    }

    @Test func exportThenVerifyInclusionConsistencyAndTheWholeLog() throws {
        let (directory, workspace, key) = try Self.workspace(entries: 600)
        let out = directory + "/log"
        let exported = try CLI.run(["ledger", "tiles", "export", "--workspace", workspace, "--out", out])
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(exported.stdout.contains("600 entries"))
        let checkpoint = try CLI.run(["ledger", "checkpoint", "--workspace", workspace])
        #expect(try String(contentsOfFile: out + "/checkpoint", encoding: .utf8) == checkpoint.stdout)
        #expect(FileManager.default.fileExists(atPath: out + "/tile/0/002.p/88"))
        #expect(FileManager.default.fileExists(atPath: out + "/tile/entries/001"))
        #expect(FileManager.default.fileExists(atPath: out + "/tile/1/000.p/2"))
        try FileManager.default.copyItem(atPath: out + "/checkpoint", toPath: directory + "/old-checkpoint")

        // The log grows; a second export adds to the folder.
        try Self.append(500, to: workspace)
        let again = try CLI.run(["ledger", "tiles", "export", "--workspace", workspace, "--out", out])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("1,100 entries"))

        let verified = try CLI.run([
            "ledger", "tiles", "verify", "--from", out, "--key", key, "--entry", "0", "--entry", "599", "--entry", "1099",
            "--old-checkpoint", directory + "/old-checkpoint", "--all",
        ])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        let lines = verified.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "valid")
        #expect(lines.contains("size 1100"))
        #expect(lines.contains { $0.hasPrefix("entry 599 is in the log") })
        #expect(lines.contains("  kind approval (4)"))
        #expect(lines.contains { $0.hasPrefix("the log extends the checkpoint of 600 entries") })
        #expect(lines.contains { $0.hasPrefix("every entry and tile checked: 1,100 entries") })
        // An old partial tile, left in the folder, is the prefix of the full one now there.
        let oldPartial = try #require(FileManager.default.contents(atPath: out + "/tile/0/002.p/88"))
        let full = try #require(FileManager.default.contents(atPath: out + "/tile/0/002"))
        #expect(full.prefix(oldPartial.count) == oldPartial)
    }

    @Test func aTamperedFolderFailsWithExitOne() throws {
        let (directory, workspace, key) = try Self.workspace(entries: 300)
        let out = directory + "/log"
        #expect(try CLI.run(["ledger", "tiles", "export", "--workspace", workspace, "--out", out]).status == 0)
        // An entry edited in its bundle: the entry's own proof and the full audit catch it.
        let bundlePath = out + "/tile/entries/001.p/44"
        var bundle = try #require(FileManager.default.contents(atPath: bundlePath))
        bundle[bundle.count - 1] ^= 0x01
        try bundle.write(to: URL(fileURLWithPath: bundlePath))
        let entry = try CLI.run(["ledger", "tiles", "verify", "--from", out, "--key", key, "--entry", "299"])
        #expect(entry.status == 1)
        #expect(entry.stdout.hasPrefix("invalid: "))
        let audit = try CLI.run(["ledger", "tiles", "verify", "--from", out, "--key", key, "--all"])
        #expect(audit.status == 1)
        #expect(audit.stdout.contains("entry 299 of tile/entries/001.p/44"))
        // Another entry is still proven.
        #expect(try CLI.run(["ledger", "tiles", "verify", "--from", out, "--key", key, "--entry", "3"]).status == 0)
        // A missing tile is the log's failure (1); an unreadable key or source is input's (2).
        try FileManager.default.removeItem(atPath: out + "/tile/0/000")
        #expect(try CLI.run(["ledger", "tiles", "verify", "--from", out, "--key", key, "--entry", "3"]).status == 1)
        #expect(try CLI.run(["ledger", "tiles", "verify", "--from", directory + "/none", "--key", key]).status == 2)
        #expect(try CLI.run(["ledger", "tiles", "verify", "--from", out, "--key", "not-a-key"]).status == 2)
        #expect(try CLI.run(["ledger", "tiles", "verify", "--from", out, "--key", key, "--entry", "300"]).status == 2)
        // Another log's key: the signature does not verify.
        let other = try Self.workspace(entries: 1)
        #expect(try CLI.run(["ledger", "tiles", "verify", "--from", out, "--key", other.key]).status == 1)
    }

    @Test func exportRefusesAnotherLogsFolderAndALogWithoutCheckpoint() throws {
        let first = try Self.workspace(entries: 10)
        let second = try Self.workspace(entries: 20)
        let out = first.directory + "/log"
        #expect(try CLI.run(["ledger", "tiles", "export", "--workspace", first.workspace, "--out", out]).status == 0)
        let refused = try CLI.run(["ledger", "tiles", "export", "--workspace", second.workspace, "--out", out])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("another log"))
        let empty = try CLI.temporaryDirectory() + "/ws"
        #expect(try CLI.run(["init", empty]).status == 0)
        #expect(try CLI.run(["ledger", "tiles", "export", "--workspace", empty, "--out", out + "2"]).status == 2)
        let signed = try CLI.run(["ledger", "tiles", "export", "--workspace", empty, "--out", out + "2", "--new"])
        #expect(signed.status == 0, "\(signed.stderr)")
        #expect(try CLI.run(["ledger", "tiles", "verify", "--from", out + "2", "--key", empty + "/keys/ledger.pub"]).status == 0)
    }
}
