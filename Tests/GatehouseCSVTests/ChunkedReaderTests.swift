import Foundation
import GatehouseCore
import Testing

@testable import GatehouseCSV

/// A CSV file's bytes, named for the test report. The header names both formats' required
/// columns, so one file is read both as Records and as Requests.
struct CSVFixture: Sendable, CustomTestStringConvertible {
    let name: String
    let bytes: [UInt8]

    init(_ name: String, _ text: String) {
        self.name = name
        bytes = Array(text.utf8)
    }

    init(_ name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }

    var testDescription: String { name }

    static let header = "record_id,request_id,given_name,surname,address_line1,postcode,case_reference\n"

    /// `header` then `body`.
    static func rows(_ name: String, _ body: String) -> CSVFixture {
        CSVFixture(name, header + body)
    }

    static let all: [CSVFixture] = [
        rows(
            "plain",
            "R1,Q1,Ana,Ruiz,1 Main St,90210,C1\nR2,Q2,Bo,Li,2 Oak Ave,10001,C2\nR3,Q3,Cy,Do,3 Elm St,60601,C3\n"),
        rows("no trailing newline", "R1,Q1,Ana,Ruiz,1 Main St,90210,C1\nR2,Q2,Bo,Li,2 Oak Ave,10001,C2"),
        rows(
            "quoted cells with newlines",
            "R1,Q1,\"Ana\nMaria\",Ruiz,\"1 Main St\nApt 2\",90210,C1\nR2,Q2,Bo,Li,\"2 Oak\n\nAve\",10001,C2\nR3,Q3,Cy,Do,x,1,C3\n"
        ),
        rows(
            "doubled quotes",
            "R1,Q1,\"Ana \"\"Nan\"\" \",Ruiz,\"1 \"\"Main\"\", St\",90210,C1\nR2,Q2,\"\"\"\",Li,\"\"\"\"\"\",1,C2\n"),
        CSVFixture(
            "CRLF",
            "record_id,request_id,given_name,surname,address_line1\r\nR1,Q1,Ana,Ruiz,1 Main\r\nR2,Q2,\"Bo\r\nB\",Li,2 Oak\r\n\r\nR3,Q3,Cy,Do,x\r\n"
        ),
        CSVFixture(
            "BOM and CRLF",
            "\u{FEFF} Record_ID , Request_ID ,given_name,SURNAME,address_line1\r\nR1,Q1,Ana,Ruiz,1 Main\r\nR2,Q2,Bo,Li,2 Oak"
        ),
        CSVFixture(
            "bare CR line ends",
            "record_id,request_id,given_name,surname,address_line1\rR1,Q1,Ana,Ruiz,1 Main\rR2,Q2,Bo,Li,2\r"),
        rows("CR at end of file after a quote", "R1,Q1,Ana,Ruiz,\"1 Main\"\r"),
        rows("quote at end of file", "R1,Q1,Ana,Ruiz,\"1 Main\""),
        CSVFixture(
            "blank lines",
            "\n\n" + header + "\n\nR1,Q1,Ana,Ruiz,1 Main St,1,C1\n\n\r\n\nR2,Q2,Bo,Li,2 Oak,2,C2\n\n\n"),
        rows("only blank lines after the header", "\n\n\r\n\n"),
        rows("header only", ""),
        rows(
            "stray quote in an unquoted cell",
            "R1,Q1,Ana,Ruiz,1 Main,1,C1\nR2,Q2,Bo\"b,Li,2 Oak,2,C2\nR3,Q3,Cy,Do,3 Elm,3,C3\n"),
        rows(
            "stray character after a closing quote",
            "R1,Q1,\"Ana\"x,Ruiz,1 Main,1,C1\nR2,Q2,\"Bo\"\r,Li,2\nR3,Q3,Cy,Do,3 Elm,3,C3\n"),
        rows(
            "unbalanced quote swallows eight lines at most",
            "R0,Q0,Ann,Bee,1 St,1,C\nR1,Q1,\"never closed,Ruiz,1 Main,1,C1\n"
                + (2...30).map { "R\($0),Q\($0),Ann,Bee,\($0) St,\($0),C\($0)\n" }.joined()),
        rows(
            "quoted cell with exactly eight line breaks",
            "R1,Q1,\"a\n\n\n\n\n\n\n\nb\",Ruiz,1 Main,1,C1\nR2,Q2,Bo,Li,2 Oak,2,C2\n"),
        rows(
            "quoted cell with nine line breaks",
            "R1,Q1,\"a\n\n\n\n\n\n\n\n\nb\",Ruiz,1 Main,1,C1\nR2,Q2,Bo,Li,2 Oak,2,C2\n"),
        rows(
            "several quoted cells of eight line breaks in one row",
            "R1,Q1,\"a\n\n\n\n\n\n\n\nb\",\"c\n\n\n\n\n\n\n\nd\",\"e\n\n\n\n\n\n\n\nf\",1,C1\nR2,Q2,Bo,Li,2 Oak,2,C2\n"),
        rows(
            "quoted newlines then a stray quote",
            "R1,Q1,\"a\nb\",x\"y,1 Main,1,C1\nR2,Q2,Bo,Li,2 Oak,2,C2\n\"R3\",\"Q3\",\"Cy\",\"Do\",\"3\",\"3\",\"C3\"\n"),
        rows("unbalanced quote at end of file", "R1,Q1,Ana,Ruiz,1 Main,1,C1\nR2,Q2,\"Bo,Li,2 Oak,2,C2\nR3"),
        rows(
            "short and long rows",
            "R1,Q1,Ana\nR2,Q2,Bo,Li,2 Oak,2,C2,extra,cells,here\nR3\n,,,,,,\nR5,Q5,Cy,Do,3,3,C3,\n"),
        rows("missing ids", ",,Ana,Ruiz,1 Main,1,C1\n  ,\t,Bo,Li,2 Oak,2,C2\nR3,Q3,Cy,Do,3,3,C3\n"),
        rows(
            "spaces and tabs to trim",
            " R1 ,\tQ1\t,\" Ana \",Ruiz  ,  1 Main St , 90210,C1\n\"  R2\",\"Q2  \",Bo,Li,2 Oak,2,C2\n"),
        rows("a row of one space", " \nR2,Q2,Bo,Li,2 Oak,2,C2\n"),
        rows(
            "all quoted",
            "\"R1\",\"Q1\",\"Ana\",\"Ruiz\",\"1 Main\",\"1\",\"C1\"\n\"R2\",\"Q2\",\"\",\"Li\",\"2, Oak\",\"2\",\"C2\"\n"
        ),
        rows(
            "non-ASCII", "R1,Q1,José,Muñoz,Calle Año 5,1,C1\nR2,Q2,\"Zoë\",\"Nguyễn\",日本 1-2,2,C2\nR3,Q3,😀,Ö,x,3,C3\n"),
        CSVFixture(
            "invalid UTF-8",
            bytes: Array((header + "R1,Q1,Ana,Ruiz,1 Main,1,C1\nR2,Q2,").utf8) + [0xFF, 0xFE]
                + Array(",Li,2 Oak,2,C2\nR3,Q3,\"".utf8) + [0xC3] + Array("\",Do,3,3,C3\nR4,Q4,".utf8)
                + [0xED, 0xA0, 0x80] + Array(",Eve,4,4,C4\nR5,Q5,Fay,".utf8) + [0xE0, 0x80, 0x80]
                + Array(",5,5,C5\nR6,Q6,Gus,Ho,6,6,C6\n".utf8)),
        CSVFixture(
            "invalid UTF-8 in an unread column",
            bytes: Array("record_id,request_id,given_name,surname,address_line1,notes\nR1,Q1,Ana,Ruiz,1 Main,".utf8)
                + [0xF4, 0x90, 0x80, 0x80] + Array("\nR2,Q2,Bo,Li,2 Oak,ok\n".utf8)),
        rows(
            "malformed rows with invalid UTF-8",
            "R1,Q1,Ana,Ru\"iz,1,1,C1\n" + "R2,Q2,\"unclosed\n" + (3...14).map { "R\($0),Q\($0),A,B,C,D,E\n" }.joined()),
    ]
}

