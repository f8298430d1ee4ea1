import Foundation
import GatehouseCSV
import GatehouseCore

/// Reading the store and batches from CSV, normalizing on every core.
enum Loading {
    struct RecordStats {
        var rows = 0
        var rejected: [(line: Int, detail: String)] = []
    }

    /// Reads a Records CSV into a `RecordIndex`.
    static func records(path: String, mapping: ColumnMapping) async throws -> (RecordIndex, RecordStats) {
        let reader = try RecordsReader(path: path, mapping: mapping)
        var builder = RecordIndexBuilder()
        var stats = RecordStats()
        let progress = Progress("records")
        let chunkSize = 32_768
        var chunk: [Record] = []
        chunk.reserveCapacity(chunkSize)
        func flush() async {
            let normalized = await normalize(chunk)
            for (record, person) in zip(chunk, normalized) { builder.add(recordID: record.recordID, person) }
            chunk.removeAll(keepingCapacity: true)
            progress.update(stats.rows)
        }
        while let row = reader.next() {
            switch row {
            case .record(_, let record):
                stats.rows += 1
                chunk.append(record)
                if chunk.count == chunkSize { await flush() }
            case .rejected(let line, let detail):
                stats.rejected.append((line, detail))
            }
        }
        await flush()
        progress.finish()
        return (builder.build(), stats)
    }

    static func normalize(_ records: [Record]) async -> [NormalizedPerson] {
        await parallelMap(records) { NormalizedPerson(record: $0) }
    }

    /// Reads every row of a Requests CSV, in file order.
    static func requests(path: String, mapping: ColumnMapping) throws -> (rows: [RequestRow], absentColumns: [String]) {
        let reader = try RequestsReader(path: path, mapping: mapping)
        var rows: [RequestRow] = []
        while let row = reader.next() { rows.append(row) }
        return (rows, reader.absentColumns)
    }
}
