import ArgumentParser
import Foundation
import GatehouseCSV
import GatehouseCore
import GatehouseStore

struct BatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Submit, decide, approve and release batches of verification requests.",
        discussion: """
            A batch goes: submit (the manifest is checked against the agreement, quotas applied, every \
            row stored) → decided (gate, match, policy; durable, resumable) → approved (by two \
            different officers when the agreement says so) → released (the policy is evaluated \
            again under the court orders in force; only permitted fields leave) → results (the \
            requester's response file).

            A killed run loses nothing: run 'gatehouse batch resume' (or any batch command) and it \
            continues where it stopped, with no decision lost or made twice.
            """,
        subcommands: [
            BatchSubmit.self, BatchResume.self, BatchApprove.self, BatchRelease.self, BatchResults.self,
            BatchShow.self, BatchList.self,
        ]
    )
}

/// Runs a batch command body, mapping pipeline errors to messages and exit codes.
func runBatchCommand<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as BatchError {
        printError("error: \(error)")
        switch error.code {
        case .manifestRejected, .quotaExceeded, .notAllowed, .notReleased, .tampered: throw ExitCode(1)
        default: throw ExitCode(2)
        }
    } catch let error as CSVError {
        printError("error: \(error)")
        throw ExitCode(2)
    } catch let error as DocumentFileError {
        printError("error: \(error)")
        throw ExitCode(2)
    }
}

/// Decides every unfinished batch (or one), loading the match index once.
func decideUnfinished(_ pipeline: BatchPipeline, only batchID: String? = nil) async throws {
    var pipeline = pipeline
    // Rows per transaction; smaller makes a killed run lose less work (and lets tests kill mid-batch).
    if let size = ProcessInfo.processInfo.environment["GATEHOUSE_CHUNK_SIZE"].flatMap(Int.init), size > 0 {
        pipeline.chunkSize = size
    }
    if let pause = ProcessInfo.processInfo.environment["GATEHOUSE_TEST_CHUNK_PAUSE_MS"].flatMap(Int.init), pause > 0 {
        pipeline.chunkPause = .milliseconds(pause)
    }
    let pending = try pipeline.unfinishedBatches().filter { batchID == nil || $0.id == batchID }
    guard !pending.isEmpty else { return }
    let start = ContinuousClock.now
    // The keys every pending batch's profile reads (an unknown profile name: every key).
    let modes = pending.map { SufficiencyProfile.named($0.profile)?.matchMode ?? .linkage }
    let index = try await pipeline.workspace.loadIndex(keys: .needed(by: modes))
    let matcher = Matcher(index: index)
    printError("index: \(index.count.formatted()) people ready in \(seconds(since: start))")
    for batch in pending {
        if SufficiencyProfile.named(batch.profile)?.isLegacy == true { printError(SufficiencyProfile.legacyWarning) }
        let progress = Progress("deciding \(batch.id)", total: batch.rowCount)
        let counter = Counter()
        let decided = try await pipeline.decidePending(batchID: batch.id, index: index, matcher: matcher) { step in
            progress.update(counter.add(step))
        }
        progress.finish()
        printError("batch \(batch.id): \(decided.formatted()) rows decided")
    }
}

