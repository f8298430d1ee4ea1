import Foundation
public import GatehouseCore
import Synchronization

/// Probe detection: the same person — by normalized name and birth date, or by TIN — asked
/// about by one agreement more often than the agreement allows within its window is refused
/// (`PROBE_LIMIT`) and flagged to officers.
///
/// Subjects are kept as keyed hashes (a per-process random key), never as names or numbers;
/// counts are in memory and start afresh with the process.
final class ProbeDetector: Sendable {
    private struct Counts {
        var asked: [Hash32: [Double]] = [:]
        var calls = 0
        var longestWindow = 0.0
    }

    private let counts = Mutex(Counts())
    private let key: Hash32

    init() {
        var generator = SystemRandomNumberGenerator()
        key = Hash32(bytes: (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })!
    }

    /// The subjects one request names: its name and birth date (when both are given) and its TIN
    /// (when nine digits), each as a keyed hash within `agreementID`.
    func subjects(of request: Request, agreementID: String) -> [Hash32] {
        var subjects: [Hash32] = []
        let given = TextFolding.fold(request.givenName)
        let surname = TextFolding.fold(request.surname)
        if !given.isEmpty, !surname.isEmpty, !request.birthDate.isEmpty {
            subjects.append(
                LedgerHash.of(
                    Array("\(agreementID)\u{1F}\(given)\u{1F}\(surname)\u{1F}\(request.birthDate)".utf8),
                    domain: "gatehouse.server.probe-name.v1", key: key))
        }
        let digits = request.tin.utf8.filter { (0x30...0x39).contains($0) }
        if digits.count == 9 {
            subjects.append(
                LedgerHash.of(
                    Array(agreementID.utf8) + [0x1F] + digits, domain: "gatehouse.server.probe-tin.v1", key: key))
        }
        return subjects
    }

    /// Counts one more question about each subject at `now` (seconds since 1970) and returns the
    /// largest count within the window, this one included. A refused question still counts.
    func record(_ subjects: [Hash32], now: Double, window: Double) -> (count: Int, subject: Hash32?) {
        counts.withLock { counts in
            counts.longestWindow = max(counts.longestWindow, window)
            counts.calls += 1
            // Now and then, forget the people not asked about within any window.
            if counts.calls % 10_000 == 0 {
                let horizon = now - counts.longestWindow
                counts.asked = counts.asked.filter { ($0.value.last ?? 0) > horizon }
            }
            var worst: (Int, Hash32?) = (0, nil)
            for subject in subjects {
                var times = counts.asked[subject, default: []]
                times.removeAll { $0 <= now - window }
                times.append(now)
                counts.asked[subject] = times
                if times.count > worst.0 { worst = (times.count, subject) }
            }
            return worst
        }
    }
}
