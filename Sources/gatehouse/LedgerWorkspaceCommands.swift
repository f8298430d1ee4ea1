import ArgumentParser
import Foundation
import GatehouseCore
import GatehouseStore

// `gatehouse ledger key | checkpoint | prove | verify | show`: the commands that read a
// workspace's ledger. Exit status for all of them: 0 success (for `verify`, the log is
// intact), 1 the log or a checkpoint does not hold up, 2 bad input, no workspace or no key.

extension LedgerCommand {
    struct Key: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "key",
            abstract: "Print the log's public (verifier) key, to give to auditors.",
            discussion: """
                Every checkpoint of this workspace's log is signed with a secret key made by \
                'gatehouse init' (keys/ledger.key, readable by its owner only). This prints the \
                matching public key, NAME+KEYID+KEY. Publish it — in the data-sharing agreement, \
                for instance — so that an auditor can check checkpoints with \
                'gatehouse ledger verify-checkpoint FILE --key KEY' without access to this system.

                --create makes the key pair for a workspace created before the ledger had keys; \
                it never replaces an existing key.

                Exit status: 0 printed; 2 no workspace, or no key (without --create).
                """
        )

        @OptionGroup var workspace: WorkspaceOptions

        @Flag(help: "Make the key pair first if the workspace has none.")
        var create = false

        func run() async throws {
            let workspace = try self.workspace.open()
            try ledgerCommand {
                let directory = workspace.keysDirectory
                let exists = FileManager.default.fileExists(atPath: directory + "/" + LedgerKeys.signerFileName)
                if create, !exists {
                    let origin = try workspace.meta(MetaKey.origin) ?? "gatehouse.local/\(UUID().uuidString.lowercased())"
                    try LedgerKeys.create(in: directory, name: origin)
                }
                print(try LedgerKeys.loadVerifier(from: directory).keyString)
            }
        }
    }

    struct ShowCheckpoint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "checkpoint",
            abstract: "Print the latest signed checkpoint (--new: sign one for the log as it is now).",
            discussion: """
                A checkpoint states how many entries the log holds and the Merkle root hash \
                over them, signed with the workspace's key. Gatehouse writes one at the end of \
                every batch. Hand it to an auditor with the public key ('gatehouse ledger key'); \
                they check it with 'gatehouse ledger verify-checkpoint'. Keep the checkpoints \
                you are given: a later one must extend each earlier one (see 'prove --from').

                The output is the checkpoint file itself (save it with > checkpoint.txt).

                Exit status: 0 printed; 2 no workspace, no key, or no checkpoint yet (run with \
                --new); 1 the stored tree does not match a stored checkpoint of the same size \
                (run 'gatehouse ledger verify').
                """
        )

        @OptionGroup var workspace: WorkspaceOptions

        @Flag(name: .customLong("new"), help: "Sign and store a checkpoint for the current number of entries first.")
        var makeNew = false

        func run() async throws {
            let workspace = try self.workspace.open()
            try ledgerCommand {
                let note: String
                if makeNew {
                    let signer = try LedgerKeys.load(from: workspace.keysDirectory)
                    let origin = try workspace.meta(MetaKey.origin)
                    note = try workspace.database.write { db in
                        try LedgerStore.checkpoint(in: db, signer: signer, origin: origin)
                    }
                } else {
                    guard let latest = try workspace.database.read({ db in try LedgerStore.latestCheckpoint(in: db) }) else {
                        throw LedgerStoreError(
                            .noCheckpoint, "the log has no checkpoint yet; write one with 'gatehouse ledger checkpoint --new'")
                    }
                    note = latest.note
                }
                print(note, terminator: "")
            }
        }
    }

    struct Prove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "prove",
            abstract: "Print an inclusion proof for an entry, or a consistency proof between two sizes.",
            discussion: """
                Inclusion: 'prove SEQ' shows that entry SEQ (entries count from 0) is in the \
                log at a checkpoint. The proof is for the tree of the latest checkpoint, or of \
                --size N, or of the checkpoint in --checkpoint FILE (which must be signed by this \
                workspace's key and match its log). It prints the entry's bytes in hexadecimal, \
                its leaf hash, index, the tree size and root, and the proof, then the \
                'gatehouse ledger verify-inclusion' command that checks it.

                Consistency: 'prove --from SIZE1 --to SIZE2' shows that the log of SIZE2 \
                entries begins with exactly the SIZE1 entries of an earlier checkpoint. It \
                prints both roots and the proof, then the 'gatehouse ledger verify-consistency' \
                command that checks it.

                Give the auditor the printed command and the checkpoint(s); they need nothing \
                else. Proofs hold hashes only.

                Exit status: 0 printed; 2 no workspace, an entry or size beyond the log, no \
                checkpoint, or a malformed checkpoint file; 1 the checkpoint file is not \
                signed by this workspace's key, or its root is not this log's.
                """
        )

        @OptionGroup var workspace: WorkspaceOptions

        @Argument(help: ArgumentHelp("The entry's sequence number, counting from 0.", valueName: "seq"))
        var sequence: UInt64?

        @Option(help: ArgumentHelp("Prove inclusion in the tree of the first N entries.", valueName: "n"))
        var size: Int?

        @Option(help: ArgumentHelp("Prove inclusion at the size of this checkpoint file.", valueName: "file"))
        var checkpoint: String?

        @Option(help: ArgumentHelp("Consistency proof: the earlier size.", valueName: "size1"))
        var from: Int?

        @Option(help: ArgumentHelp("Consistency proof: the later size.", valueName: "size2"))
        var to: Int?

        func validate() throws {
            if sequence != nil {
                guard from == nil, to == nil else {
                    throw ValidationError("give either an entry SEQ or --from and --to, not both")
                }
                guard size == nil || checkpoint == nil else {
                    throw ValidationError("give --size or --checkpoint, not both")
                }
            } else {
                guard from != nil, to != nil else {
                    throw ValidationError("give an entry SEQ, or --from SIZE1 and --to SIZE2")
                }
                guard size == nil, checkpoint == nil else {
                    throw ValidationError("--size and --checkpoint apply to an entry SEQ, not to --from/--to")
                }
            }
        }

        func run() async throws {
            let workspace = try self.workspace.open()
            try ledgerCommand {
                if let sequence {
                    try proveInclusion(sequence, workspace)
                } else if let from, let to {
                    let proof = try workspace.database.read { db in try LedgerStore.consistencyProof(from: from, to: to, in: db) }
                    let hashes = proofText(proof.proof)
                    print("size1 \(proof.size1)")
                    print("size2 \(proof.size2)")
                    print("root1 \(proof.root1.hex)")
                    print("root2 \(proof.root2.hex)")
                    print("proof \(hashes)")
                    print("")
                    print(
                        "gatehouse ledger verify-consistency --size1 \(proof.size1) --size2 \(proof.size2) --root1 \(proof.root1.hex) --root2 \(proof.root2.hex) --proof \(hashes)"
                    )
                }
            }
        }

        private func proveInclusion(_ sequence: UInt64, _ workspace: Workspace) throws {
            var treeSize = size
            var signedRoot: Hash32?
            if let checkpoint {
                let verifier = try LedgerKeys.loadVerifier(from: workspace.keysDirectory)
                let note = try String(contentsOfFile: checkpoint, encoding: .utf8)
                let parsed = try Checkpoint.verified(note: note, by: verifier)
                treeSize = parsed.size
                signedRoot = parsed.root
            }
            let proof = try workspace.database.read { db -> LedgerInclusionProof in
                let size: Int
                if let treeSize {
                    size = treeSize
                } else {
                    guard let latest = try LedgerStore.latestCheckpoint(in: db) else {
                        throw LedgerStoreError(
                            .noCheckpoint,
                            "the log has no checkpoint yet; write one with 'gatehouse ledger checkpoint --new', or give --size")
                    }
                    size = latest.size
                    guard sequence < UInt64(size) else {
                        throw LedgerStoreError(
                            .outOfRange,
                            "entry \(sequence) is newer than the latest checkpoint (\(size) entries); write one with 'gatehouse ledger checkpoint --new', or give --size"
                        )
                    }
                }
                return try LedgerStore.inclusionProof(sequence: sequence, size: size, in: db)
            }
            if let signedRoot, signedRoot != proof.root {
                throw LedgerStoreError(
                    .checkpointMismatch,
                    "the checkpoint signs root \(signedRoot.hex) for \(proof.size) entries, but this log's root is \(proof.root.hex)")
            }
            let hashes = proofText(proof.proof)
            print("entry \(proof.index)")
            print("entry-hex \(Hex.encode(proof.entry))")
            print("leaf-hash \(proof.leafHash.hex)")
            print("index \(proof.index)")
            print("size \(proof.size)")
            print("root \(proof.root.hex)")
            print("proof \(hashes)")
            print("")
            print(
                "gatehouse ledger verify-inclusion --leaf-hash \(proof.leafHash.hex) --index \(proof.index) --size \(proof.size) --root \(proof.root.hex) --proof \(hashes)"
            )
        }

        /// Hashes joined by commas; `""` for the empty proof, so it pastes as `--proof ""`.
        private func proofText(_ proof: [Hash32]) -> String {
            proof.isEmpty ? "\"\"" : proof.map(\.hex).joined(separator: ",")
        }
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Recompute the whole log and check it against every stored checkpoint.",
            discussion: """
                Reads every entry in order and checks that its bytes decode and hash to its \
                stored leaf hash and that it is numbered where it stands; recomputes every \
                stored node of the Merkle tree; and checks that each stored checkpoint is \
                signed by the workspace's key and signs the root of the entries it covers. \
                An entry edited, removed, reordered or appended out of turn after a \
                checkpoint was signed cannot pass.

                Prints "intact" with the counts and the root, or "not intact" and the first \
                place the log differs: an entry (by sequence number), a node (level, index), \
                or a checkpoint (by size).

                Exit status: 0 intact; 1 not intact; 2 no workspace or no key.
                """
        )

        @OptionGroup var workspace: WorkspaceOptions

        func run() async throws {
            let workspace = try self.workspace.open()
            try ledgerCommand {
                let verifier = try LedgerKeys.loadVerifier(from: workspace.keysDirectory)
                let start = ContinuousClock.now
                let report = try workspace.database.read { db in try LedgerStore.verify(in: db, verifier: verifier) }
                print(report.description)
                if report.isIntact {
                    printError("verified in \(seconds(since: start))")
                } else {
                    print("checked before the difference: \(report.entries) entries, \(report.nodes) nodes, \(report.checkpoints) checkpoints")
                    throw ExitCode(1)
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Decode one entry of the log (identifiers and hashes only).",
            discussion: """
                Prints the entry's kind, time and fields as recorded — batch and request \
                identifiers, outcomes, reason codes, field names, officer identifiers and \
                hashes — with its leaf hash. Entries never hold names, addresses, TINs or birth \
                dates. Entries count from 0.

                Exit status: 0 printed; 2 no workspace or no such entry; 1 the stored entry \
                does not decode (run 'gatehouse ledger verify').
                """
        )

        @OptionGroup var workspace: WorkspaceOptions

        @Argument(help: ArgumentHelp("The entry's sequence number, counting from 0.", valueName: "seq"))
        var sequence: UInt64

        func run() async throws {
            let workspace = try self.workspace.open()
            try ledgerCommand {
                guard let stored = try workspace.database.read({ db in try LedgerStore.entry(sequence: sequence, in: db) })
                else {
                    throw LedgerStoreError(.noSuchEntry, "the log has no entry \(sequence)")
                }
                let entry: LedgerEntry
                do throws(LedgerError) {
                    entry = try stored.decoded()
                } catch {
                    throw LedgerStoreError(.corrupt, "entry \(sequence) does not decode: \(error.context)")
                }
                print("entry \(entry.sequence)")
                print("kind \(LedgerEntryFields.kindName(entry.event.kind)) (\(entry.event.kind.rawValue))")
                print("time \(entry.timestamp)")
                print("leaf-hash \(stored.leafHash.hex)")
                for (name, value) in LedgerEntryFields.fields(of: entry.event) {
                    print("\(name) \(value)")
                }
            }
        }
    }
}

/// Runs a ledger command's body, turning a ledger error into a message and an exit code:
/// 2 for input the log cannot answer (no entry, size, key or checkpoint), 1 for a stored
/// log or checkpoint that does not hold up.
func ledgerCommand(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as LedgerStoreError {
        printError("error: \(error)")
        switch error.code {
        case .outOfRange, .noSuchEntry, .noCheckpoint, .keyMissing, .keyInvalid, .keyExists:
            throw ExitCode(2)
        case .checkpointMismatch, .corrupt:
            throw ExitCode(1)
        }
    } catch let error as LedgerError {
        printError("error: \(error)")
        throw ExitCode(error.isMalformed ? 2 : 1)
    } catch let error as CocoaError {
        printError("error: \(error.localizedDescription)")
        throw ExitCode(2)
    }
}
