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
    /// A pipeline: the file is cut into row-aligned chunks, each parsed, normalized and keyed on
    /// a core of its own, while this task files the finished chunks, in file order, into the
    /// (sequential) index builder.
    static func records(path: String, mapping: ColumnMapping, keys: IndexKeys = .all) async throws -> (RecordIndex, RecordStats) {
        let chunks = try RecordsChunks(path: path, mapping: mapping)
        var builder = RecordIndexBuilder(keys: keys)
        // About 100 bytes a row in a Records file: room for a fifth more than that suggests.
        builder.reserveCapacity(rows: chunks.byteCount / 80)
        var stats = RecordStats()
        let progress = Progress("records")
        struct Chunk: Sendable {
            var prepared: PreparedChunk
            var rejected: [(line: Int, detail: String)] = []
        }
        try await produceInOrder(count: chunks.count) { n in
            var chunk = Chunk(prepared: PreparedChunk(keys: keys))
            chunks.forEachRow(n) { chunk.prepared.append($0) } other: { row in
                switch row {
                case .record(_, let record): chunk.prepared.append(record)
                case .rejected(let line, let detail): chunk.rejected.append((line, detail))
                }
            }
            return chunk
        } consume: { chunk in
            builder.add(chunk.prepared)
            stats.rows += chunk.prepared.count
            stats.rejected += chunk.rejected
            progress.update(stats.rows)
        }
        progress.finish()
        return (builder.build(), stats)
    }

    /// Reads every row of a Requests CSV, in file order, parsing chunks on every core.
    static func requests(path: String, mapping: ColumnMapping) async throws -> (rows: [RequestRow], absentColumns: [String]) {
        let chunks = try RequestsChunks(path: path, mapping: mapping)
        var rows: [RequestRow] = []
        try await produceInOrder(count: chunks.count) { chunks.rows($0) } consume: { rows += $0 }
        return (rows, chunks.absentColumns)
    }
}
