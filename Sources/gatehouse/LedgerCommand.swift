import ArgumentParser
import Foundation
import GatehouseCore

/// `gatehouse ledger …`: the tamper-evident log of every decision and release.
///
/// Subcommands come in two groups: `auditorCommands` need nothing but what an auditor is
/// handed (hashes, a checkpoint file, a public key); `workspaceCommands` read a Gatehouse
/// workspace (checkpoint, prove, verify, key) and are added next to them.
struct LedgerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger",
        abstract: "Check the tamper-evident log of every decision and release.",
        discussion: """
            Gatehouse records every event — batch received, decision, release, approval, \
            agreement or court-order change, review, notice, and every inspection of \
            protected data — as an entry of an append-only Merkle tree (RFC 6962). The log's \
            operator publishes signed checkpoints: the number of entries and the tree's root \
            hash, signed with an Ed25519 key. Anyone holding the public key can then check, \
            offline and with nothing but hashes, that an entry is in the log (an inclusion \
            proof) and that a later log still contains an earlier one unchanged (a \
            consistency proof).

            Commands for an auditor (no workspace needed):
              verify-checkpoint   check a checkpoint's signature, print its size and root
              verify-inclusion    check that an entry is in the log at a checkpoint
              verify-consistency  check that a later checkpoint extends an earlier one

            Exit status for the verify commands: 0 valid, 1 invalid (the proof or signature \
            does not hold; the reason is printed), 2 malformed input.

            Commands for the log's operator (read the workspace chosen with --workspace):
              key                 print the public key to give auditors
              checkpoint [--new]  print the latest signed checkpoint (--new: sign one now)
              prove SEQ           an inclusion proof for entry SEQ, ready for verify-inclusion
              prove --from A --to B
                                  a consistency proof, ready for verify-consistency
              verify              recompute the whole log; exit 0 intact, 1 not, 2 no workspace
              show SEQ            decode one entry (identifiers and hashes only)

            The log as C2SP tlog-tiles (static files any web server can publish):
              tiles export --out DIR      write the checkpoint, tiles and entry bundles
              tiles verify --from URL-or-DIR --key KEY [--entry N] [--old-checkpoint FILE]
                                  prove inclusion and consistency from the tiles alone

            See docs/ledger.md for the entry encoding and a step-by-step audit.
            """,
        subcommands: auditorCommands + workspaceCommands
    )

    /// Offline commands that need no workspace.
    static let auditorCommands: [any ParsableCommand.Type] = [
        VerifyCheckpoint.self, VerifyInclusion.self, VerifyConsistency.self, Keygen.self,
    ]

    /// Commands that read a workspace's ledger (checkpoint, prove, verify, key).
    static let workspaceCommands: [any ParsableCommand.Type] = [
        Key.self, ShowCheckpoint.self, Prove.self, Verify.self, Show.self, Benchmark.self, Tiles.self,
    ]

    /// Prints a verdict (valid or invalid to standard output, malformed input to standard
    /// error) and ends with its exit code.
    static func finish(with verdict: LedgerAudit.Verdict) throws -> Never {
        switch verdict {
        case .malformed:
            FileHandle.standardError.write(Data((verdict.message + "\n").utf8))
        case .valid, .invalid:
            print(verdict.message)
        }
        throw ExitCode(verdict.exitCode)
    }
}

