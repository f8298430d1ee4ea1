import Foundation
import GatehouseCSV
import GatehouseCore
import Testing

/// Writes `text` to a fresh temporary file and returns its path.
func temporaryFile(_ text: String, name: String = "test.csv") throws -> String {
    try temporaryFile(bytes: Array(text.utf8), name: name)
}

func temporaryFile(bytes: [UInt8], name: String = "test.csv") throws -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
        "gatehouse-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let url = directory.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url.path
}

@Suite struct CSVReaderTests {
    func rows(_ text: String) throws -> [CSVRow] {
        let reader = try CSVReader(path: try temporaryFile(text))
        return Array(reader)
    }

    @Test(arguments: [
        ("a,b\n1,2\n", [["1", "2"]]),
        ("a,b\r\n1,2\r\n", [["1", "2"]]),
        ("a,b\n1,2", [["1", "2"]]),
        ("\u{FEFF}a,b\n1,2\n", [["1", "2"]]),
        ("a,b\n\"x, y\",\"he said \"\"hi\"\"\"\n", [["x, y", "he said \"hi\""]]),
        ("a,b\n\"line\nbreak\",2\n3,4\n", [["line\nbreak", "2"], ["3", "4"]]),
        ("a,b\n\n1,2\n\n", [["1", "2"]]),
        ("a,b\n,\n", [["", ""]]),
        ("a,b\nJosé,Muñoz\n", [["José", "Muñoz"]]),
    ])
    func parsesRFC4180(_ text: String, _ expected: [[String]]) throws {
        let parsed = try rows(text)
        #expect(parsed.map(\.cells) == expected)
        #expect(parsed.allSatisfy { $0.problem == nil })
    }

    @Test func headerIsReadAndTrimmed() throws {
        let reader = try CSVReader(path: try temporaryFile("\u{FEFF} Request_ID , given_name\n1,2\n"))
        #expect(reader.header == ["Request_ID", "given_name"])
    }

    @Test func lineNumbersCountEmbeddedBreaks() throws {
        let parsed = try rows("a,b\n\"x\ny\",1\n2,3\n\n4,5\n")
        #expect(parsed.map(\.line) == [2, 4, 6])
    }

    @Test func strayQuoteIsOneMalformedRowAndTheRestSurvives() throws {
        let parsed = try rows("id,b\n1,ok\n2,bad\"quote\n3,ok\n")
        #expect(parsed.count == 3)
        #expect(parsed[1].problem != nil)
        #expect(parsed[1].line == 3)
        #expect(parsed[1].recoveredCells.first == "2")
        #expect(parsed[2].cells == ["3", "ok"])
    }

    @Test func unbalancedQuoteDoesNotSwallowTheFile() throws {
        var text = "id,b\n1,\"never closed\n"
        for n in 2...30 { text += "\(n),fine\n" }
        let parsed = try rows(text)
        #expect(parsed.first?.problem != nil)
        #expect(parsed.filter { $0.problem == nil }.count >= 20)
        #expect(parsed.last?.cells == ["30", "fine"])
    }

    @Test func invalidUTF8IsAnEncodingProblem() throws {
        let bytes = Array("id,name\n1,".utf8) + [0xFF, 0xFE] + Array("\n2,ok\n".utf8)
        let parsed = Array(try CSVReader(path: try temporaryFile(bytes: bytes)))
        #expect(parsed.count == 2)
        #expect(parsed[0].problem == .encoding)
        #expect(parsed[1].cells == ["2", "ok"])
    }

    @Test func binaryFileIsNotCSV() throws {
        let path = try temporaryFile(bytes: [0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 13])
        #expect(throws: CSVError.self) { try CSVReader(path: path) }
    }

    @Test func emptyFileIsAnError() throws {
        let path = try temporaryFile("")
        #expect(throws: CSVError.empty(path: path)) { try CSVReader(path: path) }
    }

    @Test func largeFileAcrossChunks() throws {
        var text = "id,value\n"
        for n in 0..<200_000 { text += "\(n),\"v,\(n)\"\n" }
        let parsed = try rows(text)
        #expect(parsed.count == 200_000)
        #expect(parsed[123_456].cells == ["123456", "v,123456"])
    }
}

