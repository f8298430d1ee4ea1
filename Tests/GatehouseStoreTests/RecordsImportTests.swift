import Foundation
import GatehouseCore
import GatehouseStore
import Testing

@Suite struct RecordsImportTests {
    @Test func importsPeopleWithAddressHistory() async throws {
        try await withTemporaryDirectory { path in
            let workspace = try Workspace.create(at: path)
            let first = try workspace.importRecords([
                recordRow(2, "R1"),
                recordRow(3, "R1", street: "40 Elm Ave"),
                recordRow(4, "R2", given: "John", surname: "Smith", tin: "987654321"),
            ])
            #expect(first.rows == 3)
            #expect(first.newPeople == 2)
            #expect(first.updatedPeople == 0)
            #expect(first.newAddresses == 3)
            #expect(first.people == 2)
            #expect(try workspace.record(id: "R1")?.addresses.map(\.line1) == ["12 Oak St", "40 Elm Ave"])

            // Re-import: a changed surname, one address already on file, one new.
            let second = try workspace.importRecords([
                recordRow(2, "R1", surname: "Lopez Garcia", street: "40 Elm Ave"),
                recordRow(3, "R1", surname: "Lopez Garcia", street: "7 Pine Rd"),
                recordRow(4, "R2", given: "John", surname: "Smith", tin: "987654321"),
            ])
            #expect(second.newPeople == 0)
            #expect(second.updatedPeople == 1)
            #expect(second.newAddresses == 1)
            #expect(second.people == 2)
            let person = try #require(try workspace.record(id: "R1"))
            #expect(person.surname == "Lopez Garcia")
            #expect(person.addresses.map(\.line1) == ["12 Oak St", "40 Elm Ave", "7 Pine Rd"])
            #expect(try workspace.record(id: "R3") == nil)
        }
    }

    @Test func countsRejectedRowsWithTheirLines() async throws {
        try await withTemporaryDirectory { path in
            let workspace = try Workspace.create(at: path)
            let summary = try workspace.importRecords([
                recordRow(2, "R1"),
                .rejected(line: 3, detail: "the row has no record_id"),
                recordRow(4, "R2"),
                .rejected(line: 7, detail: "2 cells, the header has 12"),
            ])
            #expect(summary.rows == 2)
            #expect(summary.rejectedCount == 2)
            #expect(summary.rejected.map(\.line) == [3, 7])
            #expect(summary.rejected.first?.detail == "the row has no record_id")
        }
    }

    @Test func generationBumpsOnlyWhenRecordsArrive() async throws {
        try await withTemporaryDirectory { path in
            let workspace = try Workspace.create(at: path)
            #expect(try workspace.recordsGeneration() == 0)
            let summary = try workspace.importRecords([recordRow(2, "R1")])
            #expect(summary.generation > 0)
            #expect(try workspace.recordsGeneration() == summary.generation)
            let nothing = try workspace.importRecords([.rejected(line: 2, detail: "bad")])
            #expect(nothing.generation == summary.generation)
            let again = try workspace.importRecords([recordRow(2, "R2")])
            #expect(again.generation > summary.generation)
        }
    }

    @Test func smallTransactionsImportEverything() async throws {
        try await withTemporaryDirectory { path in
            let workspace = try Workspace.create(at: path)
            let rows = (0..<25).map { recordRow($0 + 2, "R\($0 % 10)", street: "\($0) Main St") }
            var reported: [Int] = []
            let summary = try workspace.importRecords(rows, transactionRows: 4) { reported.append($0) }
            #expect(summary.rows == 25)
            #expect(summary.people == 10)
            #expect(summary.newAddresses == 25)
            #expect(reported.last == 25)
        }
    }

    @Test func indexIsPersistedAndReloaded() async throws {
        try await withTemporaryDirectory { path in
            let workspace = try Workspace.create(at: path)
            _ = try workspace.importRecords(
                (0..<3000).map { recordRow($0 + 2, String(format: "R%05d", $0), street: "\($0) Main St") })
            let built = try await workspace.loadIndexReporting()
            #expect(built.source == .built)
            #expect(built.index.count == 3000)
            #expect(FileManager.default.fileExists(atPath: workspace.indexPath))

            let reopened = try Workspace.open(at: path)
            let loaded = try await reopened.loadIndexReporting()
            #expect(loaded.source == .file)
            #expect(loaded.generation == built.generation)
            #expect(loaded.index.count == built.index.count)
            #expect(loaded.index.recordIDs == built.index.recordIDs)
            #expect(loaded.index.addressCount == built.index.addressCount)

            // The index equals the one built straight from the rows, as `gatehouse match` does.
            var direct = RecordIndexBuilder(keys: .statutory)
            for n in 0..<3000 {
                if case .record(_, let record) = recordRow(n + 2, String(format: "R%05d", n), street: "\(n) Main St") {
                    direct.add(record)
                }
            }
            let expected = direct.build()
            #expect(bytes(of: loaded.index) == bytes(of: expected))
        }
    }

    @Test func anIndexWithTooFewKeysIsRebuiltWithThoseAskedFor() async throws {
        try await withTemporaryDirectory { path in
            let workspace = try Workspace.create(at: path)
            _ = try workspace.importRecords(
                (0..<200).map { recordRow($0 + 2, String(format: "R%05d", $0), street: "\($0) Main St") })
            let statutory = try await workspace.loadIndexReporting()
            #expect(statutory.source == .built)
            #expect(statutory.index.files(.statutory))
            #expect(!statutory.index.files(.all))
            // The linkage profile needs every key: the file is rebuilt with them, once.
            let all = try await workspace.loadIndexReporting(keys: .all)
            #expect(all.source == .built)
            #expect(all.index.files(.all))
            #expect(all.index.recordIDs == statutory.index.recordIDs)
            #expect(try await workspace.loadIndexReporting(keys: .all).source == .file)
            // An index of every key serves the statutory profile too.
            let reread = try await workspace.loadIndexReporting(keys: .statutory)
            #expect(reread.source == .file)
            #expect(reread.index.files(.all))
        }
    }

    @Test func staleIndexIsRebuilt() async throws {
        try await withTemporaryDirectory { path in
            let workspace = try Workspace.create(at: path)
            _ = try workspace.importRecords([recordRow(2, "R1")])
            let first = try await workspace.loadIndexReporting()
            #expect(first.source == .built)
            #expect(try await workspace.loadIndexReporting().source == .file)

            _ = try workspace.importRecords([recordRow(2, "R2", given: "John")])
            let second = try await workspace.loadIndexReporting()
            #expect(second.source == .built)
            #expect(second.index.recordIDs == ["R1", "R2"])
            #expect(second.generation > first.generation)

            // A damaged file is rebuilt, not trusted.
            try Data("GHWSIDX1 garbage".utf8).write(to: URL(fileURLWithPath: workspace.indexPath))
            let third = try await workspace.loadIndexReporting()
            #expect(third.source == .built)
            #expect(third.index.count == 2)
        }
    }

    private func bytes(of index: RecordIndex) -> [UInt8] {
        var out: [UInt8] = []
        index.write { out.append(contentsOf: $0) }
        return out
    }
}
