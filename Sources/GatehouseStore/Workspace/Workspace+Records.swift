import Foundation
import GRDB
import GRDBSQLite
public import GatehouseCSV
public import GatehouseCore

/// One row to import: one address of one person, or a row of the file that could not be read
/// (the shape of GatehouseCSV's `RecordRow`, which the store does not depend on).
public enum RecordImportRow: Sendable {
    case record(line: Int, GatehouseCore.Record)
    case rejected(line: Int, detail: String)

    /// The same row as read by GatehouseCSV's `RecordsReader`.
    public init(_ row: RecordRow) {
        switch row {
        case .record(let line, let record): self = .record(line: line, record)
        case .rejected(let line, let detail): self = .rejected(line: line, detail: detail)
        }
    }
}

/// What an import did.
public struct ImportSummary: Sendable, Equatable {
    /// A row of the file that was not imported, and why (the detail never holds the row's values).
    public struct RejectedRow: Sendable, Equatable {
        public var line: Int
        public var detail: String
    }

    /// Rows imported (one address each).
    public var rows = 0
    /// People not in the store before.
    public var newPeople = 0
    /// People already in the store whose name, TIN or birth date changed.
    public var updatedPeople = 0
    /// Addresses not on file before for their person.
    public var newAddresses = 0
    /// Every rejected row, counted.
    public var rejectedCount = 0
    /// The first `ImportSummary.keptRejections` rejected rows, in file order.
    public var rejected: [RejectedRow] = []
    /// People in the store after the import.
    public var people = 0
    /// `records_generation` after the import.
    public var generation = 0

    /// How many rejected rows are kept with their line numbers.
    public static let keptRejections = 1_000

    public init() {}
}

/// Rows of a Records file encoded for the database writer of an import: each value's UTF-8 bytes,
/// one after the other in one buffer that the writer binds in place. Encoding is the share of an
/// import's work that can run on another thread than the writer (`records import` encodes on the
/// thread that reads the CSV); `RecordImportEncoder` makes batches.
public struct RecordImportBatch: Sendable {
    fileprivate enum Row: Sendable {
        /// A record: its person's six fields from `person` (nil when the previous row had the same
        /// person), its `record_id` field, and `addresses` addresses of six fields each from
        /// `firstAddress`.
        case record(person: Int?, recordID: Int, firstAddress: Int, addresses: Int)
        case rejected(line: Int, detail: String)
    }

    fileprivate var rows: [Row] = []
    /// The values' bytes, after a leading 0 that keeps the buffer's address from being null even
    /// when every value is empty (a null pointer would bind NULL, not '').
    fileprivate var bytes: [UInt8] = [0]
    /// Where each value ends in `bytes`; value `i` starts where value `i - 1` ends (value 0 at 1).
    fileprivate var ends: [Int] = []

    /// The number of rows, rejected ones included.
    public var count: Int { rows.count }

    fileprivate mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
        ends.append(bytes.count)
    }
}

/// Encodes rows into `RecordImportBatch`es, in file order. It remembers the last row's person, so
/// that consecutive rows of one person (its address history) upsert the person once.
public struct RecordImportEncoder: Sendable {
    private var previous: GatehouseCore.Record?

    public init() {}

    /// The next rows of the file, encoded.
    public mutating func encode(_ rows: some Sequence<RecordImportRow>) -> RecordImportBatch {
        var batch = RecordImportBatch()
        batch.rows.reserveCapacity(rows.underestimatedCount)
        batch.ends.reserveCapacity(rows.underestimatedCount * 13)
        batch.bytes.reserveCapacity(rows.underestimatedCount * 120)
        for row in rows {
            switch row {
            case .rejected(let line, let detail):
                batch.rows.append(.rejected(line: line, detail: detail))
            case .record(_, let record):
                var person: Int?
                if !(previous.map { $0.hasSamePersonFields(as: record) } ?? false) {
                    person = batch.ends.count
                    batch.append(record.recordID)
                    batch.append(record.tin)
                    batch.append(record.givenName)
                    batch.append(record.middleName)
                    batch.append(record.surname)
                    batch.append(record.birthDate)
                    previous = record
                }
                let recordID = person ?? batch.ends.count
                if person == nil { batch.append(record.recordID) }
                let firstAddress = batch.ends.count
                for address in record.addresses {
                    batch.append(address.line1)
                    batch.append(address.line2)
                    batch.append(address.city)
                    batch.append(address.state)
                    batch.append(address.postcode)
                    batch.append(address.asOf)
                }
                batch.rows.append(
                    .record(
                        person: person, recordID: recordID, firstAddress: firstAddress,
                        addresses: record.addresses.count))
            }
        }
        return batch
    }
}