struct BatchSubmit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Submit a batch file under an agreement with its manifest, and decide it.",
        discussion: """
            The manifest (YAML) names the requester, the signer and their role, the statute relied \
            on, the tax periods, the reason and the proceeding, and attests that the data is solely \
            for that proceeding. A manifest that fails the agreement rejects the whole batch, with \
            every reason. The same file under the same agreement returns the existing batch.
            Exit status: 0 decided, 1 rejected (manifest or quota), 2 unreadable input.
            """
    )

    @OptionGroup var options: WorkspaceOptions

    @Option(name: .long, help: "The agreement the batch is made under (its id).")
    var agreement: String

    @Option(name: .long, help: ArgumentHelp("The batch manifest.", valueName: "M.yaml"))
    var manifest: String

    @Option(name: .long, help: ArgumentHelp("Rename columns of the batch file: NAME=COLUMN[,…].", valueName: "mapping"))
    var map: [String] = []

    @Flag(
        name: .long,
        help: "Allow an agreement that names the flawed 'legacy-zip-only' profile (replay and demonstration only).")
    var allowLegacyProfile = false

    @Argument(help: ArgumentHelp("The batch (Requests CSV).", valueName: "Q.csv"))
    var file: String

    func run() async throws {
        try await runBatchCommand {
            let workspace = try options.open()
            var pipeline = BatchPipeline(workspace: workspace)
            pipeline.allowLegacyProfile = allowLegacyProfile
            if allowLegacyProfile, try workspace.latestAgreement(id: agreement)?.profile?.isLegacy == true {
                printError(SufficiencyProfile.legacyWarning)
            }
            let manifestText = try String(contentsOfFile: manifest, encoding: .utf8)
            let parsed = try DocumentFiles.manifest(yaml: manifestText, name: manifest)
            let submission = try pipeline.submit(
                file: file, agreementID: agreement, manifest: parsed, manifestText: manifestText,
                mapping: try ColumnMapping(parsing: map))
            print(
                submission.existing
                    ? "batch \(submission.batch.id) (already submitted)"
                    : "batch \(submission.batch.id) submitted: \(submission.batch.rowCount.formatted()) rows")
            try await decideUnfinished(pipeline, only: submission.batch.id)
            printFunnel(
                try pipeline.funnel(batchID: submission.batch.id), batch: try pipeline.batch(id: submission.batch.id)!)
        }
    }
}

struct BatchResume: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Continue every batch a killed run left undecided (or one batch).")

    @OptionGroup var options: WorkspaceOptions

    @Argument(help: "The batch id (default: every unfinished batch).")
    var batchID: String?

    func run() async throws {
        try await runBatchCommand {
            let pipeline = BatchPipeline(workspace: try options.open())
            let before = try pipeline.unfinishedBatches()
            try await decideUnfinished(pipeline, only: batchID)
            if before.isEmpty { print("nothing to resume") }
            for batch in before where batchID == nil || batch.id == batchID {
                print("batch \(batch.id): \(try pipeline.batch(id: batch.id)!.state.rawValue)")
            }
        }
    }
}

struct BatchApprove: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve",
        abstract: "Approve a decided batch for release (two different officers when the agreement requires it).")

    @OptionGroup var options: WorkspaceOptions

    @Option(name: .long, help: "The approving officer's name or id.")
    var officer: String

    @Argument(help: "The batch id.")
    var batchID: String

    func run() async throws {
        try await runBatchCommand {
            let pipeline = BatchPipeline(workspace: try options.open())
            try await decideUnfinished(pipeline, only: batchID)
            let batch = try pipeline.approve(batchID: batchID, officer: officer)
            print("batch \(batch.id): \(batch.state.rawValue) (approved by \(batch.approvals.joined(separator: ", ")))")
        }
    }
}

struct BatchRelease: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "release",
        abstract: "Release an approved batch: the policy is evaluated again under the orders in force now.")

    @OptionGroup var options: WorkspaceOptions

    @Argument(help: "The batch id.")
    var batchID: String

    func run() async throws {
        try await runBatchCommand {
            let pipeline = BatchPipeline(workspace: try options.open())
            let summary = try pipeline.release(batchID: batchID)
            print(
                "batch \(batchID): released \(summary.released.formatted()) responses with data (\(summary.releasedWithAddress.formatted()) with an address); \(summary.withheld.formatted()) verified rows had fields withheld"
            )
            printError(
                "release: \(summary.rows.formatted()) rows in \(summary.total.formatted(.units(allowed: [.seconds], fractionalPart: .show(length: 2)))); reading the decisions with their ledger entries and checking them against the signed checkpoint took \(summary.checking.formatted(.units(allowed: [.seconds], fractionalPart: .show(length: 2))))"
            )
        }
    }
}

