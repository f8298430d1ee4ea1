import Foundation
import GRDB
import GatehouseCore
import Testing

@testable import GatehouseStore

/// The import's raw SQLite path (values bound in place, rows read back column by column) and the
/// paged index build, against GRDB's own reading of the same tables.
@Suite struct WorkspaceImportTests {
    @Test func storesEveryValueAsGiven() async throws {
        try await withTemporaryDirectory { path in
            let workspace = try Workspace.create(at: path)
            let long = String(repeating: "Long Street Name ", count: 20)
            let people = [
                Record(
                    recordID: "R1", tin: "", givenName: "José", middleName: "", surname: "Núñez-O'Brien",
                    birthDate: "",
                    addresses: [
                        PostalAddress(
                            line1: long, line2: "Apt \"B\"", city: "São Paulo", state: "", postcode: "", asOf: "")
                    ]),
                Record(
                    recordID: "R2-with-a-record-id-longer-than-fifteen-bytes", tin: "123456789", givenName: "李",
                    middleName: "Q", surname: "Ng", birthDate: "1990-12-31",
                    addresses: [
                        PostalAddress(line1: "1 A St", city: "Reno", state: "NV", postcode: "89501", asOf: "2020-01-01")
                    ]),
            ]
            let summary = try workspace.importRecords(
                people.enumerated().map { .record(line: $0.offset + 2, $0.element) })
            #expect(summary.rows == 2)
            #expect(summary.newPeople == 2)
            for person in people {
                #expect(try workspace.record(id: person.recordID) == person)
            }
            // Empty values are stored as '' (the columns are NOT NULL), never NULL.
            let empty = try await workspace.database.read { db in
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM records WHERE tin = '' AND middle_name = '' AND birth_date = ''")
            }
            #expect(empty == 1)
        }
    }

