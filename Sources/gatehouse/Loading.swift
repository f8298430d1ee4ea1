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

/// Maps `items` on every core in contiguous slices, keeping order.
func parallelMap<T: Sendable, R: Sendable>(
    _ items: [T], slices: Int = ProcessInfo.processInfo.activeProcessorCount * 4,
    progress: (@Sendable (Int) -> Void)? = nil, _ transform: @escaping @Sendable (T) -> R
) async -> [R] {
    guard items.count > 1024 else { return items.map(transform) }
    let sliceCount = max(1, min(slices, items.count / 256))
    let size = (items.count + sliceCount - 1) / sliceCount
    return await withTaskGroup(of: (Int, [R]).self) { group in
        for slice in 0..<sliceCount {
            let range = (slice * size)..<min(items.count, (slice + 1) * size)
            if range.isEmpty { continue }
            group.addTask {
                var out: [R] = []
                out.reserveCapacity(range.count)
                for index in range {
                    out.append(transform(items[index]))
                    if let progress, index & 1023 == 0 { progress(1024) }
                }
                return (slice, out)
            }
        }
        var parts = [[R]](repeating: [], count: sliceCount)
        for await (slice, out) in group { parts[slice] = out }
        return parts.flatMap { $0 }
    }
}
