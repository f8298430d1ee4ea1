import Foundation
import GatehouseCSV
import GatehouseCore

/// Deciding a whole batch in input order and writing its files.
enum Batch {
    /// One decision per row, in input order; unreadable rows and repeated ids are `rejected`.
    static func decide(_ rows: [RequestRow], engine: DecisionEngine, explain: Bool = false) async -> [MatchResult] {
        var seen = Set<String>()
        seen.reserveCapacity(rows.count)
        var duplicate = [Bool](repeating: false, count: rows.count)
        for (position, row) in rows.enumerated() {
            if case .request(let request) = row, !seen.insert(request.requestID).inserted {
                duplicate[position] = true
            }
        }
        let progress = Progress("requests", total: rows.count)
        let counter = Counter()
        // By position, so that a row is not copied into a work list first.
        let isDuplicate = duplicate
        let results = await parallelMap(Array(rows.indices), progress: { step in progress.update(counter.add(step)) }) {
            position in
            switch rows[position] {
            case .request(let request):
                if isDuplicate[position] {
                    return MatchResult(
                        decision: Decision(
                            requestID: request.requestID, outcome: .rejected, reasons: [.rowIDDuplicate]),
                        best: nil, runnerUp: nil, candidateCount: 0)
                }
                return engine.decide(request, explain: explain)
            case .rejected(_, let requestID, let reason, _):
                return MatchResult(
                    decision: Decision(requestID: requestID, outcome: .rejected, reasons: [reason]),
                    best: nil, runnerUp: nil, candidateCount: 0)
            }
        }
        progress.finish()
        for case .rejected(let line, _, _, let detail) in rows.prefix(100_000) {
            printError("requests line \(line): rejected, \(detail)")
        }
        return results
    }

    static let decisionsHeader = ["request_id", "outcome", "record_id", "score", "reasons"]

    /// Writes the Decisions CSV, in input order; rows are encoded on every core in slices.
    static func writeDecisions(_ results: [MatchResult], to path: String) async throws {
        let writer = try CSVWriter(path: path, header: decisionsHeader)
        let slice = 16_384
        try await produceInOrder(count: (results.count + slice - 1) / slice) { n in
            var bytes: [UInt8] = []
            bytes.reserveCapacity(slice * 48)
            for result in results[(n * slice)..<min(results.count, (n + 1) * slice)] {
                // Cell by cell, as `CSVWriter.appendRow` writes them, without an array per row.
                let decision = result.decision
                CSVWriter.appendEscaped(decision.requestID, to: &bytes)
                bytes.append(0x2C)
                CSVWriter.appendEscaped(decision.outcome.rawValue, to: &bytes)
                bytes.append(0x2C)
                CSVWriter.appendEscaped(decision.recordID ?? "", to: &bytes)
                bytes.append(0x2C)
                CSVWriter.appendEscaped(decision.score.map(formatScore) ?? "", to: &bytes)
                bytes.append(0x2C)
                switch decision.reasons.count {
                case 0: break
                case 1: CSVWriter.appendEscaped(decision.reasons[0].rawValue, to: &bytes)
                default: CSVWriter.appendEscaped(decision.reasons.map(\.rawValue).joined(separator: ";"), to: &bytes)
                }
                bytes.append(0x0A)
            }
            return bytes
        } consume: { bytes in
            try writer.write(encodedRows: bytes)
        }
        try writer.close()
    }

    static func formatScore(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    struct Explanation: Encodable {
        struct Candidate: Encodable {
            var record_id: String
            var weight: Double
            var probability: Double
            var name_agrees: Bool
            var address_on_file: Bool
            var conflicts: [String]
            var swapped_names: Bool
            var fields: [FieldComparison]
            /// The request's unit against the unit on file: agrees, conflicts, or absent.
            var unit: String?

            /// One scored candidate, its weights rounded to a thousandth of a bit.
            init(_ score: CandidateScore, index: RecordIndex) {
                var conflicts: [String] = []
                if score.birthConflict { conflicts.append(MatchField.birthDate.rawValue) }
                if score.tinConflict { conflicts.append(MatchField.tin.rawValue) }
                if score.suffixConflict { conflicts.append(MatchField.suffix.rawValue) }
                record_id = index.recordIDs[score.person]
                weight = (score.weight * 1000).rounded() / 1000
                probability = score.probability
                name_agrees = score.nameAgrees
                address_on_file = score.addressOnFile
                self.conflicts = conflicts
                swapped_names = score.swapped
                fields = score.fields.map {
                    FieldComparison(field: $0.field, level: $0.level, weight: ($0.weight * 1000).rounded() / 1000)
                }
                switch score.unit {
                case .unknown: unit = nil
                case .agrees: unit = "agrees"
                case .conflicts: unit = "conflicts"
                }
            }
        }
        var request_id: String
        var outcome: String
        var reasons: [String]
        var candidates: Int
        var best: Candidate?
        var runner_up: Candidate?
    }

    static func writeExplanations(_ results: [MatchResult], index: RecordIndex, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else { throw CSVError.cannotOpen(path: path) }
        defer { try? handle.close() }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        func candidate(_ score: CandidateScore?) -> Explanation.Candidate? {
            score.map { Explanation.Candidate($0, index: index) }
        }
        var buffer = Data()
        for result in results {
            let explanation = Explanation(
                request_id: result.decision.requestID, outcome: result.decision.outcome.rawValue,
                reasons: result.decision.reasons.map(\.rawValue), candidates: result.candidateCount,
                best: candidate(result.best), runner_up: candidate(result.runnerUp))
            buffer.append(try encoder.encode(explanation))
            buffer.append(0x0A)
            if buffer.count > 1 << 20 {
                try handle.write(contentsOf: buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        try handle.write(contentsOf: buffer)
    }
}

/// A thread-safe running count, for progress across tasks.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func add(_ step: Int) -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += step
        return value
    }
}
