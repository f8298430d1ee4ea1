import Foundation
import GatehouseCSV
@testable import GatehouseCore
import Testing

/// Rows read as bytes (`PreparedChunk.append(_: RecordCells)`, what `match` and the index
/// rebuild read) are packed and keyed exactly as the same rows read as `Record`s.
@Suite struct RecordCellsPathTests {
    /// Every row of a generated store — lowercase and mixed-case text, units on either line,
    /// directionals, numbered streets, nicknames, compound surnames, ZIP+4 — through both paths.
    @Test(arguments: [IndexKeys.all, .statutory])
    func generatedStoreReadsTheSameEitherWay(keys: IndexKeys) throws {
        let fixture = try SynthFixture.make(records: 3_000, requests: 1, seed: 23)
        defer { fixture.remove() }
        let chunks = try RecordsChunks(path: fixture.directory + "/records.csv", chunkBytes: 16 << 10)
        #expect(chunks.count > 3)
        var rows = 0
        for n in 0..<chunks.count {
            var viaRecords = PreparedChunk(keys: keys)
            for case .record(_, let record) in chunks.rows(n) { viaRecords.append(record) }
            var viaCells = PreparedChunk(keys: keys)
            chunks.forEachRow(n) { viaCells.append($0) } other: { row in
                if case .record(_, let record) = row { viaCells.append(record) }
            }
            rows += viaCells.count
            expectSame(viaCells, viaRecords, "chunk \(n)")
        }
        #expect(rows == fixture.records.count)
    }

    /// Fields that leave the fast path at every turn, one row each.
    static let tricky: [[String]] = [
        // id, tin, given, middle, surname, birth, line1, line2, city, state, postcode
        ["R1", "123-45-6789", "CARLA", "FRANCES", "LAMBRECHT", "1948-02-03", "942 SANDY AVE", "", "ENUMCLAW", "WA", "98022-5785"],
        ["R2", "", "carla", "", "Lambrecht", "", "942 sandy ave", "", "Enumclaw", "wa", "98022"],
        ["R3", "12345678", "JOHN", "JR", "SMITH", "1970/01/31", "12 N MAIN ST", "APT 4", "ST. LOUIS", "Missouri", "63101"],
        ["R4", "", "JOHN", "V", "SMITH", "19700131", "12 MAIN ST APT 4", "", "SAINT  LOUIS", "MO", "631"],
        ["R5", "", "MARÍA JOSÉ", "", "GARCÍA-LÓPEZ", "", "1 ELM", "", "", "", "SW1A 1AA"],
        ["R6", "", "ANNE", "III", "DE LA CRUZ", "", "PO BOX 12", "", "MIAMI", "FL", "33101"],
        ["R7", "", "", "", "", "", "", "", "", "", ""],
        ["R8", "", "O2", "J", "O'BRIEN", "", "123 SEVENTH AVE", "", "NEW YORK", "NY", "10001"],
        ["R9", "", "LEE", "II", "PARK", "", "5 XXX ST", "", "NEW YORK", "NY", "10001"],
        ["R10", "", "LEE", "", "PARK", "", "5 MAIN STREET", "UNIT 7", "NEW YORK", "NY", "10001"],
        ["R11", "", "LEE", "", "PARK", "", "1114 91ST WAY", "#90", "NEW YORK", "NY", "10001"],
        ["R12", "", "LEE", "", "PARK", "", "90363 VT PR", "", "NEW YORK", "NY", "10001"],
        ["R13", "", "LEE", "", "PARK", "", "7 MEADOW VIEW LN", "", "NEW YORK", "NEW YORK", "10001 1234"],
        ["R14", "", "ann", "jr", "o2", "", "7 Meadow View Ln", "apt 4", "New York", "ny", "10001"],
        ["R15", "", "Lee", "Iii", "De", "", "7 MEADOW VIEW LN", "BLDG A", "NEW YORK", "NY", "10001"],
        ["R16", "", "Lee", "v", "Park", "", "7 MEADOW VIEW LN", "MEADOW VIEW", "NEW YORK", "NY", "10001"],
        ["R17", "", "Lee", "Junior", "Park", "", "7 MEADOW VIEW LN", " ", "NEW YORK", "XX", "10001"],
    ]

    @Test func trickyRowsReadTheSameEitherWay() {
        for keys in [IndexKeys.all, .statutory] {
            var viaRecords = PreparedChunk(keys: keys)
            var viaCells = PreparedChunk(keys: keys)
            for row in Self.tricky {
                let storage = row.map { text in
                    let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, text.utf8.count))
                    _ = buffer.initialize(from: text.utf8)
                    return UnsafeBufferPointer(rebasing: UnsafeBufferPointer(buffer)[0..<text.utf8.count])
                }
                defer { for span in storage { UnsafeMutableRawPointer(mutating: span.baseAddress!).deallocate() } }
                let cells = RecordCells(storage)
                #expect(cells.record.recordID == row[0])
                viaRecords.append(cells.record)
                viaCells.append(cells)
            }
            expectSame(viaCells, viaRecords, "tricky rows")
        }
    }

    private func string(_ chunk: PreparedChunk, _ k: Int) -> String {
        guard k < chunk.ends.count else { return "(none)" }
        let start = k == 0 ? 0 : Int(chunk.ends[k - 1])
        return String(decoding: chunk.bytes[start..<Int(chunk.ends[k])], as: UTF8.self)
    }

    /// Compares two chunks part by part, naming the first string that differs (not dumping both).
    private func expectSame(_ a: PreparedChunk, _ b: PreparedChunk, _ what: String) {
        #expect(a.count == b.count, "\(what): rows")
        #expect(a.rows == b.rows, "\(what): row fields")
        let stringsEqual = a.ends == b.ends && a.bytes == b.bytes
        if !stringsEqual, let k = a.ends.indices.first(where: { k in k >= b.ends.count || a.ends[k] != b.ends[k] || string(a, k) != string(b, k) }) {
            Issue.record("\(what): string \(k) is '\(string(a, k))' by bytes, '\(string(b, k))' by records")
        }
        #expect(stringsEqual, "\(what): strings")
        #expect(a.zips == b.zips, "\(what): ZIPs")
        let keysEqual = a.keys == b.keys
        #expect(keysEqual, "\(what): keys")
    }
}
