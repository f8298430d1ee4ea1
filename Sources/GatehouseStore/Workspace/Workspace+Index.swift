public import GatehouseCore
import Foundation
import GRDB

/// How the match index was obtained, and how long it took.
public struct IndexLoad: Sendable {
    public enum Source: Sendable, Equatable {
        /// Read from `index/records.idx`.
        case file
        /// Built from the database (the file was absent, stale or of another format) and written.
        case built
    }

    public var index: RecordIndex
    public var source: Source
    /// The `records_generation` the index reflects.
    public var generation: Int
    public var duration: Duration
}

extension Workspace {
    /// The match index of the current records: read from `index/records.idx` when that file was
    /// built from the current `records_generation` and `RecordIndex.formatVersion`, otherwise
    /// built from the database and written (atomically) for the next command.
    ///
    /// - Throws: GRDB's `DatabaseError`; `WorkspaceError` `.io` when the index cannot be written.
    /// - Complexity: O(size of the index) to read; O(n log n) over the n people to build.
    public func loadIndex() async throws -> RecordIndex {
        try await loadIndexReporting().index
    }

    /// `loadIndex()`, saying whether the index was read or built and how long it took.
    public func loadIndexReporting() async throws -> IndexLoad {
        let start = ContinuousClock.now
        let generation = try recordsGeneration()
        if let index = IndexFile.read(path: indexPath, generation: generation) {
            return IndexLoad(index: index, source: .file, generation: generation, duration: .now - start)
        }
        let load = try await rebuildIndex()
        return IndexLoad(index: load.index, source: .built, generation: load.generation, duration: .now - start)
    }

    /// Builds the match index from the database and writes `index/records.idx`, whatever the file
    /// held before. `records import` calls it so that later commands only read the file.
    ///
    /// The people are read from one snapshot of the database, so an import running meanwhile is
    /// either wholly in the index or not at all; the file is tagged with that snapshot's generation.
    /// - Complexity: O(n log n) over the n people.
    @discardableResult
    public func rebuildIndex() async throws -> (index: RecordIndex, generation: Int) {
        let snapshot = try database.makeSnapshot()
        let generation = try await snapshot.read { db in try Self.recordsGeneration(db) }
        var builder = RecordIndexBuilder()
        var page = try await Self.readPage(snapshot, after: 0)
        while !page.records.isEmpty {
            // Read the next page while this one is normalized.
            let last = page.lastPerson
            async let next = Self.readPage(snapshot, after: last)
            let normalized = await Self.normalize(page.records)
            for (record, person) in zip(page.records, normalized) {
                builder.add(recordID: record.recordID, person)
            }
            page = try await next
        }
        let index = builder.build()
        try IndexFile.write(index, generation: generation, to: indexPath)
        return (index, generation)
    }

    static let indexPageSize = 32_768

    /// The next `indexPageSize` people after `person` (in `records.person` order), each with every
    /// address in import order.
    private static func readPage(
        _ snapshot: DatabaseSnapshot, after person: Int64
    ) async throws -> (records: [GatehouseCore.Record], lastPerson: Int64) {
        try await snapshot.read { db in
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT r.person, r.record_id, r.tin, r.given_name, r.middle_name, r.surname, r.birth_date,
                           a.line1, a.line2, a.city, a.state, a.postcode, a.as_of
                    FROM (SELECT * FROM records WHERE person > ? ORDER BY person LIMIT ?) AS r
                    LEFT JOIN record_addresses AS a ON a.record_id = r.record_id
                    ORDER BY r.person, a.id
                    """,
                arguments: [person, indexPageSize])
            var records: [GatehouseCore.Record] = []
            records.reserveCapacity(indexPageSize)
            var last = person
            while let row = try rows.next() {
                let id: Int64 = row[0]
                if id != last || records.isEmpty {
                    last = id
                    records.append(
                        GatehouseCore.Record(
                            recordID: row[1], tin: row[2], givenName: row[3], middleName: row[4],
                            surname: row[5], birthDate: row[6]))
                }
                if let line1: String = row[7] {
                    records[records.count - 1].addresses.append(
                        PostalAddress(
                            line1: line1, line2: row[8], city: row[9], state: row[10], postcode: row[11],
                            asOf: row[12]))
                }
            }
            return (records, last)
        }
    }

    /// Normalizes on every core, in contiguous slices, keeping order.
    private static func normalize(_ records: [GatehouseCore.Record]) async -> [NormalizedPerson] {
        let slices = min(max(1, records.count / 1024), ProcessInfo.processInfo.activeProcessorCount * 2)
        guard slices > 1 else { return records.map { NormalizedPerson(record: $0) } }
        let size = (records.count + slices - 1) / slices
        return await withTaskGroup(of: (Int, [NormalizedPerson]).self) { group in
            for slice in 0..<slices {
                let range = (slice * size)..<min(records.count, (slice + 1) * size)
                guard !range.isEmpty else { continue }
                group.addTask { (slice, records[range].map { NormalizedPerson(record: $0) }) }
            }
            var parts = [[NormalizedPerson]](repeating: [], count: slices)
            for await (slice, part) in group { parts[slice] = part }
            return parts.flatMap { $0 }
        }
    }
}
