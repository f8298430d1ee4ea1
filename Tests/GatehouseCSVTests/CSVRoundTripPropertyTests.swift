import Foundation
import GatehouseCore
import Testing

@testable import GatehouseCSV

/// Property: any cells written by `CSVWriter` read back, through both readers, as the same cells
/// (a formula-like cell with the apostrophe the writer adds, so that a spreadsheet shows it as text).
@Suite struct CSVRoundTripPropertyTests {
    static let alphabet: [String] = [
        "a", "Z", "0", "9", " ", ",", "\"", "\n", "\r\n", "é", "ß", "漢", "🙂", "'", "=", "+", "-", "@", "\t", "#",
    ]

    static func cell(_ random: inout SeededGenerator) -> String {
        let length = Int.random(in: 0...12, using: &random)
        var text = (0..<length).map { _ in alphabet.randomElement(using: &random)! }.joined()
        // At most a few line breaks in one cell: more is read as an unbalanced quote on purpose.
        while text.filter({ $0 == "\n" || $0 == "\r\n" }).count > 4 { text.removeLast() }
        return text
    }

    /// What the reader should give back for `cell`: trimmed of spaces and tabs, and with the
    /// writer's apostrophe before a formula-like start.
    static func expected(_ cell: String) -> String {
        var buffer: [UInt8] = []
        CSVWriter.appendEscaped(cell, to: &buffer)
        var text = String(decoding: buffer, as: UTF8.self)
        if text.hasPrefix("\"") {
            text = String(text.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
        }
        return text.trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
    }

    @Test(arguments: 0..<24)
    func writtenRowsReadBackTheSame(_ seed: Int) throws {
        var random = SeededGenerator(state: UInt64(seed) &* 0x2545_F491_4F6C_DD1D)
        let columns = RequestsFormat.columns
        var rows: [[String]] = []
        for number in 0..<Int.random(in: 1...60, using: &random) {
            rows.append(["Q\(number)"] + (1..<columns.count).map { _ in Self.cell(&random) })
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("roundtrip-\(UUID().uuidString).csv").path
        let writer = try CSVWriter(path: path, header: columns)
        for row in rows { try writer.write(row) }
        try writer.close()
        let streamed = Array(try RequestsReader(path: path))
        let chunks = try RequestsChunks(path: path, chunkBytes: Int.random(in: 1...300, using: &random))
        #expect((0..<chunks.count).flatMap { chunks.rows($0) } == streamed)
        #expect(streamed.count == rows.count)
        for (row, read) in zip(rows, streamed) {
            guard case .request(let request) = read else {
                Issue.record("row \(row[0]) was refused: \(read)")
                continue
            }
            let a = request.address
            let got = [
                request.requestID, request.tin, request.givenName, request.middleName, request.surname,
                request.birthDate, a.line1, a.line2, a.city, a.state, a.postcode, request.caseReference,
            ]
            #expect(got == row.map(Self.expected), "seed \(seed), row \(row[0])")
        }
    }
}