/// The rows both ways: streaming, and every chunk in order.
private func readBothWays(_ path: String, chunkBytes: Int) throws -> (streamed: [RecordRow], chunked: [RecordRow]) {
    let streamed = Array(try RecordsReader(path: path))
    let chunks = try RecordsChunks(path: path, chunkBytes: chunkBytes)
    return (streamed, (0..<chunks.count).flatMap { chunks.rows($0) })
}

private func readRequestsBothWays(
    _ path: String, chunkBytes: Int
) throws -> (streamed: [RequestRow], chunked: [RequestRow], absent: ([String], [String])) {
    let reader = try RequestsReader(path: path)
    let streamed = Array(reader)
    let chunks = try RequestsChunks(path: path, chunkBytes: chunkBytes)
    return (streamed, (0..<chunks.count).flatMap { chunks.rows($0) }, (reader.absentColumns, chunks.absentColumns))
}

/// The error that `body` throws, or nil.
private func thrownError(_ body: () throws -> Void) -> (any Error)? {
    do {
        try body()
        return nil
    } catch {
        return error
    }
}

/// SplitMix64: a small seeded generator, so that generated files are the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct ChunkedReaderTests {
    static let chunkSizes = [1, 7, 64, 4096]

    @Test(arguments: CSVFixture.all, chunkSizes)
    func recordsChunksYieldTheStreamingRows(_ fixture: CSVFixture, chunkBytes: Int) throws {
        let path = try temporaryFile(bytes: fixture.bytes)
        let (streamed, chunked) = try readBothWays(path, chunkBytes: chunkBytes)
        #expect(chunked == streamed)
    }

    @Test(arguments: CSVFixture.all, chunkSizes)
    func requestsChunksYieldTheStreamingRows(_ fixture: CSVFixture, chunkBytes: Int) throws {
        let path = try temporaryFile(bytes: fixture.bytes)
        let (streamed, chunked, absent) = try readRequestsBothWays(path, chunkBytes: chunkBytes)
        #expect(chunked == streamed)
        #expect(absent.1 == absent.0)
    }

    /// What the streaming reader yields for a few fixtures, so that the comparison above is
    /// between right answers.
    @Test func fixturesReadAsExpected() throws {
        func rows(_ name: String) throws -> [RecordRow] {
            let fixture = try #require(CSVFixture.all.first { $0.name == name })
            let chunks = try RecordsChunks(path: try temporaryFile(bytes: fixture.bytes), chunkBytes: 1)
            return (0..<chunks.count).flatMap { chunks.rows($0) }
        }
        func summary(_ row: RecordRow) -> String {
            switch row {
            case .record(let line, let record):
                "\(line):\(record.recordID)|\(record.givenName)|\(record.addresses[0].line1)"
            case .rejected(let line, let detail): "\(line):rejected \(detail)"
            }
        }
        #expect(
            try rows("quoted cells with newlines").map(summary) == [
                "2:R1|Ana\nMaria|1 Main St\nApt 2", "5:R2|Bo|2 Oak\n\nAve", "8:R3|Cy|x",
            ])
        #expect(try rows("doubled quotes").map(summary) == ["2:R1|Ana \"Nan\"|1 \"Main\", St", "3:R2|\"|\"\""])
        #expect(try rows("CRLF").map(summary) == ["2:R1|Ana|1 Main", "3:R2|Bo\r\nB|2 Oak", "6:R3|Cy|x"])
        #expect(try rows("BOM and CRLF").map(summary) == ["2:R1|Ana|1 Main", "3:R2|Bo|2 Oak"])
        #expect(try rows("bare CR line ends").map(summary) == ["2:R1|Ana|1 Main", "3:R2|Bo|2"])
        #expect(try rows("blank lines").map(summary) == ["6:R1|Ana|1 Main St", "10:R2|Bo|2 Oak"])
        #expect(try rows("header only").isEmpty)
        #expect(
            try rows("stray quote in an unquoted cell").map(summary) == [
                "2:R1|Ana|1 Main", "3:rejected malformed row: a quote inside an unquoted cell", "4:R3|Cy|3 Elm",
            ])
        let unbalanced = try rows("unbalanced quote swallows eight lines at most")
        #expect(unbalanced.count == 31)
        #expect(summary(unbalanced[1]) == "3:rejected malformed row: a quoted cell does not end (unbalanced quote)")
        #expect(summary(unbalanced[30]) == "32:R30|Ann|30 St")
        #expect(
            try rows("quoted cell with exactly eight line breaks").map(summary) == [
                "2:R1|a\n\n\n\n\n\n\n\nb|1 Main", "11:R2|Bo|2 Oak",
            ])
        #expect(
            try rows("quoted cell with nine line breaks").map(summary) == [
                "2:rejected malformed row: a quoted cell does not end (unbalanced quote)",
                "11:rejected malformed row: a quote inside an unquoted cell", "12:R2|Bo|2 Oak",
            ])
        #expect(
            try rows("unbalanced quote at end of file").map(summary) == [
                "2:R1|Ana|1 Main", "3:rejected malformed row: unbalanced quote at the end of the file",
                "4:rejected 1 cells, the header has 7",
            ])
        #expect(
            try rows("invalid UTF-8").map(summary) == [
                "2:R1|Ana|1 Main", "3:rejected the row is not valid UTF-8", "4:rejected the row is not valid UTF-8",
                "5:rejected the row is not valid UTF-8", "6:rejected the row is not valid UTF-8", "7:R6|Gus|6",
            ])
        #expect(
            try rows("invalid UTF-8 in an unread column").map(summary) == [
                "2:rejected the row is not valid UTF-8", "3:R2|Bo|2 Oak",
            ])
        #expect(try rows("spaces and tabs to trim").map(summary) == ["2:R1|Ana|1 Main St", "3:R2|Bo|2 Oak"])
        #expect(try rows("non-ASCII").map(summary) == ["2:R1|José|Calle Año 5", "3:R2|Zoë|日本 1-2", "4:R3|😀|x"])
    }

    /// A cut lands on every row start at one byte per chunk, on one chunk for a small file, and on
    /// none for a file with no data.
    @Test func chunkCountFollowsTheChunkSize() throws {
        let text = CSVFixture.header + (1...10).map { "R\($0),Q\($0),Ana,Ruiz,\"1\nMain\",1,C\n" }.joined()
        let path = try temporaryFile(text)
        #expect(try RecordsChunks(path: path, chunkBytes: 1).count == 10)
        #expect(try RecordsChunks(path: path, chunkBytes: 0).count == 10)
        #expect(try RecordsChunks(path: path, chunkBytes: 4096).count == 1)
        let single = try RecordsChunks(path: path, chunkBytes: 1)
        #expect((0..<10).allSatisfy { single.rows($0).count == 1 })
        #expect(try RecordsChunks(path: try temporaryFile(CSVFixture.header), chunkBytes: 1).count == 0)
        #expect(
            try RecordsChunks(path: try temporaryFile("record_id,given_name,surname,address_line1"), chunkBytes: 1)
                .count == 0)
    }

    @Test(arguments: [
        CSVFixture("empty", ""),
        CSVFixture("blank lines only", "\n\r\n\n"),
        CSVFixture("BOM only", "\u{FEFF}"),
        CSVFixture("NUL bytes", bytes: [0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 13]),
        CSVFixture("NUL after the header", "record_id,request_id,given_name,surname,address_line1\n\u{0}\n"),
        CSVFixture("unreadable header", "record_id,\"given\"name,surname\n1,2,3\n"),
        CSVFixture("header unbalanced quote", "\"record_id,given_name"),
        CSVFixture("invalid UTF-8 header", bytes: Array("record_id,given_name,".utf8) + [0xFF]),
        CSVFixture("missing columns", "record_id,request_id,given_name\nR1,Q1,Ana\n"),
        CSVFixture("blank header cells", " , ,\n,\nrecord_id,given_name\n"),
    ])
    func headerErrorsAreTheStreamingReaders(_ fixture: CSVFixture) throws {
        let path = try temporaryFile(bytes: fixture.bytes)
        let streamed = thrownError { _ = try RecordsReader(path: path) } as? CSVError
        let chunked = thrownError { _ = try RecordsChunks(path: path) } as? CSVError
        #expect(streamed != nil)
        #expect(chunked == streamed)
        let streamedRequests = thrownError { _ = try RequestsReader(path: path) } as? CSVError
        let chunkedRequests = thrownError { _ = try RequestsChunks(path: path) } as? CSVError
        #expect(streamedRequests != nil)
        #expect(chunkedRequests == streamedRequests)
    }

    @Test func headerErrorsNameTheirCause() throws {
        let missing = "/nonexistent-\(UUID().uuidString).csv"
        #expect(throws: CSVError.cannotOpen(path: missing)) { try RecordsChunks(path: missing) }
        let empty = try temporaryFile("")
        #expect(throws: CSVError.empty(path: empty)) { try RecordsChunks(path: empty) }
        let binary = try temporaryFile(bytes: [0x89, 0x50, 0, 0])
        #expect(throws: CSVError.notCSV(path: binary, detail: "it contains NUL bytes (a binary file?)")) {
            try RecordsChunks(path: binary)
        }
        let lacking = try temporaryFile("record_id,given_name\nR1,Ana\n")
        #expect(throws: CSVError.missingColumns(path: lacking, columns: ["surname", "address_line1"])) {
            try RecordsChunks(path: lacking)
        }
        #expect(throws: CSVError.missingColumns(path: lacking, columns: ["request_id", "surname", "address_line1"])) {
            try RequestsChunks(path: lacking)
        }
    }

    @Test func mappingAndAbsentColumnsAreTheStreamingReaders() throws {
        let path = try temporaryFile("ID,First,Last,Street\nQ1,Ana,Ruiz,1 Main\nQ2,Bo,Li,2 Oak\n")
        let mapping = try ColumnMapping(parsing: "request_id=id,given_name=first,surname=last,address_line1=street")
        let reader = try RequestsReader(path: path, mapping: mapping)
        let chunks = try RequestsChunks(path: path, mapping: mapping, chunkBytes: 7)
        #expect(chunks.absentColumns == reader.absentColumns)
        #expect(chunks.absentColumns.contains("postcode"))
        #expect((0..<chunks.count).flatMap { chunks.rows($0) } == Array(reader))
        #expect(chunks.header == ["ID", "First", "Last", "Street"])
    }

    /// Random files made of CSV's awkward pieces: every one reads the same both ways.
    @Test(arguments: 0..<8)
    func generatedFilesReadTheSameBothWays(_ seed: Int) throws {
        var random = SeededGenerator(state: UInt64(seed) &* 7919 &+ 1)
        let pieces: [[UInt8]] = [
            Array("Ana".utf8), Array("R1".utf8), Array("12 Main St".utf8), Array(" ".utf8), Array("\t".utf8),
            Array(",".utf8), Array(",".utf8), Array(",".utf8), Array("\"".utf8), Array("\"\"".utf8),
            Array("\"x,\ny\"".utf8), Array("\n".utf8), Array("\n".utf8), Array("\r\n".utf8), Array("\r".utf8),
            Array("José".utf8), [0xFF], [0xC3], Array("\"\"\"".utf8), Array("\n\n".utf8),
        ]
        for _ in 0..<25 {
            var bytes = Array(CSVFixture.header.utf8)
            for _ in 0..<Int.random(in: 0..<400, using: &random) {
                bytes += pieces[Int.random(in: 0..<pieces.count, using: &random)]
            }
            let path = try temporaryFile(bytes: bytes)
            for chunkBytes in [1, 5, 64, 1 << 20] {
                let (streamed, chunked) = try readBothWays(path, chunkBytes: chunkBytes)
                #expect(chunked == streamed, "seed \(seed), chunk size \(chunkBytes)")
                let (streamedRequests, chunkedRequests, _) = try readRequestsBothWays(path, chunkBytes: chunkBytes)
                #expect(chunkedRequests == streamedRequests, "seed \(seed), chunk size \(chunkBytes)")
            }
        }
    }

    /// Chunks read concurrently, in any order, put back in order give the streaming rows.
    @Test func concurrentChunksReadTheSameRows() async throws {
        var text = CSVFixture.header
        for n in 0..<20_000 {
            text +=
                n % 97 == 0
                ? "R\(n),Q\(n),\"Ana\nMaria\",Ruiz,\"1 \"\"Main\"\" St\",\(n),C\n"
                : "R\(n),Q\(n),Bo,Li,\(n) Oak Ave,\(n),C\n"
            if n % 1_001 == 0 { text += "R\(n),bad\"quote\n" }
        }
        let path = try temporaryFile(text)
        let streamed = Array(try RecordsReader(path: path))
        let chunks = try RecordsChunks(path: path, chunkBytes: 16 << 10)
        #expect(chunks.count > 20)
        let parsed = await withTaskGroup(of: (Int, [RecordRow]).self) { group in
            for chunk in 0..<chunks.count { group.addTask { (chunk, chunks.rows(chunk)) } }
            var parsed = [[RecordRow]](repeating: [], count: chunks.count)
            for await (chunk, rows) in group { parsed[chunk] = rows }
            return parsed
        }
        #expect(parsed.flatMap { $0 } == streamed)
        #expect(streamed.count == 20_000 + 20)
    }

    /// A malformed row that straddles the streaming reader's 4 MiB buffer is one row, as it is
    /// when the whole file is in memory.
    @Test func malformedRowAcrossTheStreamingBufferIsOneRow() throws {
        let buffer = 1 << 22
        var text = CSVFixture.header
        var rows = 0
        while text.utf8.count < buffer - 200 {
            text += "R\(rows),Q\(rows),Ana,Ruiz,1 Main St,90210,C1\n"
            rows += 1
        }
        // A filler row so that the next row starts 20 bytes before the buffer ends: its stray quote
        // is inside the first buffer, its line feed past it.
        let filler = "RF,QF,Ana,Ruiz,,1,C\n"
        let padding = buffer - 20 - text.utf8.count - filler.utf8.count
        text += "RF,QF,Ana,Ruiz," + String(repeating: "x", count: padding) + ",1,C\n"
        #expect(text.utf8.count == buffer - 20)
        text += "RX,QX,Ana,Ru\"iz,1 Main St, and a long tail that crosses the buffer end,C\n"
        text += "RY,QY,Bo,Li,2 Oak Ave,10001,C2\n"
        let path = try temporaryFile(text)
        for chunkBytes in [1 << 16, 8 << 20] {
            let (streamed, chunked) = try readBothWays(path, chunkBytes: chunkBytes)
            #expect(chunked == streamed)
            #expect(streamed.count == rows + 3)
            #expect(
                streamed[rows + 1]
                    == .rejected(line: rows + 3, detail: "malformed row: a quote inside an unquoted cell"))
            guard case .record(let line, let last) = streamed.last else {
                Issue.record("the last row should be a record")
                return
            }
            #expect(line == rows + 4 && last.recordID == "RY")
        }
    }

    /// The one-pass UTF-8 check agrees with `String(validating:)`, which the streaming `CSVRow`s use.
    @Test func utf8ValidationAgreesWithTheStandardLibrary() {
        var random = SeededGenerator(state: 42)
        let interesting: [UInt8] = [
            0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED,
            0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF,
        ]
        var disagreements = 0
        var invalid = 0
        for _ in 0..<200_000 {
            var bytes = [UInt8](repeating: 0x61, count: Int.random(in: 0..<12, using: &random))
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                bytes.append(interesting[Int.random(in: 0..<interesting.count, using: &random)])
            }
            bytes += [UInt8](repeating: 0x62, count: Int.random(in: 0..<10, using: &random))
            let expected = String(validating: bytes, as: UTF8.self) != nil
            let actual = bytes.withUnsafeBufferPointer { UTF8Validation.isValid($0, 0..<$0.count) }
            if expected != actual { disagreements += 1 }
            if !expected { invalid += 1 }
        }
        #expect(disagreements == 0)
        #expect(invalid > 10_000)
        for valid in ["", "abcdefghijklmnop", "José Muñoz", "日本語のテキスト", "😀 \u{10FFFF} \u{FFFD}"] {
            #expect(Array(valid.utf8).withUnsafeBufferPointer { UTF8Validation.isValid($0, 0..<$0.count) })
        }
    }
}
