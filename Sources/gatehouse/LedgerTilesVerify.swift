import ArgumentParser
import Foundation
import GatehouseCore

extension LedgerCommand.Tiles {
    struct VerifyTiles: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Check a published tlog-tiles log with nothing but its public key.",
            discussion: """
                Fetches the log's checkpoint from --from (an http(s) URL prefix, e.g. \
                https://agency.example.gov/v1/log, or a folder written by 'tiles export'), \
                checks its signature with --key, and recomputes the tree's root from the \
                tiles. Nothing fetched is trusted: every proof is computed from the tiles and \
                checked against the signed root.

                With --entry N (repeatable) it also proves that entry N, counting from 0, is \
                in the log: it fetches the entry's bundle, hashes the entry, computes the \
                inclusion proof from the tiles and prints what the entry records (identifiers \
                and hashes only). With --old-checkpoint FILE it proves that the log extends \
                an earlier checkpoint you kept, signed by the same key: nothing in it was \
                edited, removed or reordered. With --all it checks every entry bundle and \
                every tile, as a monitor does (it fetches the whole log).

                Example:
                  gatehouse ledger tiles verify --from https://agency.example.gov/v1/log \\
                    --key ledger.pub --entry 1234 --old-checkpoint checkpoint-2025-06.txt

                Prints "valid" and what was established and exits 0; prints "invalid:" and \
                why and exits 1 when a signature, a proof or a served tile does not hold, or \
                the log does not serve a tile its checkpoint needs; exits 2 for malformed \
                input or a log that cannot be reached.
                """
        )

        @Option(help: ArgumentHelp("The log: an http(s) URL prefix, or a folder.", valueName: "url-or-dir"))
        var from: String

        @Option(
            help: ArgumentHelp(
                "The log's verifier key (NAME+KEYID+KEY), or the path of a file that holds it.", valueName: "verifier-key"))
        var key: String

        @Option(
            name: .customLong("entry"),
            help: ArgumentHelp("Prove that entry N is in the log (repeatable).", valueName: "n"))
        var entries: [Int] = []

        @Option(help: ArgumentHelp("Prove that the log extends this earlier checkpoint.", valueName: "file"))
        var oldCheckpoint: String?

        @Flag(help: "Check every entry bundle and tile of the log.")
        var all = false

        func run() async throws {
            let verdict: LedgerAudit.Verdict
            do {
                verdict = .valid(try await check())
            } catch let failure as TileCheckFailure {
                verdict = failure.verdict
            }
            try LedgerCommand.finish(with: verdict)
        }

        private func check() async throws(TileCheckFailure) -> [String] {
            let verifier = try TileCheckFailure.malformed { () throws(LedgerError) in
                let text = FileManager.default.fileExists(atPath: key) ? try readKeyFile(key) : key
                return try NoteVerifier(parsing: text.trimmingCharacters(in: .whitespacesAndNewlines))
            }
            let source = try TileCheckFailure.malformed { () throws(LedgerError) in try TileLogSource(from) }
            let fetcher = TileFetcher(source: source)
            let note = try await fetcher.checkpoint()
            let checkpoint: Checkpoint
            do throws(LedgerError) {
                checkpoint = try Checkpoint.verified(note: note, by: verifier)
            } catch {
                throw .invalid("the checkpoint at \(source.describe("checkpoint")): \(error.context)")
            }
            let log = TileVerifier(checkpoint: checkpoint)
            var lines = [
                "origin \(checkpoint.origin)", "size \(checkpoint.size)", "root \(checkpoint.root.hex)",
                "signed by \(verifier.name)+\(String(format: "%08x", verifier.keyID))",
            ]
            let rootTiles = log.tilesForRoot()
            let fetchedRootTiles = try await fetcher.tiles(rootTiles, log)
            try TileCheckFailure.invalid { () throws(LedgerError) in try log.verifyRoot(tiles: fetchedRootTiles) }
            lines.append("the root recomputed from \(rootTiles.count) tile(s) is the checkpoint's")
            for index in entries {
                lines += try await proveEntry(index, log, fetcher)
            }
            if let oldCheckpoint {
                lines.append(try await proveConsistency(oldCheckpoint, checkpoint, verifier, log, fetcher))
            }
            if all {
                let summary = try await TileLogAudit(log: log, checkpoint: checkpoint, fetcher: fetcher).run()
                lines.append(
                    "every entry and tile checked: \(summary.entries.formatted()) entries hash to their tiles, \(summary.tiles.formatted()) tiles agree with the tree and its root"
                )
            }
            return lines
        }

        private func proveEntry(_ index: Int, _ log: TileVerifier, _ fetcher: TileFetcher) async throws(TileCheckFailure)
            -> [String]
        {
            let bundleTile = try TileCheckFailure.malformed { () throws(LedgerError) in try log.entryTile(of: index) }
            let bundle = try await fetcher.entries(bundleTile)
            let entry = bundle[index % Tile.fullWidth]
            let leafHash = Merkle.leafHash(entry)
            let needed = try TileCheckFailure.malformed { () throws(LedgerError) in try log.tilesForInclusion(of: index) }
            let tiles = try await fetcher.tiles(needed, log)
            let proof = try TileCheckFailure.invalid { () throws(LedgerError) in
                try log.verifyInclusion(leafHash: leafHash, index: index, tiles: tiles)
            }
            let decoded: LedgerEntry
            do throws(LedgerError) {
                decoded = try LedgerEntry(decoding: entry)
            } catch {
                throw .invalid("entry \(index) is in the log but is not a Gatehouse entry: \(error.context)")
            }
            guard decoded.sequence == UInt64(index) else {
                throw .invalid("entry \(index) is in the log but records sequence number \(decoded.sequence)")
            }
            var lines = [
                "entry \(index) is in the log: leaf hash \(leafHash.hex), inclusion proof of \(proof.count) hashes from \(needed.count) tile(s)",
                "  kind \(LedgerEntryFields.kindName(decoded.event.kind)) (\(decoded.event.kind.rawValue))",
                "  time \(decoded.timestamp)",
            ]
            lines += LedgerEntryFields.fields(of: decoded.event).map { "  \($0) \($1)" }
            return lines
        }

        private func proveConsistency(
            _ file: String, _ checkpoint: Checkpoint, _ verifier: NoteVerifier, _ log: TileVerifier, _ fetcher: TileFetcher
        ) async throws(TileCheckFailure) -> String {
            let old = try TileCheckFailure.malformed { () throws(LedgerError) in
                try Checkpoint.verified(note: try readKeyFile(file), by: verifier)
            }
            guard old.origin == checkpoint.origin else {
                throw .invalid("\(file) is a checkpoint of \(old.origin), not of \(checkpoint.origin)")
            }
            guard old.size <= checkpoint.size else {
                throw .invalid(
                    "the log now serves \(checkpoint.size) entries, fewer than the \(old.size) of \(file): it was rolled back, or this copy is stale")
            }
            let needed = try TileCheckFailure.malformed { () throws(LedgerError) in
                try log.tilesForConsistency(from: old.size)
            }
            let tiles = try await fetcher.tiles(needed, log)
            let proof = try TileCheckFailure.invalid { () throws(LedgerError) in
                try log.verifyConsistency(from: old.size, oldRoot: old.root, tiles: tiles)
            }
            return
                "the log extends the checkpoint of \(old.size) entries in \(file) (root \(old.root.hex)): consistency proof of \(proof.count) hashes from \(needed.count) tile(s)"
        }
    }
}

/// Reads a small text file (a key or a checkpoint).
private func readKeyFile(_ path: String) throws(LedgerError) -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw LedgerError(.malformed, "cannot read \(path)")
    }
    guard let text = String(validating: data, as: UTF8.self) else {
        throw LedgerError(.malformed, "\(path) is not UTF-8 text")
    }
    return text
}
