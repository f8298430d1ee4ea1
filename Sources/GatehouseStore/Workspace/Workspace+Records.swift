public import GatehouseCSV
public import GatehouseCore
import GRDB

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
        var summary = ImportSummary()
        let now = Self.timestamp()
        try database.writeWithoutTransaction { db in
            let peopleBefore = try Int.fetchOne(db, sql: "SELECT count(*) FROM records") ?? 0
            let previousCacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
            // A large page cache keeps the record_id and address indexes in memory during the import.
            try db.execute(sql: "PRAGMA cache_size = -262144")
            defer { try? db.execute(sql: "PRAGMA cache_size = \(previousCacheSize)") }

            let upsertPerson = try db.makeStatement(
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
            let insertAddress = try db.makeStatement(
                sql: """
                    INSERT INTO record_addresses (record_id, line1, line2, city, state, postcode, as_of)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (record_id, line1, line2, city, state, postcode) DO NOTHING
                    """)
            let bumpGeneration = try db.makeStatement(
                sql: "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = ?")

            var iterator = rows.makeIterator()
            var exhausted = false
            var changedPeople = 0
            var bumped = false
            // Consecutive rows of one person repeat the person's fields: upsert them once.
            var previous: (id: String, tin: String, given: String, middle: String, surname: String, birth: String)?
            while !exhausted {
                try db.inTransaction {
                    var written = 0
                    while written < transactionRows {
                        guard let row = iterator.next() else {
                            exhausted = true
                            break
                        }
                        switch row {
                        case .rejected(let line, let detail):
                            summary.rejectedCount += 1
                            if summary.rejected.count < ImportSummary.keptRejections {
                                summary.rejected.append(.init(line: line, detail: detail))
                            }
                        case .record(_, let record):
                            let person = (
                                record.recordID, record.tin, record.givenName, record.middleName, record.surname,
                                record.birthDate
                            )
                            if previous.map({ $0 != person }) ?? true {
                                try upsertPerson.execute(arguments: [
                                    record.recordID, record.tin, record.givenName, record.middleName,
                                    record.surname, record.birthDate, now,
                                ])
                                changedPeople += db.changesCount
                                previous = person
                            }
                            for address in record.addresses {
                                try insertAddress.execute(arguments: [
                                    record.recordID, address.line1, address.line2, address.city,
                                    address.state, address.postcode, address.asOf,
                                ])
                                summary.newAddresses += db.changesCount
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
