import Foundation
import GatehouseCSV
import GatehouseCore
import GatehouseSynth
import Testing

/// Hand-written decision cases (`Fixtures/decision-cases`: a county office's store of 18 people —
/// namesakes in one apartment building, a mother and daughter who share given names, people who
/// go by their middle name, the earlier decision cases) decided against stores of every size that
/// all contain the same people: the answer for one person must not depend on how many others the
/// store holds. The same cases against 1,000,000 people: `benchmarks/size-invariance.sh`.
@Suite struct SizeInvarianceTests {
    struct Expected {
        var outcome: String
        var record: String
        var reason: String
    }

    static let fixtures: URL = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/decision-cases")

    static func expectations() throws -> [String: Expected] {
        let reader = try CSVReader(path: fixtures.appendingPathComponent("expected.csv").path)
        var expected: [String: Expected] = [:]
        while let row = reader.next() {
            expected[row.cells[0]] = Expected(outcome: row.cells[1], record: row.cells[2], reason: row.cells[3])
        }
        return expected
    }

    /// The case people, and `filler` synthetic people beside them.
    static func store(filler: Int) throws -> RecordIndex {
        var builder = RecordIndexBuilder()
        for case .record(_, let record) in try RecordsReader(path: fixtures.appendingPathComponent("records.csv").path) {
            builder.add(record)
        }
        if filler > 0 {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gatehouse-size-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let generator = try SynthGenerator(configuration: SynthConfiguration(records: filler, requests: 1, seed: 5))
            _ = try generator.write(to: directory)
            for case .record(_, let record) in try RecordsReader(path: directory + "/records.csv") { builder.add(record) }
        }
        return builder.build()
    }

    /// Stores of the case people alone, of 1,000 and of 100,000 people.
    @Test(arguments: [0, 1_000, 100_000])
    func sameDecisionsAtEverySize(size: Int) async throws {
        let expected = try Self.expectations()
        let casePeople = try Self.store(filler: 0).count
        let index = try Self.store(filler: max(size - casePeople, 0))
        #expect(index.count == max(size, casePeople))
        let engine = DecisionEngine(matcher: Matcher(index: index), profile: .statutory, policy: .statutory)
        var requests: [Request] = []
        for case .request(let request) in try RequestsReader(path: Self.fixtures.appendingPathComponent("requests.csv").path) {
            requests.append(request)
        }
        #expect(requests.count == expected.count)
        for request in requests {
            let decision = engine.decide(request).decision
            let want = try #require(expected[request.requestID])
            #expect(decision.outcome.rawValue == want.outcome, "\(request.requestID) in a store of \(index.count)")
            #expect((decision.recordID ?? "") == want.record, "\(request.requestID) in a store of \(index.count)")
            if !want.reason.isEmpty {
                #expect(
                    decision.reasons.map(\.rawValue).contains(want.reason),
                    "\(request.requestID) in a store of \(index.count): \(decision.reasons)")
            }
        }
    }
}