extension Workspace {
    /// Rows per write transaction of an import.
    public static let importTransactionRows = 50_000

    /// Streams records into the store: inserts new people, updates the name, TIN and birth date
    /// of people already on file (matched by `record_id`), and adds each address not yet on file
    /// for its person — earlier addresses are kept, as history.
    ///
    /// Rows are written in transactions of `transactionRows`; each transaction is all-or-nothing,
    /// the import as a whole is not (an interrupted import keeps the transactions it committed, and
    /// importing the same file again completes it, since rows are upserts). `records_generation` is
    /// bumped with the first committed rows and again at the end, so an index built during or after
    /// an interrupted import is never taken for current. The WAL runs with `synchronous=NORMAL`
    /// (GRDB's default for a pool): a power loss may roll back the last transactions, never corrupt.
    ///
    /// The rows are encoded (`RecordImportEncoder`) on the calling thread, a few thousand at a
    /// time; `importRecords(batches:transactionRows:progress:)` takes rows encoded elsewhere.
    ///
    /// - Parameters:
    ///   - rows: The rows, in file order.
    ///   - transactionRows: Rows per transaction.
    ///   - progress: Called with the number of rows read so far, every 4,096 rows and at the end.
    /// - Returns: What changed, with the rejected rows' line numbers.
    /// - Throws: GRDB's `DatabaseError` when SQLite fails; the current transaction is rolled back.
    /// - Complexity: O(n log s) for n rows into a store of s addresses.
    public func importRecords(
        _ rows: some Sequence<RecordImportRow>, transactionRows: Int = Workspace.importTransactionRows,
        progress: (Int) -> Void = { _ in }
    ) throws -> ImportSummary {
        try importRecords(
            batches: EncodedBatches(rows: rows.makeIterator()), transactionRows: transactionRows, progress: progress)
    }

