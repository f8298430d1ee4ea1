import Foundation

/// Progress on a terminal's standard error; silent when stderr is not a terminal.
final class Progress: @unchecked Sendable {
    private let label: String
    private let total: Int?
    private let enabled: Bool
    private let lock = NSLock()
    private var lastDraw = Date.distantPast
    private let started = Date()

    init(_ label: String, total: Int? = nil) {
        self.label = label
        self.total = total
        enabled = isatty(STDERR_FILENO) == 1
    }

    /// Redraws at most ten times a second.
    func update(_ done: Int) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        let rate = Double(done) / max(now.timeIntervalSince(started), 0.001)
        var line = "\r\(label): \(done.formatted())"
        if let total, total > 0 {
            line += " / \(total.formatted()) (\(Int(Double(done) * 100 / Double(total)))%)"
        }
        line += " — \(Int(rate).formatted())/s"
        FileHandle.standardError.write(Data((line + "\u{1B}[K").utf8))
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}

/// Writes a line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Seconds from `start` to `end` (default: now), for summaries.
func seconds(since start: ContinuousClock.Instant, until end: ContinuousClock.Instant = .now) -> String {
    let duration = end - start
    let value = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    return String(format: "%.2f s", value)
}