    @Test func aFailedImportKeepsItsCommittedTransactionsAndARerunConverges() async throws {
        try await withTemporaryDirectory { path in
            let rows = Self.history(people: 40)
            let straight = try Workspace.create(at: path + "/straight")
            _ = try straight.importRecords(rows)

            // Row 30 cannot be stored (an empty record_id breaks the CHECK constraint): the import
            // stops there, with the transactions before it committed and its own rolled back.
            let interrupted = try Workspace.create(at: path + "/interrupted")
            var broken = rows
            broken.insert(recordRow(0, ""), at: 30)
            let error = #expect(throws: DatabaseError.self) {
                try interrupted.importRecords(broken, transactionRows: 8)
            }
            #expect(error?.resultCode == .SQLITE_CONSTRAINT)
            #expect(error.map { "\($0)".contains("Lopez") } == false)
            let committed = try await Self.addressCount(interrupted)
            #expect(committed == 24)
            let partial = try interrupted.recordsGeneration()
            #expect(partial > 0)
            let staleIndex = try await interrupted.loadIndexReporting()
            #expect(staleIndex.generation == partial)

            let rerun = try interrupted.importRecords(rows, transactionRows: 8)
            #expect(rerun.newAddresses == rows.count - committed)
            #expect(try await Self.dump(interrupted) == Self.dump(straight))
            #expect(try await interrupted.loadIndexReporting().source == .built)
            let sameIndex = try await bytes(interrupted.loadIndex()) == bytes(straight.loadIndex())
            #expect(sameIndex)
        }
    }

    @Test func anImportStoppedMidPersonConvergesWhenRunAgain() async throws {
        try await withTemporaryDirectory { path in
            let rows = Self.history(people: 25)
            let straight = try Workspace.create(at: path + "/straight")
            _ = try straight.importRecords(rows)
            // What a killed import leaves: whole transactions, the last one ending inside a person.
            let resumed = try Workspace.create(at: path + "/resumed")
            _ = try resumed.importRecords(rows.prefix(17), transactionRows: 5)
            _ = try resumed.importRecords(rows, transactionRows: 5)
            #expect(try await Self.dump(resumed) == Self.dump(straight))
        }
    }

    @Test(arguments: [1, 2, 5, 1000])
    func batchesOfAnySizeStoreTheSameRows(batchSize: Int) async throws {
        try await withTemporaryDirectory { path in
            var rows = Self.history(people: 30)
            rows.insert(.rejected(line: 99, detail: "2 cells, the header has 12"), at: 7)
            let reference = try Workspace.create(at: path + "/rows")
            let expected = try reference.importRecords(rows)

            // Encoded elsewhere in batches of `batchSize`: a person's rows may straddle two batches.
            let workspace = try Workspace.create(at: path + "/batches")
            var encoder = RecordImportEncoder()
            let batches = stride(from: 0, to: rows.count, by: batchSize).map { start in
                encoder.encode(rows[start..<min(rows.count, start + batchSize)])
            }
            #expect(batches.map(\.count).reduce(0, +) == rows.count)
            var summary = try workspace.importRecords(batches: batches, transactionRows: 7)
            summary.generation = expected.generation
            #expect(summary == expected)
            #expect(summary.updatedPeople == 0)
            #expect(try await Self.dump(workspace) == Self.dump(reference))
        }
    }

    @Test func manyTransactionsLeaveTheWriterAsTheyFoundIt() async throws {
        try await withTemporaryDirectory { path in
            let workspace = try Workspace.create(at: path)
            let rows = Self.history(people: 600)
            // Many transactions: the WAL is copied by the import's own checkpointer meanwhile.
            let summary = try workspace.importRecords(rows, transactionRows: 50)
            #expect(summary.rows == rows.count)
            #expect(summary.newAddresses == rows.count)
            let settings = try await workspace.database.writeWithoutTransaction { db in
                (
                    try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint"),
                    try Int.fetchOne(db, sql: "PRAGMA cache_size"),
                    try Int.fetchOne(db, sql: "PRAGMA foreign_keys")
                )
            }
            #expect(settings.0 == 1000)
            #expect(settings.1 == -2000)
            #expect(settings.2 == 1)
            let check = try await workspace.database.read { db in
                try String.fetchOne(db, sql: "PRAGMA integrity_check")
            }
            #expect(check == "ok")
            #expect(try await Self.addressCount(workspace) == rows.count)
        }
    }

    @Test func theIndexReadsEveryPageWithAddressesInImportOrder() async throws {
        try await withTemporaryDirectory { path in
            let workspace = try Workspace.create(at: path)
            // Addresses imported in an order other than the unique index's (Z before A), a person
            // given more addresses by a later import, and a deleted person leaving a gap in `person`.
            _ = try workspace.importRecords(
                (0..<9).flatMap { n in
                    [
                        recordRow(2 * n + 2, "R\(n)", surname: "Surname\(n)", street: "\(9 - n) Zed St"),
                        recordRow(2 * n + 3, "R\(n)", surname: "Surname\(n)", street: "\(n) Alpha Ave"),
                    ]
                })
            _ = try workspace.importRecords([
                recordRow(2, "R1", surname: "Surname1", street: "5 Middle Rd"),
                recordRow(3, "R9", given: "New", surname: "Person", street: "8 Oak St"),
                recordRow(4, "R4", surname: "Surname4", street: "0 Aaa Ct"),
            ])
            try await workspace.database.write { db in
                try db.execute(sql: "DELETE FROM record_addresses WHERE record_id = 'R3'")
                try db.execute(sql: "DELETE FROM records WHERE record_id = 'R3'")
            }
            #expect(
                try workspace.record(id: "R1")?.addresses.map(\.line1) == ["8 Zed St", "1 Alpha Ave", "5 Middle Rd"])

            // The same index as one built from each person as GRDB reads them, in `person` order.
            var direct = RecordIndexBuilder(keys: .statutory)
            let ids = try await workspace.database.read { db in
                try String.fetchAll(db, sql: "SELECT record_id FROM records ORDER BY person")
            }
            for id in ids { direct.add(try #require(try workspace.record(id: id))) }
            let expected = bytes(direct.build())
            for pageSize: Int64 in [1, 2, 3, 4, 64] {
                var reported: [Int] = []
                let (index, _) = try await workspace.rebuildIndex(pageSize: pageSize) { reported.append($0) }
                let same = bytes(index) == expected
                #expect(same, "page size \(pageSize)")
                #expect(reported.last == 9)
                #expect(reported == reported.sorted())
            }
            let defaultPages = try await bytes(workspace.rebuildIndex().index) == expected
            #expect(defaultPages)
        }
    }

    @Test func anEmptyStoreBuildsAnEmptyIndex() async throws {
        try await withTemporaryDirectory { path in
            let workspace = try Workspace.create(at: path)
            let (index, generation) = try await workspace.rebuildIndex()
            #expect(index.count == 0)
            #expect(generation == 0)
        }
    }

    /// `people` people with one to three addresses each, as consecutive rows.
    static func history(people: Int) -> [RecordImportRow] {
        var rows: [RecordImportRow] = []
        for n in 0..<people {
            for a in 0..<(1 + n % 3) {
                rows.append(recordRow(rows.count + 2, "R\(n)", surname: "Lopez\(n)", street: "\(a * 7 + n) Main St"))
            }
        }
        return rows
    }

    static func addressCount(_ workspace: Workspace) async throws -> Int {
        try await workspace.database.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM record_addresses") ?? 0
        }
    }

    /// Both tables, in `person` and `id` order, without `updated_at`.
    static func dump(_ workspace: Workspace) async throws -> [[String]] {
        try await workspace.database.read { db in
            let people = try Row.fetchAll(
                db,
                sql: """
                    SELECT person, record_id, tin, given_name, middle_name, surname, birth_date
                    FROM records ORDER BY person
                    """)
            let addresses = try Row.fetchAll(
                db,
                sql: """
                    SELECT id, record_id, line1, line2, city, state, postcode, as_of
                    FROM record_addresses ORDER BY id
                    """)
            return (people + addresses).map { row in row.databaseValues.map(\.description) }
        }
    }
}

private func bytes(_ index: RecordIndex) -> [UInt8] {
    var out: [UInt8] = []
    index.write { out.append(contentsOf: $0) }
    return out
}
