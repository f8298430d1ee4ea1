import Foundation
public import Metrics
public import Prometheus

/// The server's metrics, on its own Prometheus registry (so that several servers in one test
/// process never share counters): requests by route and status, latency histograms, decisions
/// by outcome, rows decided, ledger size, checkpoint age, agreement warnings. Every label is a
/// route pattern, a status, an outcome, a code or an agreement id: never a person's data.
public struct ServerMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    let factory: PrometheusMetricsFactory

    public init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5),
            .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
            .milliseconds(500), .seconds(1), .seconds(5), .seconds(30),
        ]
        self.factory = factory
    }

    func request(route: String, method: String, status: Int, duration: Duration) {
        Counter(
            label: "gatehouse_http_requests_total",
            dimensions: [("route", route), ("method", method), ("status", String(status))], factory: factory
        ).increment()
        Timer(
            label: "gatehouse_http_request_duration_seconds", dimensions: [("route", route), ("method", method)],
            factory: factory
        ).recordNanoseconds(duration.nanoseconds)
    }

    func decisions(_ outcome: String, count: Int = 1) {
        Counter(label: "gatehouse_decisions_total", dimensions: [("outcome", outcome)], factory: factory)
            .increment(by: count)
    }

    func rowsDecided(_ count: Int, seconds: Double) {
        Counter(label: "gatehouse_batch_rows_decided_total", factory: factory).increment(by: count)
        if seconds > 0 {
            Gauge(label: "gatehouse_batch_rows_per_second", factory: factory).record(Double(count) / seconds)
        }
    }

    func refused(_ code: String) {
        Counter(label: "gatehouse_refusals_total", dimensions: [("code", code)], factory: factory).increment()
    }

    func ledger(size: Int, checkpointAge: Double?) {
        Gauge(label: "gatehouse_ledger_entries", factory: factory).record(Double(size))
        if let checkpointAge {
            Gauge(label: "gatehouse_ledger_checkpoint_age_seconds", factory: factory).record(checkpointAge)
        }
    }

    func ledgerCommit(events: Int, jobs: Int, duration: Duration) {
        Counter(label: "gatehouse_ledger_group_commits_total", factory: factory).increment()
        Counter(label: "gatehouse_ledger_group_commit_jobs_total", factory: factory).increment(by: jobs)
        Timer(label: "gatehouse_ledger_group_commit_duration_seconds", factory: factory)
            .recordNanoseconds(duration.nanoseconds)
        _ = events
    }

    func agreement(_ id: String, quotaUsed: Double?, daysToExpiry: Int) {
        if let quotaUsed {
            Gauge(label: "gatehouse_agreement_quota_used_ratio", dimensions: [("agreement", id)], factory: factory)
                .record(quotaUsed)
        }
        Gauge(label: "gatehouse_agreement_days_to_expiry", dimensions: [("agreement", id)], factory: factory)
            .record(Double(daysToExpiry))
    }

    func ready(_ ready: Bool) {
        Gauge(label: "gatehouse_ready", factory: factory).record(ready ? 1 : 0)
    }

    /// The Prometheus text exposition.
    public func exposition() -> [UInt8] { registry.emitToBuffer() }
}

extension Duration {
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
