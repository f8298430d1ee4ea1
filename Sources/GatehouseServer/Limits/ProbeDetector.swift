import Foundation
public import GatehouseCore
import Synchronization

/// Probe detection: the same person — by normalized name and birth date, or by TIN — asked
/// about by one agreement more often than the agreement allows within its window is refused
/// (`PROBE_LIMIT`) and flagged to officers.
///
/// Subjects are kept as keyed hashes (a per-process random key), never as names or numbers;
/// counts are in memory and start afresh with the process, seeded from the window's
/// verifications at start.
final class ProbeDetector: Sendable {
    private let asked = Mutex<[Hash32: [Double]]>([:])
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
        asked.withLock { asked in
            var worst: (Int, Hash32?) = (0, nil)
            for subject in subjects {
                var times = asked[subject, default: []]
                times.removeAll { $0 <= now - window }
                times.append(now)
                asked[subject] = times
                if times.count > worst.0 { worst = (times.count, subject) }
            }
            return worst
        }
    }
}