    /// `importRecords(_:transactionRows:progress:)` for rows already encoded, in file order, by one
    /// `RecordImportEncoder`.
    ///
    /// The statements are prepared once and stepped through the SQLite C API, each value bound in
    /// place from its batch (`SQLITE_STATIC`): no allocation or copy per row on the writer. From the
    /// second transaction on, committed pages are copied from the WAL into the database file by a
    /// checkpointer with a thread and a connection of its own (`ImportCheckpointer`), not by the
    /// writer at each commit; commits and their durability are the same.
    ///
    /// - Complexity: O(n log s) for n rows into a store of s addresses.
    public func importRecords(
        batches: some Sequence<RecordImportBatch>, transactionRows: Int = Workspace.importTransactionRows,
        progress: (Int) -> Void = { _ in }
    ) throws -> ImportSummary {
        var summary = ImportSummary()
        let now = Self.timestamp()
        try database.writeWithoutTransaction { db in
            let peopleBefore = try Int.fetchOne(db, sql: "SELECT count(*) FROM records") ?? 0
            let previousCacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
            // A large page cache keeps the record_id and address indexes in memory during the import.
            try db.execute(sql: "PRAGMA cache_size = -262144")
            defer { try? db.execute(sql: "PRAGMA cache_size = \(previousCacheSize)") }

            let upsertPerson = try ImportStatement(
                db,
                sql: """
                    INSERT INTO records (record_id, tin, given_name, middle_name, surname, birth_date, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (record_id) DO UPDATE SET
                        tin = excluded.tin, given_name = excluded.given_name,
                        middle_name = excluded.middle_name, surname = excluded.surname,
                        birth_date = excluded.birth_date, updated_at = excluded.updated_at
                    WHERE tin <> excluded.tin OR given_name <> excluded.given_name
                        OR middle_name <> excluded.middle_name OR surname <> excluded.surname
                        OR birth_date <> excluded.birth_date
                    """)
            // `updated_at`, the same for every row, is bound once: bindings outlive each reset.
            upsertPerson.bindOnce(7, now)
            let insertAddress = try ImportStatement(
                db,
                sql: """
                    INSERT INTO record_addresses (record_id, line1, line2, city, state, postcode, as_of)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (record_id, line1, line2, city, state, postcode) DO NOTHING
                    """)
            let bumpGeneration = try db.makeStatement(
                sql: "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = ?")

            var batches = batches.makeIterator()
            var batch = RecordImportBatch()
            var position = 0
            var exhausted = false
            var changedPeople = 0
            var bumped = false
            // From the second transaction on, the WAL is copied into the database file by a
            // checkpointer of its own instead of by this connection at each commit (or by this
            // connection as before, should the checkpointer's connection fail to open).
            var checkpointer: ImportCheckpointer?
            var checkpointerTried = false
            let automaticCheckpoint = try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint") ?? 1000
            defer {
                if let checkpointer {
                    checkpointer.stop()
                    try? db.execute(sql: "PRAGMA wal_autocheckpoint = \(automaticCheckpoint)")
                }
            }
            while !exhausted {
                checkpointer?.committed()
                if bumped && !checkpointerTried {
                    checkpointerTried = true
                    checkpointer = try? ImportCheckpointer(path: databasePath)
                    if checkpointer != nil { try db.execute(sql: "PRAGMA wal_autocheckpoint = 0") }
                }
                try db.inTransaction {
                    var written = 0
                    while written < transactionRows {
                        if position == batch.rows.count {
                            guard let next = batches.next() else {
                                exhausted = true
                                break
                            }
                            batch = next
                            position = 0
                            continue
                        }
                        let row = batch.rows[position]
                        position += 1
                        switch row {
                        case .rejected(let line, let detail):
                            summary.rejectedCount += 1
                            if summary.rejected.count < ImportSummary.keptRejections {
                                summary.rejected.append(.init(line: line, detail: detail))
                            }
                        case .record(let person, let recordID, let firstAddress, let addresses):
                            try batch.withValues { values in
                                if let person {
                                    for parameter in 0..<6 {
                                        values.bind(upsertPerson, Int32(parameter + 1), person + parameter)
                                    }
                                    changedPeople += try upsertPerson.execute()
                                }
                                for address in 0..<addresses {
                                    values.bind(insertAddress, 1, recordID)
                                    for parameter in 0..<6 {
                                        values.bind(
                                            insertAddress, Int32(parameter + 2), firstAddress + 6 * address + parameter)
                                    }
                                    summary.newAddresses += try insertAddress.execute()
                                }
                            }
                            summary.rows += 1
                            written += 1
                            if summary.rows & 4095 == 0 { progress(summary.rows) }
                        }
                    }
                    if written > 0 && !bumped {
                        try bumpGeneration.execute(arguments: [MetaKey.recordsGeneration])
                        bumped = true
                    }
                    return .commit
                }
            }
            if let running = checkpointer {
                running.stop()
                checkpointer = nil
                try db.execute(sql: "PRAGMA wal_autocheckpoint = \(automaticCheckpoint)")
            }
            if bumped {
                try bumpGeneration.execute(arguments: [MetaKey.recordsGeneration])
            }
            summary.people = try Int.fetchOne(db, sql: "SELECT count(*) FROM records") ?? 0
            summary.newPeople = summary.people - peopleBefore
            summary.updatedPeople = changedPeople - summary.newPeople
            summary.generation = try Self.recordsGeneration(db)
        }
        progress(summary.rows)
        return summary
    }

