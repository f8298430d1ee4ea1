import ArgumentParser
import Foundation
import GatehouseCore
import GatehouseStore

extension LedgerCommand {
    /// `gatehouse ledger tiles export | verify`: the log as C2SP tlog-tiles.
    struct Tiles: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "tiles",
            abstract: "Publish the log as static C2SP tlog-tiles, or check a published one.",
            discussion: """
                C2SP tlog-tiles is the way transparency logs publish themselves as plain \
                files: a signed checkpoint, the Merkle tree cut into 'tiles' of 256 hashes, \
                and the entries in 'bundles' of 256. From them, and the log's public key \
                alone, anyone can prove that an entry is in the log and that a later \
                checkpoint extends an earlier one. No query reaches the operator: the files \
                can be served by any web server or handed over on a disk.

                  export   write the checkpoint, tiles and entry bundles to a folder
                  verify   check a published log (a folder or a URL) with its public key

                See docs/ledger.md §8 for the layout and an auditor's walk-through.
                """,
            subcommands: [Export.self, VerifyTiles.self]
        )
    }
}

extension LedgerCommand.Tiles {
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write the log's latest checkpoint, tiles and entry bundles to a folder.",
            discussion: """
                Writes DIR/checkpoint (byte for byte what 'gatehouse ledger checkpoint' \
                prints), DIR/tile/<L>/<N>[.p/<W>] (the Merkle tree) and \
                DIR/tile/entries/<N>[.p/<W>] (the entries) for the tree of the latest \
                checkpoint, as C2SP tlog-tiles lays them out. Serve DIR under any URL \
                prefix, with the tile files marked immutable and the checkpoint not cached.

                Exporting again into the same folder after the log grew adds the new tiles \
                and replaces the checkpoint last, so readers never see a checkpoint whose \
                tiles are missing. A folder holding another log, a later checkpoint, or a \
                tile that differs from this log's is refused.

                Example:
                  gatehouse ledger tiles export --out /srv/www/log --new
                  gatehouse ledger tiles verify --from /srv/www/log --key keys/ledger.pub

                Exit status: 0 written; 2 no workspace or no checkpoint yet (use --new); 1 \
                the folder holds another log's files.
                """
        )

        @OptionGroup var workspace: WorkspaceOptions

        @Option(help: ArgumentHelp("The folder to write the log into (created if absent).", valueName: "dir"))
        var out: String

        @Flag(name: .customLong("new"), help: "Sign and store a checkpoint for the current number of entries first.")
        var makeNew = false

        func run() async throws {
            let workspace = try self.workspace.open()
            try ledgerCommand {
                if makeNew {
                    let signer = try LedgerKeys.load(from: workspace.keysDirectory)
                    let origin = try workspace.meta(MetaKey.origin)
                    try workspace.database.write { db in
                        _ = try LedgerStore.checkpoint(in: db, signer: signer, origin: origin)
                    }
                }
                let start = ContinuousClock.now
                var progress: Progress?
                let summary = try LedgerTileExport.export(from: workspace.database, to: out) { done, total in
                    if progress == nil { progress = Progress("export: tiles and bundles", total: total) }
                    progress?.update(done)
                }
                progress?.finish()
                print(
                    "exported the tree of \(summary.size.formatted()) entries to \(out): \(summary.tiles.formatted()) tiles and \(summary.bundles.formatted()) entry bundles (\(summary.bytes.formatted()) bytes; \(summary.written.formatted()) files written, \(summary.unchanged.formatted()) already there) and the checkpoint"
                )
                printError("exported in \(seconds(since: start))")
            }
        }
    }
}
