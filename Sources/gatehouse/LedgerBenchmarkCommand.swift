import ArgumentParser
import Foundation
import GatehouseCore
import GatehouseStore

extension LedgerCommand {
    /// Times appending a large batch's decisions to a new workspace's log, as the batch
    /// pipeline does (one transaction per chunk), then a checkpoint and a full verify.
    struct Benchmark: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "benchmark",
            abstract: "Time appending N decision events to a new workspace's log, a checkpoint and a verify.",
            discussion: """
                Creates a workspace in DIR (which must not hold one), appends N synthetic \
                decision events in transactions of --chunk events, writes a checkpoint, and \
                verifies the log, printing the time of each step. For measurement only.
                """,
            shouldDisplay: false
        )

        @Argument(help: ArgumentHelp("A folder for the new workspace.", valueName: "dir"))
        var directory: String

        @Option(help: "The number of decision events.")
        var events = 1_280_000

        @Option(help: "Events per transaction.")
        var chunk = 10_000

        func run() async throws {
            let workspace = try Workspace.create(at: directory)
            let signer = try LedgerKeys.load(from: workspace.keysDirectory)
            let time = LedgerTimestamp.now
            var next = 0
            var build = Duration.zero
            let start = ContinuousClock.now
            while next < events {
                let end = min(next + chunk, events)
                let made = ContinuousClock.now
                let batch = (next..<end).map(Self.decision)
                build += ContinuousClock.now - made
                try await workspace.database.write { db in _ = try LedgerStore.append(batch, at: time, in: db) }
                next = end
            }
            let appended = ContinuousClock.now
            let note = try await workspace.database.write { db in try LedgerStore.checkpoint(in: db, signer: signer) }
            let checkpointed = ContinuousClock.now
            let report = try await workspace.database.read { db in
                try LedgerStore.verify(in: db, verifier: signer.verifier)
            }
            let verified = ContinuousClock.now
            print("events        \(events) in chunks of \(chunk)")
            print("append        \(appended - start) (of which making the events: \(build))")
            print("checkpoint    \(checkpointed - appended)")
            print("append+ckpt   \(checkpointed - start)")
            print("verify        \(verified - checkpointed) — \(report)")
            print(note, terminator: "")
        }

        /// A decision as the pipeline records it: realistic identifiers, hashes and codes.
        static func decision(_ n: Int) -> LedgerEvent {
            let outcome: Outcome =
                switch n % 27 {
                case 0: .verified
                case 1...3: .insufficient
                case 4: .ambiguous
                default: .notFound
                }
            let reasons: [ReasonCode] =
                switch outcome {
                case .insufficient: [.addressPlaceholder]
                case .notFound: [.addressMissing]
                case .ambiguous: [.addressMissing, .namePlaceholder]
                default: []
                }
            return .decision(
                .init(
                    batchID: "ice-irs-2025-b0001", requestID: "REQ-\(String(n + 10_000_000))",
                    requestRowHash: LedgerHash.of(requestRow: Array("\(n),JOHN,DOE,123 MAIN ST,20001".utf8)),
                    outcome: outcome, reasons: reasons,
                    recordIDHash: outcome == .verified ? LedgerHash.of(recordID: "R\(n)") : nil,
                    agreementVersion: "ice-irs-2025@3", rulesVersion: "gatehouse-rules-2025.11"))
        }
    }
}
