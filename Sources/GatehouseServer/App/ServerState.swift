import Foundation
public import GatehouseCore
public import GatehouseStore
public import Logging
import Synchronization

/// Everything the routes share: the workspace, the match index, the group committer, the
/// limits, the metrics and readiness. One per server.
public final class ServerState: Sendable {
    public let configuration: ServerConfiguration
    public let workspace: Workspace
    public let committer: LedgerCommitter
    public let readiness: Readiness
    public let metrics: ServerMetrics
    public let logger: Logger
    let rateLimiter: RateLimiter
    let probes: ProbeDetector
    let index: IndexHolder
    /// Wakes the background decider when a batch is stored.
    let decider: BatchDecider

    init(configuration: ServerConfiguration, workspace: Workspace, logger: Logger) {
        self.configuration = configuration
        self.workspace = workspace
        self.logger = logger
        metrics = ServerMetrics()
        readiness = Readiness(workspace: workspace)
        committer = LedgerCommitter(workspace: workspace, readiness: readiness, metrics: metrics, logger: logger)
        rateLimiter = RateLimiter(rate: configuration.ratePerSecond, burst: configuration.rateBurst)
        probes = ProbeDetector()
        index = IndexHolder()
        decider = BatchDecider(
            configuration: configuration, workspace: workspace, index: index, readiness: readiness, metrics: metrics,
            logger: logger)
    }

    /// A pipeline acting now.
    var pipeline: BatchPipeline {
        var pipeline = BatchPipeline(workspace: workspace, now: configuration.now())
        pipeline.chunkSize = configuration.chunkSize
        pipeline.chunkPause = configuration.chunkPause
        return pipeline
    }

    var today: String { configuration.today }
}

/// The match index of the current records, swapped whole when the records change.
final class IndexHolder: Sendable {
    struct Loaded: Sendable {
        var index: RecordIndex
        var matcher: Matcher
        var generation: Int
        var keys: IndexKeys
    }

    private let loaded = Mutex<Loaded?>(nil)
    /// Decision rules by agreement id and version, for the loaded index.
    private let rules = Mutex<[String: BatchPipeline.DecisionRules]>([:])

    var current: Loaded? { loaded.withLock { $0 } }

    func set(_ value: Loaded) {
        loaded.withLock { $0 = value }
        rules.withLock { $0.removeAll() }
    }

    /// The rules an agreement version decides under, built once per index.
    func rules(for agreement: Agreement) throws -> BatchPipeline.DecisionRules? {
        guard let current else { return nil }
        let key = "\(agreement.id)\u{1F}\(agreement.version)"
        if let cached = rules.withLock({ $0[key] }) { return cached }
        let made = try BatchPipeline.DecisionRules(agreement: agreement, index: current.index, matcher: current.matcher)
        rules.withLock { $0[key] = made }
        return made
    }
}
