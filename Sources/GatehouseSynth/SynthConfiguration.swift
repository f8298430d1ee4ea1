/// What `gatehouse synth` should generate.
public struct SynthConfiguration: Sendable {
    /// Number of people in the store (each has one to three address rows).
    public var records: Int
    /// Number of verification requests.
    public var requests: Int
    /// Seed for every random choice; the same seed gives byte-identical files.
    public var seed: UInt64
    /// Share of requests that describe one stored person who should be verified.
    public var inStoreShare: Double
    /// Share of requests that fail the sufficiency gate.
    public var insufficientShare: Double

    /// The largest store and batch the identifier formats support.
    public static let maximumCount = 99_999_999

    /// Creates a configuration; call `validate()` before generating.
    public init(records: Int, requests: Int, seed: UInt64, inStoreShare: Double = 0.05, insufficientShare: Double = 0.08) {
        self.records = records
        self.requests = requests
        self.seed = seed
        self.inStoreShare = inStoreShare
        self.insufficientShare = insufficientShare
    }

    /// The share of the batch taken by sufficient requests that must not verify anyone
    /// (namesakes, father/son pairs with nothing to separate them, borrowed TINs, addresses not on file).
    public static var noSingleRecordShare: Double {
        RequestKind.noSingleRecordShares.reduce(0) { $0 + $1.1 }
    }

    /// Throws a `SynthError` with a plain explanation when a value is out of range.
    public func validate() throws {
        func fail(_ detail: String) -> SynthError { SynthError(code: .invalidConfiguration, detail: detail) }
        guard records >= 1, records <= SynthConfiguration.maximumCount else {
            throw fail("--records must be between 1 and \(SynthConfiguration.maximumCount), got \(records)")
        }
        guard requests >= 0, requests <= SynthConfiguration.maximumCount else {
            throw fail("--requests must be between 0 and \(SynthConfiguration.maximumCount), got \(requests)")
        }
        guard inStoreShare >= 0, inStoreShare <= 1, inStoreShare.isFinite else {
            throw fail("--in-store-share must be a fraction between 0 and 1, got \(inStoreShare)")
        }
        guard insufficientShare >= 0, insufficientShare <= 1, insufficientShare.isFinite else {
            throw fail("--insufficient-share must be a fraction between 0 and 1, got \(insufficientShare)")
        }
        let limit = 1 - SynthConfiguration.noSingleRecordShare
        guard inStoreShare + insufficientShare <= limit + 1e-9 else {
            throw fail(
                "--in-store-share + --insufficient-share must leave room for the other kinds: at most \(limit), got \(inStoreShare + insufficientShare)"
            )
        }
    }
}

/// What `gatehouse synth` wrote.
public struct SynthSummary: Sendable {
    /// People in the store.
    public var records = 0
    /// Rows in records.csv (one per address).
    public var addressRows = 0
    /// Requests written.
    public var requests = 0
    /// Requests per kind, in `RequestKind.allCases` order, kinds with zero left out.
    public var kinds: [(kind: RequestKind, count: Int)] = []

    /// Requests whose truth names one record.
    public var inStore: Int { kinds.filter { $0.kind.category == .inStore }.reduce(0) { $0 + $1.count } }
    /// Requests that fail the gate by construction.
    public var insufficient: Int { kinds.filter { $0.kind.category == .insufficient }.reduce(0) { $0 + $1.count } }

    /// One line: totals, then `kind=count` pairs.
    public var line: String {
        var text = "synth: \(records) records (\(addressRows) address rows), \(requests) requests"
        text += " (in store \(inStore), insufficient \(insufficient)):"
        for entry in kinds { text += " \(entry.kind.rawValue)=\(entry.count)" }
        return text
    }
}

/// Progress of a running generation, for a terminal display.
public struct SynthProgress: Sendable {
    /// A phase of generation, named for its file.
    public enum Phase: String, Sendable { case records, requests }
    /// The file being written.
    public var phase: Phase
    /// Rows (people or requests) written so far.
    public var done: Int
    /// Rows the phase will write.
    public var total: Int
}
