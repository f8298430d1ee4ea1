import Foundation
import GatehouseCore
import GatehouseStore
import Logging
import ServiceLifecycle
import Synchronization

/// Decides stored batches in the background, chunk by chunk, each chunk committed with its
/// ledger events (the batch pipeline's `decidePending`). At start it resumes every batch a
/// killed run left undecided; a graceful shutdown stops it between chunks, and the next start
/// continues. Nothing is decided while the order registry cannot be read.
final class BatchDecider: Service, Sendable {
    let configuration: ServerConfiguration
    let workspace: Workspace
    let index: IndexHolder
    let readiness: Readiness
    let metrics: ServerMetrics
    let logger: Logger
    private let wake: AsyncStream<Void>
    private let wakeContinuation: AsyncStream<Void>.Continuation
    /// Batches decided since start (tests wait on it).
    let decidedBatches = Mutex<Set<String>>([])

    init(
        configuration: ServerConfiguration, workspace: Workspace, index: IndexHolder, readiness: Readiness,
        metrics: ServerMetrics, logger: Logger
    ) {
        self.configuration = configuration
        self.workspace = workspace
        self.index = index
        self.readiness = readiness
        self.metrics = metrics
        self.logger = logger
        (wake, wakeContinuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Asks the decider to look for work now.
    func batchStored() { wakeContinuation.yield() }

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await self.loop()
        }
    }

    private func loop() async {
        while !Task.isCancelled {
            await decideUnfinished()
            // Wait for a stored batch, or poll (a batch stored by another process).
            await withTaskGroup(of: Void.self) { group in
                group.addTask { [wake] in
                    for await _ in wake { return }
                }
                group.addTask { [configuration] in try? await Task.sleep(for: configuration.pollInterval) }
                await group.next()
                group.cancelAll()
            }
        }
    }

    private func decideUnfinished() async {
        guard let loaded = index.current, readiness.ordersReadable() else { return }
        var pipeline = BatchPipeline(workspace: workspace, now: configuration.now())
        pipeline.chunkSize = configuration.chunkSize
        pipeline.chunkPause = configuration.chunkPause
        let pending: [BatchInfo]
        do {
            pending = try pipeline.unfinishedBatches()
        } catch {
            logger.error("cannot list unfinished batches", metadata: ["error.type": "\(type(of: error))"])
            return
        }
        for batch in pending where !Task.isCancelled {
            let start = ContinuousClock.now
            do {
                let decided = try await pipeline.decidePending(
                    batchID: batch.id, index: loaded.index, matcher: loaded.matcher)
                let seconds = Double((ContinuousClock.now - start).nanoseconds) / 1e9
                metrics.rowsDecided(decided, seconds: seconds)
                if let after = try pipeline.batch(id: batch.id), after.state == .awaitingApproval {
                    decidedBatches.withLock { _ = $0.insert(batch.id) }
                    logger.info(
                        "batch decided", metadata: ["batch": "\(batch.id)", "rows": "\(decided)", "seconds": "\(seconds)"])
                }
            } catch {
                logger.error(
                    "batch decision stopped", metadata: ["batch": "\(batch.id)", "error.type": "\(type(of: error))"])
            }
        }
    }
}

/// Loads the match index at start (readiness says `INDEX_LOADING` until then) and loads it
/// again whenever the records change (another process imported).
final class IndexService: Service, Sendable {
    let state: ServerState

    init(state: ServerState) {
        self.state = state
    }

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await self.refresh()
                try? await Task.sleep(for: self.state.configuration.pollInterval * 5)
            }
        }
    }

    /// The keys every agreement's profile reads (an unknown profile: every key).
    private func neededKeys() -> IndexKeys {
        let modes = ((try? state.workspace.agreements()) ?? []).map { $0.profile?.matchMode ?? .linkage }
        return .needed(by: modes.isEmpty ? [.statutory] : modes)
    }

    func refresh() async {
        let keys = neededKeys()
        let generation = (try? state.workspace.recordsGeneration()) ?? -1
        if let current = state.index.current, current.generation == generation, current.index.files(keys) { return }
        do {
            let start = ContinuousClock.now
            let load = try await state.workspace.loadIndexReporting(keys: keys)
            state.index.set(
                .init(index: load.index, matcher: Matcher(index: load.index), generation: load.generation, keys: keys))
            state.readiness.indexLoaded()
            state.decider.batchStored()
            state.logger.info(
                "match index ready",
                metadata: ["people": "\(load.index.count)", "seconds": "\(Double((ContinuousClock.now - start).nanoseconds) / 1e9)"])
        } catch {
            state.logger.error("cannot load the match index", metadata: ["error.type": "\(type(of: error))"])
        }
    }
}
