import Foundation
public import GatehouseCore
public import GatehouseStore
public import GRDB
public import Logging
public import ServiceLifecycle
import Synchronization

/// Group commit: every call that must reach the ledger before it answers hands its writes and
/// events here and waits; one writer takes everything waiting, runs it in ONE transaction (each
/// call's writes in a savepoint of their own, so one call's failure is its own), appends all the
/// events, commits, and wakes every caller. Durability costs one transaction per group, not per
/// call, and no answer leaves before its events are committed.
///
/// A `Service`: it runs until graceful shutdown, then finishes what is queued. If the ledger
/// cannot be appended, every call of that group fails with 503 and readiness says why.
public final class LedgerCommitter: Service, Sendable {
    /// One call's writes: run inside the group's transaction; returns its result and its events.
    public typealias Work = @Sendable (Database) throws -> (any Sendable, [LedgerEvent])

    struct Job: Sendable {
        var work: Work
        var continuation: CheckedContinuation<any Sendable, any Error>
    }

    private struct Queue {
        var jobs: [Job] = []
        var closed = false
    }

    let workspace: Workspace
    let readiness: Readiness
    let metrics: ServerMetrics
    let logger: Logger
    private let queue = Mutex(Queue())
    private let wake: AsyncStream<Void>
    private let wakeContinuation: AsyncStream<Void>.Continuation

    public init(workspace: Workspace, readiness: Readiness, metrics: ServerMetrics, logger: Logger) {
        self.workspace = workspace
        self.readiness = readiness
        self.metrics = metrics
        self.logger = logger
        (wake, wakeContinuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Runs `work` in the next group transaction and returns its result once committed.
    /// - Throws: what `work` threw; `Problem` 503 when the ledger could not be appended or the
    ///   committer has stopped.
    public func commit<T: Sendable>(_ work: @escaping @Sendable (Database) throws -> (T, [LedgerEvent])) async throws
        -> T
    {
        let result = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<any Sendable, any Error>) in
            let job = Job(work: { db in try work(db) }, continuation: continuation)
            let accepted = queue.withLock { queue -> Bool in
                guard !queue.closed else { return false }
                queue.jobs.append(job)
                return true
            }
            if accepted {
                wakeContinuation.yield()
            } else {
                continuation.resume(throwing: Problem.unavailable("the server is shutting down"))
            }
        }
        return result as! T
    }

    /// Appends `events` alone (an access event), in the next group.
    public func append(_ events: [LedgerEvent]) async throws {
        try await commit { _ in ((), events) }
    }

    public func run() async throws {
        await withGracefulShutdownHandler {
            for await _ in wake {
                await drain()
                if queue.withLock({ $0.closed && $0.jobs.isEmpty }) { break }
            }
        } onGracefulShutdown: {
            self.queue.withLock { $0.closed = true }
            self.wakeContinuation.yield()
            self.wakeContinuation.finish()
        }
        await drain()
    }

    /// Commits every queued job in one transaction.
    private func drain() async {
        while true {
            let jobs = queue.withLock { queue -> [Job] in
                defer { queue.jobs.removeAll(keepingCapacity: true) }
                return queue.jobs
            }
            if jobs.isEmpty { return }
            let start = ContinuousClock.now
            do {
                let (eventCount, outcomes) = try await workspace.database.write { db -> (Int, [Result<any Sendable, any Error>]) in
                    var outcomes: [Result<any Sendable, any Error>] = []
                    var events: [LedgerEvent] = []
                    for job in jobs {
                        do {
                            var value: (any Sendable)?
                            try db.inSavepoint {
                                let (result, jobEvents) = try job.work(db)
                                value = result
                                events.append(contentsOf: jobEvents)
                                return .commit
                            }
                            outcomes.append(.success(value!))
                        } catch {
                            outcomes.append(.failure(error))
                        }
                    }
                    if !events.isEmpty { try LedgerStore.append(events, at: .now, in: db) }
                    return (events.count, outcomes)
                }
                readiness.ledgerAppended()
                metrics.ledgerCommit(events: eventCount, jobs: jobs.count, duration: .now - start)
                for (job, outcome) in zip(jobs, outcomes) { job.continuation.resume(with: outcome) }
            } catch {
                logger.error("ledger append failed", metadata: ["error.type": "\(type(of: error))"])
                readiness.ledgerFailed()
                let problem = Problem.unavailable("the ledger cannot be appended; nothing was decided or released")
                for job in jobs { job.continuation.resume(throwing: problem) }
            }
        }
    }
}