@Suite struct ColumnMappingTests {
    @Test func matchesCaseInsensitivelyAndIgnoresExtras() throws {
        let indices = try ColumnMapping().bind(
            columns: ["request_id", "surname"], required: ["request_id"],
            header: ["Extra", "SURNAME", "Request_Id"], path: "f")
        #expect(indices == [2, 1])
    }

    @Test func renamesColumns() throws {
        let mapping = try ColumnMapping(parsing: ["given_name=FIRST,surname=Last"])
        let indices = try mapping.bind(
            columns: ["given_name", "surname"], required: ["given_name", "surname"], header: ["first", "LAST"],
            path: "f")
        #expect(indices == [0, 1])
    }

    @Test func missingRequiredColumnsAreAllNamed() throws {
        #expect(throws: CSVError.missingColumns(path: "f", columns: ["request_id", "surname"])) {
            try ColumnMapping().bind(
                columns: ["request_id", "given_name", "surname"], required: ["request_id", "surname"],
                header: ["given_name"], path: "f")
        }
    }

    @Test(arguments: ["given_name", "=x", "a=", "a=b,c"])
    func badMappingIsRejected(_ text: String) {
        #expect(throws: CSVError.self) { try ColumnMapping(parsing: text) }
    }
}

@Suite struct CSVWriterTests {
    @Test(arguments: [
        ("plain", "plain"),
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+1+2", "'+1+2"),
        ("-2+3", "'-2+3"),
        ("@cmd", "'@cmd"),
        ("-12.5", "-12.5"),
        ("+7", "+7"),
        ("=1,2", "\"'=1,2\""),
        ("line\nbreak", "\"line\nbreak\""),
    ])
    func escapesCells(_ cell: String, _ expected: String) {
        var buffer: [UInt8] = []
        CSVWriter.appendEscaped(cell, to: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == expected)
    }

    @Test func roundTripsThroughTheReader() throws {
        let path = try temporaryFile("", name: "out.csv")
        let cells = ["a,b", "x\"y", "multi\nline", "José", ""]
        let writer = try CSVWriter(path: path, header: ["c1", "c2", "c3", "c4", "c5"])
        try writer.write(cells)
        try writer.close()
        let rows = Array(try CSVReader(path: path))
        #expect(rows.map(\.cells) == [cells])
    }
}

@Suite struct RequestsReaderTests {
    @Test func readsRequestsAndRejectsBadRowsInPlace() throws {
        let text = """
            request_id,given_name,surname,address_line1,postcode,case_reference
            Q1,Ana,Ruiz,1 Main St,90210,C1
            ,Bo,Li,2 Oak Ave,10001,C2
            Q3,"bad"x,Li,3 Elm St,10001,C3
            Q4,Cy,Do,4 Pine Rd,60601,C4

            """
        let rows = Array(try RequestsReader(path: try temporaryFile(text)))
        #expect(rows.count == 4)
        guard case .request(let first) = rows[0] else { Issue.record("row 1 should be a request"); return }
        #expect(
            first.requestID == "Q1" && first.address.postcode == "90210" && first.caseReference == "C1"
                && first.line == 2)
        guard case .rejected(let line, _, let reason, _) = rows[1] else {
            Issue.record("row 2 should be rejected"); return
        }
        #expect(line == 3 && reason == .rowIDMissing)
        guard case .rejected(_, let id, let reason3, _) = rows[2] else {
            Issue.record("row 3 should be rejected"); return
        }
        #expect(id == "Q3" && reason3 == .rowMalformed)
        guard case .request(let fourth) = rows[3] else { Issue.record("row 4 should be a request"); return }
        #expect(fourth.requestID == "Q4")
    }

    @Test func lacksRequiredColumn() throws {
        let path = try temporaryFile("request_id,given_name\nQ1,Ana\n")
        #expect(throws: CSVError.self) { try RequestsReader(path: path) }
    }
}