extension LedgerCommand {
    struct VerifyInclusion: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify-inclusion",
            abstract: "Check that an entry is in the log, given a checkpoint's size and root.",
            discussion: """
                An inclusion proof shows that one entry is at a given position in the log \
                whose root a signed checkpoint vouches for. Take --size and --root from a \
                checkpoint you have verified with verify-checkpoint (it prints the root in \
                hexadecimal), and --leaf-hash, --index and --proof from the proof the log's \
                operator gave you (gatehouse ledger prove).

                The leaf hash is SHA-256 of a zero byte followed by the entry's bytes; an \
                entry's index is its sequence number, counting from 0.

                Example:
                  gatehouse ledger verify-inclusion --leaf-hash 4271a26b…b658 --index 5 \\
                    --size 8 --root 5dc9da79…4328 --proof bc1a0643…9e6b,ca854ea1…0ae0,d37ee418…14b7

                Prints "valid" and exits 0 when the proof holds; prints why and exits 1 when \
                it does not; exits 2 for malformed input (not 64 hexadecimal digits, an index \
                not below the size, …).
                """
        )

        @Option(help: ArgumentHelp("The entry's leaf hash, 64 hexadecimal digits.", valueName: "hex"))
        var leafHash: String

        @Option(help: ArgumentHelp("The entry's position in the log, counting from 0.", valueName: "n"))
        var index: String

        @Option(help: ArgumentHelp("The number of entries in the checkpoint.", valueName: "n"))
        var size: String

        @Option(help: ArgumentHelp("The checkpoint's root hash, 64 hexadecimal digits.", valueName: "hex"))
        var root: String

        @Option(
            help: ArgumentHelp(
                "The proof: hashes in hexadecimal separated by commas, as printed by 'prove'. Write --proof \"\" for an empty proof (a log of one entry).",
                valueName: "hex,hex,…"))
        var proof: String

        func run() async throws {
            try LedgerCommand.finish(
                with: LedgerAudit.inclusion(leafHash: leafHash, index: index, size: size, root: root, proof: proof))
        }
    }

    struct VerifyConsistency: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify-consistency",
            abstract: "Check that a later checkpoint's log extends an earlier one unchanged.",
            discussion: """
                A consistency proof shows that the log at a later checkpoint (--size2, \
                --root2) begins with exactly the entries of the log at an earlier one \
                (--size1, --root1): nothing was edited, removed or reordered in between, only \
                appended. Take sizes and roots from two checkpoints you have verified with \
                verify-checkpoint, and the proof from 'gatehouse ledger prove --from SIZE1 --to SIZE2'.

                Example:
                  gatehouse ledger verify-consistency --size1 6 --size2 8 \\
                    --root1 76e67dad…87ef --root2 5dc9da79…4328 --proof 0ebc5d34…6de2,ca854ea1…0ae0,d37ee418…14b7

                Equal sizes need equal roots and --proof "". Prints "valid" and exits 0 when \
                the proof holds; prints why and exits 1 when it does not; exits 2 for \
                malformed input (bad hexadecimal, --size1 above --size2, …).
                """
        )

        @Option(help: ArgumentHelp("The earlier checkpoint's number of entries.", valueName: "n"))
        var size1: String

        @Option(help: ArgumentHelp("The later checkpoint's number of entries.", valueName: "n"))
        var size2: String

        @Option(help: ArgumentHelp("The earlier checkpoint's root hash, 64 hexadecimal digits.", valueName: "hex"))
        var root1: String

        @Option(help: ArgumentHelp("The later checkpoint's root hash, 64 hexadecimal digits.", valueName: "hex"))
        var root2: String

        @Option(
            help: ArgumentHelp(
                "The proof: hashes in hexadecimal separated by commas. Write --proof \"\" for an empty proof.",
                valueName: "hex,hex,…"))
        var proof: String

        func run() async throws {
            try LedgerCommand.finish(
                with: LedgerAudit.consistency(size1: size1, size2: size2, root1: root1, root2: root2, proof: proof))
        }
    }

    struct VerifyCheckpoint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify-checkpoint",
            abstract: "Check a signed checkpoint against the log's public key.",
            discussion: """
                A checkpoint is a short text file: the log's name, its number of entries, its \
                root hash in base64, a blank line, then one or more signature lines starting \
                with an em dash (C2SP tlog-checkpoint in a C2SP signed note). The public \
                (verifier) key looks like NAME+KEYID+KEY and is published by the log's \
                operator ('gatehouse ledger key').

                Signatures by other keys (witnesses, for instance) are ignored; at least one \
                signature must be by the given key, and it must verify.

                Example:
                  gatehouse ledger verify-checkpoint checkpoint.txt \\
                    --key 'tax.example.gov/gatehouse+1a2b3c4d+AR…'

                Prints "valid", then the log's name, size and root hash in hexadecimal (the \
                form verify-inclusion and verify-consistency take), and exits 0. Exits 1 when \
                the signature does not verify or no signature is by the key; exits 2 when the \
                file or the key is malformed or unreadable.
                """
        )

        @Argument(help: ArgumentHelp("The checkpoint file, or - for standard input.", valueName: "file"))
        var file: String

        @Option(
            help: ArgumentHelp(
                "The log's verifier key (NAME+KEYID+KEY), or the path of a file that holds it.",
                valueName: "verifier-key"))
        var key: String

        func run() async throws {
            let note: String
            let keyText: String
            do throws(LedgerError) {
                note = try readText(file)
                keyText = FileManager.default.fileExists(atPath: key) ? try readText(key) : key
            } catch {
                try LedgerCommand.finish(with: .malformed(error.context))
            }
            try LedgerCommand.finish(with: LedgerAudit.checkpoint(note: note, key: keyText))
        }
    }

    struct Keygen: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "keygen",
            abstract: "Make a new Ed25519 key pair for signing checkpoints (offline).",
            discussion: """
                Writes NAME's signer key (secret) to DIR/ledger.key, readable by its owner \
                only, and the verifier key (public) to DIR/ledger.vkey, and prints the \
                verifier key. Refuses to overwrite either file. Use the log's origin as the \
                name, e.g. tax.example.gov/gatehouse. A workspace makes its own key pair at \
                init; this command is for tests and for keys kept outside a workspace.
                """
        )

        @Option(
            help: ArgumentHelp("The key's name: no spaces or '+'; conventionally the log's origin.", valueName: "name"))
        var name: String

        @Option(help: ArgumentHelp("The directory to write ledger.key and ledger.vkey into.", valueName: "dir"))
        var out: String

        func run() async throws {
            let signer: NoteSigner
            do throws(LedgerError) {
                signer = try NoteSigner.generate(name: name)
            } catch {
                try LedgerCommand.finish(with: .malformed("--name: \(error.context)"))
            }
            let directory = URL(fileURLWithPath: out, isDirectory: true)
            let secretPath = directory.appendingPathComponent("ledger.key").path
            let publicPath = directory.appendingPathComponent("ledger.vkey").path
            let files = FileManager.default
            for path in [secretPath, publicPath] where files.fileExists(atPath: path) {
                try LedgerCommand.finish(with: .malformed("\(path) already exists; not overwriting it"))
            }
            try files.createDirectory(at: directory, withIntermediateDirectories: true)
            guard
                files.createFile(
                    atPath: secretPath, contents: Data((signer.keyString + "\n").utf8),
                    attributes: [.posixPermissions: 0o600]),
                files.createFile(atPath: publicPath, contents: Data((signer.verifier.keyString + "\n").utf8))
            else {
                try LedgerCommand.finish(with: .malformed("could not write the key files in \(out)"))
            }
            print(signer.verifier.keyString)
        }
    }
}

/// Reads a UTF-8 text file, or standard input for "-".
private func readText(_ path: String) throws(LedgerError) -> String {
    let data: Data
    if path == "-" {
        data = FileHandle.standardInput.readDataToEndOfFile()
    } else {
        guard let contents = FileManager.default.contents(atPath: path) else {
            throw LedgerError(.malformed, "cannot read \(path)")
        }
        data = contents
    }
    guard let text = String(validating: data, as: UTF8.self) else {
        throw LedgerError(.malformed, "\(path) is not UTF-8 text")
    }
    return text
}