    /// The number of people in the store.
    public func peopleCount() throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM records") ?? 0 }
    }

    /// One person with every address on file, in the order they were first imported; nil when
    /// no such `record_id`.
    public func record(id recordID: String) throws -> GatehouseCore.Record? {
        try database.read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT record_id, tin, given_name, middle_name, surname, birth_date
                        FROM records WHERE record_id = ?
                        """,
                    arguments: [recordID])
            else { return nil }
            var record = GatehouseCore.Record(
                recordID: row[0], tin: row[1], givenName: row[2], middleName: row[3], surname: row[4],
                birthDate: row[5])
            let addresses = try Row.fetchCursor(
                db,
                sql: """
                    SELECT line1, line2, city, state, postcode, as_of FROM record_addresses
                    WHERE record_id = ? ORDER BY id
                    """,
                arguments: [recordID])
            while let address = try addresses.next() {
                record.addresses.append(
                    PostalAddress(
                        line1: address[0], line2: address[1], city: address[2], state: address[3],
                        postcode: address[4], asOf: address[5]))
            }
            return record
        }
    }
}

extension GatehouseCore.Record {
    /// Whether `other` has the same `record_id`, TIN, names and birth date (addresses aside).
    fileprivate func hasSamePersonFields(as other: GatehouseCore.Record) -> Bool {
        recordID == other.recordID && tin == other.tin && givenName == other.givenName
            && middleName == other.middleName && surname == other.surname && birthDate == other.birthDate
    }
}

/// Rows encoded in batches of 4,096 as they are iterated, for `importRecords(_:)`.
private struct EncodedBatches<Rows: IteratorProtocol<RecordImportRow>>: Sequence, IteratorProtocol {
    var rows: Rows
    var encoder = RecordImportEncoder()
    var chunk: [RecordImportRow] = []

    init(rows: Rows) {
        self.rows = rows
    }

    mutating func next() -> RecordImportBatch? {
        chunk.removeAll(keepingCapacity: true)
        while chunk.count < 4096, let row = rows.next() { chunk.append(row) }
        return chunk.isEmpty ? nil : encoder.encode(chunk)
    }
}

extension RecordImportBatch {
    /// The batch's values, for binding in place while `body` runs.
    fileprivate func withValues<R>(_ body: (Values) throws -> R) rethrows -> R {
        try bytes.withUnsafeBytes { bytes in
            try ends.withUnsafeBufferPointer { ends in try body(Values(bytes: bytes, ends: ends)) }
        }
    }

    fileprivate struct Values {
        let bytes: UnsafeRawBufferPointer
        let ends: UnsafeBufferPointer<Int>

        /// Binds value `index` to `parameter` of `statement`, in place (`SQLITE_STATIC`): the
        /// statement must be run and reset before `withValues` returns.
        func bind(_ statement: ImportStatement, _ parameter: Int32, _ index: Int) {
            let start = index == 0 ? 1 : ends[index - 1]
            let text = bytes.baseAddress!.advanced(by: start).assumingMemoryBound(to: CChar.self)
            sqlite3_bind_text(statement.handle, parameter, text, Int32(ends[index] - start), ImportStatement.inPlace)
        }
    }
}

/// A write statement of the import, prepared once by GRDB and then bound and stepped through the
/// SQLite C API, without the `StatementArguments` array and `DatabaseValue` boxes that
/// `Statement.execute(arguments:)` builds per row (they cost more than SQLite's own work on an
/// import). Only for statements that return no rows, run inside a transaction GRDB opened, with
/// every parameter bound before each `execute()`.
private struct ImportStatement {
    private let statement: Statement
    var handle: SQLiteStatement { statement.sqliteStatement }

    init(_ db: Database, sql: String) throws {
        statement = try db.makeStatement(sql: sql)
    }

    /// Binds `text` to `parameter` for every run (SQLite copies it).
    func bindOnce(_ parameter: Int32, _ text: String) {
        sqlite3_bind_text(handle, parameter, text, -1, Self.copied)
    }

    /// Runs the statement and resets it for the next row.
    ///
    /// - Returns: The number of rows it inserted or changed.
    /// - Throws: `DatabaseError` with SQLite's code and message (which name the constraint, never a
    ///   value); the statement's own changes are undone, the transaction is the caller's to roll back.
    func execute() throws -> Int {
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else {
            let message = String(cString: sqlite3_errmsg(sqlite3_db_handle(handle)))
            sqlite3_reset(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
        sqlite3_reset(handle)
        return Int(sqlite3_changes(sqlite3_db_handle(handle)))
    }

    /// `SQLITE_STATIC`: SQLite reads the bound bytes where they are, while the statement runs.
    static let inPlace = unsafeBitCast(OpaquePointer(bitPattern: 0), to: sqlite3_destructor_type.self)
    /// `SQLITE_TRANSIENT`: SQLite copies the bound bytes.
    static let copied = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
}

/// Copies the WAL into the database file on a thread and a connection of its own while an import
/// writes, so that the writer neither copies pages nor waits for `fsync` after its commits.
/// SQLite's automatic checkpoint, which runs on the committing connection, is off for the writer
/// meanwhile (`PRAGMA wal_autocheckpoint = 0`).
///
/// Passive checkpoints only: they copy what is committed and never block the writer or a reader.
/// Commits are unchanged — written to the WAL and synced as before (`synchronous=NORMAL`) — and
/// a checkpoint is as crash-safe from this connection as from the writer's; only the thread that
/// copies changes. SQLite rewinds the WAL when a write transaction begins after a checkpoint has
/// copied all of it; so that the WAL does not grow without bound under a writer that never pauses,
/// `committed()` waits for the checkpointer to catch up once the WAL holds more than
/// `walLimitFrames` frames. A reader holding an old snapshot keeps the WAL from being copied
/// whole, by this checkpointer or by the writer's own: the WAL then grows as it would anyway.
private final class ImportCheckpointer: @unchecked Sendable {
    /// 64 MiB of 4 KiB pages, a few transactions of an import.
    static let walLimitFrames = 16_384
    static let maximumWait: TimeInterval = 5
    /// How long the checkpointer sleeps when there is nothing to copy, unless woken by a commit.
    static let idleInterval: TimeInterval = 0.05

    private let connection: DatabaseQueue
    /// Guards everything below.
    private let condition = NSCondition()
    private var stopping = false
    private var stopped = false
    private var woken = false
    private var passesStarted = 0
    private var passesFinished = 0
    /// Frames in the WAL at the last checkpoint, and whether it copied them all.
    private var walFrames = 0
    private var caughtUp = false

    init(path: String) throws {
        var configuration = Configuration()
        configuration.label = "gatehouse.import-checkpointer"
        connection = try DatabaseQueue(path: path, configuration: configuration)
        let thread = Thread { [self] in run() }
        thread.name = "wal-checkpointer"
        thread.start()
    }

    /// Called by the writer after each commit: wakes the checkpointer, and when the WAL has grown
    /// past `walLimitFrames`, waits for a checkpoint begun after this call — one that copies the
    /// whole WAL unless a reader holds part of it — so that the next transaction rewinds the WAL.
    func committed() {
        condition.lock()
        defer { condition.unlock() }
        woken = true
        condition.broadcast()
        guard walFrames > Self.walLimitFrames else { return }
        let pass = passesStarted + 1
        let deadline = Date(timeIntervalSinceNow: Self.maximumWait)
        while passesFinished < pass && !stopped {
            if !condition.wait(until: deadline) { return }
        }
    }

    /// Finishes the checkpoint under way, if any, and ends the thread.
    func stop() {
        condition.lock()
        defer { condition.unlock() }
        stopping = true
        condition.broadcast()
        while !stopped { condition.wait() }
    }

    private func run() {
        var last = (walFrameCount: -1, checkpointedFrameCount: -1)
        condition.lock()
        while !stopping {
            passesStarted += 1
            let pass = passesStarted
            condition.unlock()
            let result = try? connection.inDatabase { db in try db.checkpoint(.passive) }
            condition.lock()
            passesFinished = pass
            if let result, result.walFrameCount >= 0 {
                walFrames = result.walFrameCount
                caughtUp = result.checkpointedFrameCount == result.walFrameCount
            } else {
                caughtUp = false
            }
            condition.broadcast()
            // Sleep when there is nothing left to copy, or nothing could be (an error, or a reader
            // holding the frames), until the next commit or the interval.
            let progressed = result.map { $0 != last } ?? false
            last = result ?? last
            if (caughtUp || !progressed) && !woken && !stopping {
                _ = condition.wait(until: Date(timeIntervalSinceNow: Self.idleInterval))
            }
            woken = false
        }
        stopped = true
        condition.broadcast()
        condition.unlock()
    }
}
