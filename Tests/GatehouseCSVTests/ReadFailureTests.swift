import Foundation
import GatehouseCore
import Testing

@testable import GatehouseCSV

/// A file that cannot be read to its end ends its rows with an error to check, never silently.
@Suite struct ReadFailureTests {
    struct DiskFailure: Error, CustomStringConvertible {
        var description: String { "input/output error" }
    }

    /// Reads `path` `chunk` bytes at a time and fails once `limit` bytes have been handed out.
    static func failing(after limit: Int, path: String) -> (Int) throws -> Data {
        let data = FileManager.default.contents(atPath: path) ?? Data()
        nonisolated(unsafe) var offset = 0
        return { count in
            guard offset < limit else { throw DiskFailure() }
            let end = min(offset + count, data.count)
            defer { offset = end }
            return data.subdata(in: offset..<end)
        }
    }

    static let records = """
        record_id,given_name,surname,address_line1,city,state,postcode
        R1,ANNA,LEE,1 ELM ST,SPRINGFIELD,IL,62701
        R2,BEN,OKAFOR,2 OAK AVE,SPRINGFIELD,IL,62701
        R3,CARA,NGUYEN,3 PINE RD,SPRINGFIELD,IL,62701
        R4,DAN,SMITH,4 MAPLE DR,SPRINGFIELD,IL,62701

        """

    @Test func aReadErrorEndsTheRowsAndIsKept() throws {
        let path = try temporaryFile(Self.records)
        // Chunks of 64 bytes; the read after the first 128 bytes fails.
        let reader = try CSVReader(path: path, chunkSize: 64, read: Self.failing(after: 128, path: path))
        var ids: [String] = []
        while let row = reader.next() { ids.append(row.cells[0]) }
        #expect(ids == ["R1"])
        #expect(reader.next() == nil)
        let error = try #require(reader.readError)
        #expect(error == .readFailed(path: path, line: 3, detail: "input/output error"))
        #expect(throws: CSVError.self) { try reader.finish() }
        #expect("\(error)".contains("line 3"))
        #expect(!"\(error)".contains("BEN"))
    }

    @Test func aRecordsReaderReportsTheFailure() throws {
        let path = try temporaryFile(Self.records)
        let reader = try RecordsReader(
            reader: CSVReader(path: path, chunkSize: 64, read: Self.failing(after: 128, path: path)),
            mapping: ColumnMapping())
        var rows = 0
        while reader.next() != nil { rows += 1 }
        #expect(rows == 1)
        #expect(reader.readError != nil)
        #expect(throws: CSVError.self) { try reader.finish() }
    }

    @Test func aFileReadToItsEndHasNoError() throws {
        let path = try temporaryFile(Self.records)
        let reader = try CSVReader(path: path, chunkSize: 64, read: Self.failing(after: .max, path: path))
        var rows = 0
        while reader.next() != nil { rows += 1 }
        #expect(rows == 4)
        #expect(reader.readError == nil)
        try reader.finish()
    }
}