struct BatchResults: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "results",
        abstract: "Write the requester's response file for a released batch.",
        discussion:
            "Columns: request_id, result_code, result_label, then only the fields the agreement permits, filled only where released. Never the internal record id."
    )

    @OptionGroup var options: WorkspaceOptions

    @Argument(help: "The batch id.")
    var batchID: String

    @Option(name: .long, help: ArgumentHelp("Where to write the responses.", valueName: "responses.csv"))
    var out: String

    func run() async throws {
        try await runBatchCommand {
            let pipeline = BatchPipeline(workspace: try options.open())
            let count = try pipeline.writeResponses(batchID: batchID, to: out)
            print("\(count.formatted()) responses written to \(out)")
        }
    }
}

struct BatchShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Print a batch's state and funnel.")

    @OptionGroup var options: WorkspaceOptions

    @Argument(help: "The batch id.")
    var batchID: String

    func run() async throws {
        try await runBatchCommand {
            let pipeline = BatchPipeline(workspace: try options.open())
            guard let batch = try pipeline.batch(id: batchID) else {
                throw BatchError(.unknownBatch, "no batch \(batchID)")
            }
            printFunnel(try pipeline.funnel(batchID: batchID), batch: batch)
            if let retention = try Retention(workspace: pipeline.workspace).status(batchID: batchID) {
                print(retentionLine(retention))
            }
        }
    }
}

struct BatchList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the batches.")

    @OptionGroup var options: WorkspaceOptions

    func run() async throws {
        try await runBatchCommand {
            let pipeline = BatchPipeline(workspace: try options.open())
            for batch in try pipeline.batches() {
                print(
                    "\(batch.id)  \(batch.submittedAt)  \(batch.agreementID) v\(batch.agreementVersion)  \(batch.state.rawValue)  \(batch.rowCount.formatted()) rows  \(batch.fileName)"
                )
            }
        }
    }
}

/// Prints a batch's funnel.
func printFunnel(_ f: BatchFunnel, batch: BatchInfo) {
    func line(_ label: String, _ value: Int, indent: Int = 2) {
        let text = String(repeating: " ", count: indent) + label
        print(text.padding(toLength: 44, withPad: " ", startingAt: 0) + value.formatted())
    }
    print("batch \(batch.id) — \(batch.state.rawValue) — agreement \(batch.agreementID) v\(batch.agreementVersion)")
    if !batch.problems.isEmpty {
        print("  rejected:")
        for reason in batch.problems { print("    \(reason.rawValue): \(reason.explanation)") }
        return
    }
    line("submitted", f.submitted)
    line("rejected rows", f.rejectedRows)
    line("insufficient", f.insufficient)
    for (reason, count) in f.insufficientByReason.sorted(by: { $0.value > $1.value }) {
        line(reason.rawValue, count, indent: 4)
    }
    line("not found", f.notFound)
    for (reason, count) in f.notFoundByReason.sorted(by: { $0.value > $1.value }) {
        line(reason.rawValue, count, indent: 4)
    }
    line("ambiguous", f.ambiguous)
    line("verified", f.verified)
    if batch.state == .released {
        line("released", f.released)
        line("released with an address", f.releasedWithAddress)
        line("withheld", f.withheld)
        for (reason, count) in f.withheldByReason.sorted(by: { $0.value > $1.value }) {
            line(reason.rawValue, count, indent: 4)
        }
    } else if !batch.approvals.isEmpty {
        print("  approved by \(batch.approvals.joined(separator: ", "))")
    }
}

/// The retention line of `batch show`.
func retentionLine(_ status: Retention.Status) -> String {
    if let purgedAt = status.purgedAt {
        return "  retention: request rows and responses purged on \(purgedAt.prefix(10)) (\(status.days ?? 0) days); decisions, accounting and ledger kept"
    }
    guard let days = status.days, let from = status.purgeFrom else {
        return "  retention: the agreement sets none (request rows and responses are kept)"
    }
    return "  retention: \(days) days; request rows and responses purged from \(from) by 'gatehouse retention run'"
}
