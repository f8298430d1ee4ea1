import Foundation
import GatehouseCSV
import GatehouseCore
import Testing

/// Files in another encoding are named as such, and overlong fields are refused row by row.
@Suite struct EncodingAndLimitTests {
    static let header = "request_id,given_name,surname,address_line1,postcode,case_reference\n"

    static func utf16(_ text: String, bigEndian: Bool, mark: Bool) -> [UInt8] {
        var bytes: [UInt8] = mark ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
        for unit in text.utf16 {
            let high = UInt8(unit >> 8)
            let low = UInt8(unit & 0xFF)
            bytes += bigEndian ? [high, low] : [low, high]
        }
        return bytes
    }

    @Test(arguments: [
        (false, true, "UTF-16 (little-endian, with a byte-order mark)"),
        (true, true, "UTF-16 (big-endian, with a byte-order mark)"),
        (false, false, "UTF-16 (little-endian)"),
        (true, false, "UTF-16 (big-endian)"),
    ])
    func utf16IsNamedAsUTF16(bigEndian: Bool, mark: Bool, expected: String) throws {
        let text = Self.header + "Q1,Ana,García,1 Main St,62701,C-1\n"
        let path = try temporaryFile(bytes: Self.utf16(text, bigEndian: bigEndian, mark: mark))
        for read in [
            { _ = try RequestsReader(path: path) }, { _ = try RequestsChunks(path: path) },
            { _ = try RecordsReader(path: path) },
        ] as [() throws -> Void] {
            do {
                try read()
                Issue.record("a UTF-16 file was read")
            } catch let error as CSVError {
                #expect(error.description.contains(expected), "\(error)")
                #expect(error.description.contains("save it as UTF-8 CSV"), "\(error)")
                #expect(!error.description.contains("binary"), "\(error)")
            }
        }
    }

    @Test func utf32IsNamedAsUTF32() throws {
        let path = try temporaryFile(bytes: [0xFF, 0xFE, 0, 0] + Array("a\n".utf8).flatMap { [$0, 0, 0, 0] })
        #expect(throws: CSVError.notCSV(path: path, detail: "the file is UTF-32 (little-endian); save it as UTF-8 CSV")) {
            _ = try CSVReader(path: path)
        }
    }

    @Test func aBinaryFileIsStillABinaryFile() throws {
        let path = try temporaryFile(bytes: [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0, 0x3E, 0])
        #expect(throws: CSVError.notCSV(path: path, detail: "it contains NUL bytes (a binary file?)")) {
            _ = try CSVReader(path: path)
        }
    }

    @Test func aLatin1HeaderIsNamed() throws {
        // "dirección" in Latin-1: 0xF3 is not UTF-8.
        let path = try temporaryFile(bytes: Array("request_id,direcci".utf8) + [0xF3] + Array("n\nQ1,x\n".utf8))
        do {
            _ = try CSVReader(path: path)
            Issue.record("a Latin-1 header was read")
        } catch let error as CSVError {
            #expect(error.description.contains("save it as UTF-8 CSV"), "\(error)")
        }
    }

    /// Every column's limit, and a value one byte over it refused with the column named.
    @Test(arguments: RequestsFormat.columns)
    func eachRequestFieldHasALimit(_ column: String) throws {
        let limit = FieldLimits.bytes(of: column)
        #expect(limit >= 32 && limit <= 256)
        let columns = RequestsFormat.columns
        func row(_ value: String) -> String {
            columns.map { $0 == column ? value : ($0 == "request_id" ? "Q1" : "x") }.joined(separator: ",")
        }
        let text = columns.joined(separator: ",") + "\n" + row(String(repeating: "a", count: limit)) + "\n"
            + row(String(repeating: "é", count: limit / 2) + "a") + "\n"
            + row("  " + String(repeating: "a", count: limit) + "  ") + "\n"
        let rows = Array(try RequestsReader(path: try temporaryFile(text)))
        #expect(rows.count == 3)
        guard case .request = rows[0] else { Issue.record("a value at the limit was refused: \(rows[0])"); return }
        guard case .rejected(_, let id, let reason, let detail) = rows[1] else {
            Issue.record("a value over the limit was accepted"); return
        }
        #expect(reason == .rowFieldTooLong)
        #expect(detail == "the \(column) field is \(limit + 1) bytes long; the limit is \(limit) bytes")
        #expect(id == (column == "request_id" ? "" : "Q1"))
        // Spaces around a value are trimmed before it is measured.
        guard case .request = rows[2] else { Issue.record("trimmed value at the limit was refused"); return }
    }

    @Test func aTenMegabyteGivenNameIsRefusedAndTheOtherRowsAreRead() throws {
        let huge = String(repeating: "A", count: 10 << 20)
        let text = Self.header + "Q1,Ana,Lee,1 Main St,62701,C-1\nQ2,\(huge),Lee,2 Main St,62701,C-2\n"
            + "Q3,\"\(huge)\",Lee,3 Main St,62701,C-3\nQ4,Bo,Lee,4 Main St,62701,C-4\n"
        let path = try temporaryFile(text)
        let streamed = Array(try RequestsReader(path: path))
        let chunks = try RequestsChunks(path: path, chunkBytes: 1 << 16)
        let chunked = (0..<chunks.count).flatMap { chunks.rows($0) }
        #expect(streamed == chunked)
        #expect(streamed.count == 4)
        for index in [1, 2] {
            guard case .rejected(let line, let id, .rowFieldTooLong, let detail) = streamed[index] else {
                Issue.record("row \(index) was not refused: \(streamed[index])"); continue
            }
            #expect(line == index + 2)
            #expect(id == "Q\(index + 1)")
            #expect(detail == "the given_name field is 10485760 bytes long; the limit is 256 bytes")
        }
        guard case .request(let last) = streamed[3] else { Issue.record("the row after was lost"); return }
        #expect(last.requestID == "Q4")
    }

    @Test func anOverlongRecordFieldRejectsTheRecordRow() throws {
        let text = "record_id,given_name,surname,address_line1\nR1,Ana,\(String(repeating: "x", count: 300)),1 Main St\nR2,Bo,Lee,2 Main St\n"
        let path = try temporaryFile(text)
        let rows = Array(try RecordsReader(path: path))
        #expect(rows.count == 2)
        #expect(rows[0] == .rejected(line: 2, detail: "the surname field is 300 bytes long; the limit is 256 bytes"))
        let chunks = try RecordsChunks(path: path)
        var plain = 0
        var other: [RecordRow] = []
        chunks.forEachRow(0) { _ in plain += 1 } other: { other.append($0) }
        #expect(plain == 1)
        #expect(other == [rows[0]])
    }
}
