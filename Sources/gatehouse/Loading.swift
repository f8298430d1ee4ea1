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
    ///
    /// A pipeline: while chunk k is normalized and keyed on every core, this task reads chunk
    /// k + 1 and files chunk k − 1 into the (sequential) index builder.
    static func records(path: String, mapping: ColumnMapping, keys: IndexKeys = .all) async throws -> (RecordIndex, RecordStats) {
        let reader = try RecordsReader(path: path, mapping: mapping)
        var builder = RecordIndexBuilder(keys: keys)
        var stats = RecordStats()
        let progress = Progress("records")
        let chunkSize = 32_768
        var chunk: [Record] = []
        chunk.reserveCapacity(chunkSize)
        var inFlight: Task<[PreparedRecord], Never>?
        func handOff() async {
            let records = chunk
            chunk = []
            chunk.reserveCapacity(chunkSize)
            let previous = inFlight
            inFlight = records.isEmpty ? nil : Task { await parallelMap(records) { PreparedRecord($0, keys: keys) } }
            if let previous {
                for prepared in await previous.value { builder.add(prepared) }
            }
            progress.update(stats.rows)
        }
        while let row = reader.next() {
            switch row {
            case .record(_, let record):
                stats.rows += 1
                chunk.append(record)
                if chunk.count == chunkSize { await handOff() }
            case .rejected(let line, let detail):
                stats.rejected.append((line, detail))
            }
        }
        await handOff()
        await handOff()
        progress.finish()
        return (builder.build(), stats)
    }

    /// Reads every row of a Requests CSV, in file order.
    static func requests(path: String, mapping: ColumnMapping) throws -> (rows: [RequestRow], absentColumns: [String]) {
        let reader = try RequestsReader(path: path, mapping: mapping)
        var rows: [RequestRow] = []
        while let row = reader.next() { rows.append(row) }
        return (rows, reader.absentColumns)
    }
}
