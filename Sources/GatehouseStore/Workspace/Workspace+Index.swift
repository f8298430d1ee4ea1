import Foundation
import GRDB
import GRDBSQLite
public import GatehouseCore

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
    /// The file must also file the blocking keys `keys` asks for: the statutory and legacy
    /// profiles need `.statutory` (what `records import` builds), the linkage profile `.all`; a
    /// file with fewer keys is rebuilt with those asked for.
    ///
    /// - Throws: GRDB's `DatabaseError`; `WorkspaceError` `.io` when the index cannot be written.
    /// - Complexity: O(size of the index) to read; O(n log n) over the n people to build.
    public func loadIndex(keys: IndexKeys = .statutory) async throws -> RecordIndex {
        try await loadIndexReporting(keys: keys).index
    }

    /// `loadIndex(keys:)`, saying whether the index was read or built and how long it took.
    public func loadIndexReporting(keys: IndexKeys = .statutory) async throws -> IndexLoad {
        let start = ContinuousClock.now
        let generation = try recordsGeneration()
        if let index = IndexFile.read(path: indexPath, generation: generation), index.files(keys) {
            return IndexLoad(index: index, source: .file, generation: generation, duration: .now - start)
        }
        let load = try await rebuildIndex(keys: keys)
        return IndexLoad(index: load.index, source: .built, generation: load.generation, duration: .now - start)
    }

    /// Builds the match index from the database and writes `index/records.idx`, whatever the file
    /// held before. `records import` calls it so that later commands only read the file.
    ///
    /// The people are read from one snapshot of the database, so an import running meanwhile is
    /// either wholly in the index or not at all; the file is tagged with that snapshot's generation.
    ///
    /// - Parameters:
    ///   - keys: the blocking keys to file (`.statutory` serves the statutory and legacy profiles;
    ///     `.all`, about twice the postings, also the linkage profile).
    ///   - progress: Called with the number of people indexed so far, after each page of
    ///     `indexPageSize` people.
    /// - Complexity: O(n log n) over the n people.
    @discardableResult
    public func rebuildIndex(
        keys: IndexKeys = .statutory, progress: (Int) -> Void = { _ in }
    ) async throws -> (index: RecordIndex, generation: Int) {
        try await rebuildIndex(pageSize: Self.indexPageSize, keys: keys, progress: progress)
    }

    /// `rebuildIndex(keys:progress:)` with pages of `pageSize` people (tests use small pages).
    func rebuildIndex(
        pageSize: Int64, keys: IndexKeys = .statutory, progress: (Int) -> Void
    ) async throws -> (index: RecordIndex, generation: Int) {
        let snapshot = try database.makeSnapshot()
        let (generation, lastPerson) = try await snapshot.read { db in
            (try Self.recordsGeneration(db), try Int64.fetchOne(db, sql: "SELECT max(person) FROM records") ?? 0)
        }
        var builder = RecordIndexBuilder(keys: keys)
        func add(_ chunks: [PreparedChunk]) {
            for chunk in chunks { builder.add(chunk) }
            progress(builder.count)
        }
        // Pages are ranges of `records.person`: (0, pageSize], (pageSize, 2 × pageSize], … up to the
        // last person (a range may be empty where people were deleted). A pipeline, so that no core
        // waits on another stage: the snapshot's connection reads up to `readAhead` pages ahead,
        // each page read is normalized on every core, and this task adds the pages to the
        // (sequential) builder in order, one page behind the normalization.
        var starts = stride(from: Int64(0), to: lastPerson, by: Int(pageSize)).makeIterator()
        var reading: [Task<[GatehouseCore.Record], any Error>] = []
        var preparing: [Task<[PreparedChunk], Never>] = []
        func readAhead() {
            while reading.count < Self.readAhead, let start = starts.next() {
                reading.append(Task { try await Self.readPage(snapshot, after: start, count: pageSize) })
            }
        }
        defer { reading.forEach { $0.cancel() } }
        readAhead()
        while !reading.isEmpty {
            let page = try await reading.removeFirst().value
            readAhead()
            preparing.append(Task { await Self.prepare(page, keys: keys) })
            if preparing.count > 1 { add(await preparing.removeFirst().value) }
        }
        for prepared in preparing { add(await prepared.value) }
        let index = builder.build()
        try IndexFile.write(index, generation: generation, to: indexPath)
        return (index, generation)
    }

    /// People per page of `rebuildIndex`, as a range of `records.person`.
    static let indexPageSize: Int64 = 32_768
    /// Pages `rebuildIndex` reads ahead of the one being normalized.
    static let readAhead = 2

    /// The people whose `records.person` is in `start + 1 ... start + count`, in that
    /// order, each with every address in import order (`record_addresses.id`).
    ///
    /// A range of the rowid, not `LIMIT`, so that SQLite walks `records` in order and looks up each
    /// person's addresses without sorting the page; the addresses of one person come in the
    /// unique index's order and are put back in import order here. The statement is stepped
    /// through the SQLite C API and read column by column (`sqlite3_column_blob`: the bytes as
    /// stored, without the copy that `sqlite3_column_text` makes to add a terminator), with no
    /// GRDB `Row` per row.
    private static func readPage(
        _ snapshot: DatabaseSnapshot, after start: Int64, count: Int64
    ) async throws -> [GatehouseCore.Record] {
        try await snapshot.read { db in
            let statement = try db.makeStatement(
                sql: """
                    SELECT r.person, r.record_id, r.tin, r.given_name, r.middle_name, r.surname, r.birth_date,
                           a.id, a.line1, a.line2, a.city, a.state, a.postcode, a.as_of
                    FROM records AS r LEFT JOIN record_addresses AS a ON a.record_id = r.record_id
                    WHERE r.person > ? AND r.person <= ?
                    ORDER BY r.person
                    """)
            let handle = statement.sqliteStatement
            sqlite3_bind_int64(handle, 1, start)
            sqlite3_bind_int64(handle, 2, start + count)
            defer { sqlite3_reset(handle) }
            var records: [GatehouseCore.Record] = []
            records.reserveCapacity(Int(count))
            var last: Int64 = 0
            // The current person's address ids, to restore import order when the index gave another.
            var ids: [Int64] = []
            while true {
                let code = sqlite3_step(handle)
                if code == SQLITE_DONE { break }
                guard code == SQLITE_ROW else {
                    let message = String(cString: sqlite3_errmsg(sqlite3_db_handle(handle)))
                    throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
                }
                let person = sqlite3_column_int64(handle, 0)
                if person != last || records.isEmpty {
                    if ids.count > 1 { restoreImportOrder(&records[records.count - 1].addresses, ids: ids) }
                    ids.removeAll(keepingCapacity: true)
                    last = person
                    records.append(
                        GatehouseCore.Record(
                            recordID: text(handle, 1), tin: text(handle, 2), givenName: text(handle, 3),
                            middleName: text(handle, 4), surname: text(handle, 5), birthDate: text(handle, 6)))
                }
                if sqlite3_column_type(handle, 7) != SQLITE_NULL {
                    ids.append(sqlite3_column_int64(handle, 7))
                    records[records.count - 1].addresses.append(
                        PostalAddress(
                            line1: text(handle, 8), line2: text(handle, 9), city: text(handle, 10),
                            state: text(handle, 11), postcode: text(handle, 12), asOf: text(handle, 13)))
                }
            }
            if ids.count > 1 { restoreImportOrder(&records[records.count - 1].addresses, ids: ids) }
            return records
        }
    }

    /// Sorts one person's `addresses` by their `record_addresses.id`, `ids[i]` being the id of
    /// `addresses[i]`.
    private static func restoreImportOrder(_ addresses: inout [PostalAddress], ids: [Int64]) {
        guard zip(ids, ids.dropFirst()).contains(where: { $0 > $1 }) else { return }
        addresses = ids.indices.sorted { ids[$0] < ids[$1] }.map { addresses[$0] }
    }

    /// The text in column `column` of the current row ('' for NULL): its UTF-8 bytes as stored.
    @inline(__always)
    private static func text(_ handle: SQLiteStatement, _ column: Int32) -> String {
        guard let bytes = sqlite3_column_blob(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeRawBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    /// Normalizes and keys the records on every core, in contiguous slices, keeping order.
    private static func prepare(_ records: [GatehouseCore.Record], keys: IndexKeys) async -> [PreparedChunk] {
        await parallelSlices(records) { [PreparedChunk($0, keys: keys)] }
    }
}
