public import Foundation
public import Logging

/// How `gatehouse serve` runs: where, with which workspace, TLS, and the limits.
public struct ServerConfiguration: Sendable {
    /// The workspace folder.
    public var workspacePath: String
    public var host = "127.0.0.1"
    public var port = 8080
    /// PEM certificate chain and private key; both or neither.
    public var tlsCertificatePath: String?
    public var tlsKeyPath: String?
    /// PEM CA certificates; when set, every client must present a certificate they signed, and a
    /// key bound to a certificate only works with it.
    public var clientCAPath: String?
    /// Per-key rate limit: tokens added per second, and the bucket's size.
    public var ratePerSecond = 200.0
    public var rateBurst = 400.0
    /// The largest batch upload accepted, in bytes (the agreement's row cap applies too).
    public var maxUploadBytes = 4 << 30
    /// Rows decided per transaction in the background decider.
    public var chunkSize = 20_000
    /// A pause after each decided chunk (tests of kill and resume only).
    public var chunkPause: Duration = .zero
    /// How often the background services look for work and for changed records.
    public var pollInterval: Duration = .seconds(1)
    /// How often a checkpoint is signed when the log has grown.
    public var checkpointInterval: Duration = .seconds(2)
    /// The clock (tests fix the date).
    public var now: @Sendable () -> Date = { Date() }
    public var logLevel: Logger.Level = .info

    public init(workspacePath: String) {
        self.workspacePath = workspacePath
    }

    /// `YYYY-MM-DD` of `now`, in UTC.
    var today: String { String(now().ISO8601Format().prefix(10)) }
}
