import Foundation
import GatehouseCSV
@testable import GatehouseSynth

/// A generated data set in a temporary directory, read back as rows.
struct SynthFixture {
    let directory: String
    let summary: SynthSummary
    let records: [[String]]
    let requests: [[String]]
    let truth: [[String]]

    static func make(
        records: Int = 2_000, requests: Int = 500, seed: UInt64 = 11, inStoreShare: Double = 0.05,
        insufficientShare: Double = 0.08
    ) throws -> SynthFixture {
        let directory = NSTemporaryDirectory() + "gatehouse-synth-\(UUID().uuidString)"
        let configuration = SynthConfiguration(
            records: records, requests: requests, seed: seed, inStoreShare: inStoreShare,
            insufficientShare: insufficientShare)
        let summary = try SynthGenerator(configuration: configuration).write(to: directory)
        return SynthFixture(
            directory: directory, summary: summary,
            records: try rows(directory + "/records.csv", header: SynthGenerator.recordsHeader),
            requests: try rows(directory + "/requests.csv", header: SynthGenerator.requestsHeader),
            truth: try rows(directory + "/truth.csv", header: SynthGenerator.truthHeader))
    }

    /// Rows of a CSV file after checking its header; a malformed row fails the read.
    static func rows(_ path: String, header: [String]) throws -> [[String]] {
        let reader = try CSVReader(path: path)
        var rows: [[String]] = []
        while let row = reader.next() {
            guard row.problem == nil else { throw FixtureError.malformedRow(row.line) }
            rows.append(row.cells)
        }
        guard reader.header == header else { throw FixtureError.header(reader.header) }
        return rows
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Records grouped by id: the rows of one person, in file order.
    var recordsByID: [String: [[String]]] {
        Dictionary(grouping: records, by: { $0[0] })
    }

    /// (request row, truth row) pairs.
    var pairs: [([String], [String])] { Array(zip(requests, truth)) }
}

enum FixtureError: Error {
    case malformedRow(Int)
    case header([String])
}
