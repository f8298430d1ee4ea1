import Foundation
import GatehouseCSV
import GatehouseCore
import GatehouseSynth
import Testing

/// The decision core end to end over a generated batch: every request of a synthetic batch goes
/// through the gate and the statutory decision, and the outcome is scored against the truth the
/// generator wrote. Asserts the thresholds; the full-size figures are measured by
/// `gatehouse evaluate` (see the README).
@Suite struct EndToEndDecisionTests {
    struct Truth {
        var record: String
        var sufficient: Bool
        var kind: String
    }

    @Test(arguments: [UInt64(101), 202])
    func generatedBatchMeetsTheThresholds(seed: UInt64) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "gatehouse-e2e-\(UUID().uuidString)"
        ).path
        let generator = try SynthGenerator(
            configuration: SynthConfiguration(
                records: 12_000, requests: 3_000, seed: seed, inStoreShare: 0.25, insufficientShare: 0.1))
        _ = try generator.write(to: directory)

        var builder = RecordIndexBuilder()
        for case .record(_, let record) in try RecordsReader(path: directory + "/records.csv") { builder.add(record) }
        let engine = DecisionEngine(matcher: Matcher(index: builder.build()), profile: .statutory, policy: .statutory)

        var truth: [String: Truth] = [:]
        let reader = try CSVReader(path: directory + "/truth.csv")
        while let row = reader.next() {
            truth[row.cells[0]] = Truth(record: row.cells[1], sufficient: row.cells[2] == "true", kind: row.cells[3])
        }
        var requests: [Request] = []
        for case .request(let request) in try RequestsReader(path: directory + "/requests.csv") {
            requests.append(request)
        }
        #expect(requests.count == 3_000)
        let decisions = await parallelMap(requests) { engine.decide($0).decision }

        var verified = 0, correct = 0, inStore = 0, verifiedInsufficient = 0, verifiedFatherSon = 0
        var sufficient = 0, calledInsufficient = 0, insufficient = 0, caught = 0
        for decision in decisions {
            let expected = try #require(truth[decision.requestID])
            if expected.sufficient {
                sufficient += 1
                if !expected.record.isEmpty { inStore += 1 }
                if decision.outcome == .insufficient { calledInsufficient += 1 }
            } else {
                insufficient += 1
                if decision.outcome == .insufficient { caught += 1 }
            }
            guard decision.outcome == .verified else { continue }
            verified += 1
            if !expected.sufficient { verifiedInsufficient += 1 }
            if expected.kind.contains("father_son") && expected.record.isEmpty { verifiedFatherSon += 1 }
            if expected.sufficient && decision.recordID == expected.record { correct += 1 }
        }
        #expect(inStore > 500 && insufficient > 200, "the batch must exercise both paths")
        #expect(verifiedInsufficient == 0)
        #expect(verifiedFatherSon == 0)
        #expect(Double(correct) / Double(max(verified, 1)) >= 0.999, "precision \(correct)/\(verified)")
        #expect(Double(correct) / Double(inStore) >= 0.96, "recall \(correct)/\(inStore)")
        #expect(
            Double(calledInsufficient) / Double(sufficient) <= 0.001,
            "\(calledInsufficient) sufficient requests called insufficient")
        #expect(caught == insufficient, "gate recall \(caught)/\(insufficient)")
    }
}
