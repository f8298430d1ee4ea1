import Foundation
import GRDB
import Testing

/// The bad-input catalogue (docs/bad-input.md), run through the real binary: each case's exit
/// status, what the person reads, and what is stored (nothing, or the row as rejected).
@Suite struct BadInputTests {
    static let header = "request_id,tin,given_name,middle_name,surname,birth_date,address_line1,address_line2,city,state,postcode,case_reference\n"
    static let good = "Q1,,Elena,,Vargas,,5 Pine Rd,,Phoenix,AZ,85001,C-1\n"

    /// A workspace with two people and an agreement valid from last year to next year.
    static func workspace() throws -> (directory: String, workspace: String) {
        let directory = try CLI.temporaryDirectory()
        let workspace = directory + "/ws"
        try #require(CLI.run(["init", workspace]).status == 0)
        let records: String = """
        record_id,tin,given_name,middle_name,surname,birth_date,address_line1,address_line2,city,state,postcode,address_as_of
        R1,987654321,Elena,,Vargas,1991-12-01,5 Pine Rd,,Phoenix,AZ,85001,2023-05-01
        R2,123456789,William,,Harris,1970-03-04,123 N Main St,,Springfield,IL,62701,2024-01-01

        """
        try (records + Self.filler).write(toFile: directory + "/records.csv", atomically: true, encoding: .utf8)
        try #require(CLI.run(["records", "import", directory + "/records.csv", "--workspace", workspace]).status == 0)
        let year = Calendar(identifier: .gregorian).component(.year, from: Date())
        try agreement(year: year).write(toFile: directory + "/agreement.yaml", atomically: true, encoding: .utf8)
        try #require(CLI.run(["agreement", "add", directory + "/agreement.yaml", "--workspace", workspace]).status == 0)
        try manifest(year: year, signer: "Pat Signer").write(
            toFile: directory + "/manifest.yaml", atomically: true, encoding: .utf8)
        try manifest(year: year, signer: "Nobody Known").write(
            toFile: directory + "/unknown-signer.yaml", atomically: true, encoding: .utf8)
        return (directory, workspace)
    }

    /// 120 other people, so that the store's frequencies are those of a store, not of two people.
    static let filler: String = (1...120).map { n -> String in
        let given = ["James", "Mary", "Carlos", "Aisha", "Wei", "Rosa"][n % 6]
        let surname = ["Johnson", "Brown", "Lee", "Nguyen", "Martinez", "Patel", "Kim", "Lopez"][n % 8]
        return "F\(n),7\(String(format: "%08d", n)),\(given),,\(surname),1960-01-\(10 + n % 18),\(100 + n) Maple Ave,,Town,TX,78201,2022-01-01\n"
    }.joined()

    static func agreement(year: Int, extra: String = "") -> String {
        """
        id: bad-input
        version: 1
        requester: {agency: Test Agency}
        legal_basis: ["26 U.S.C. § 6103(i)(2)"]
        purpose: Testing.
        valid_from: \(year - 1)-01-01
        valid_until: \(year + 1)-12-31
        signers: [{name: Pat Signer, role: Director}]
        permitted_signer_roles: [Director]
        permitted_statutes: ["8 U.S.C. § 1253(a)(1)"]
        permitted_fields: [verification, last_known_address]
        two_person_release: false
        \(extra)
        """
    }

    static func manifest(year: Int, signer: String) -> String {
        """
        agreement: bad-input
        requester: Test Agency
        signer: {name: \(signer), role: Director}
        statute: "8 U.S.C. § 1253(a)(1)"
        tax_periods: ["\(year - 1)"]
        reason: Named in the proceeding.
        proceeding: Case B-1
        attestation: true
        """
    }

    static func count(_ sql: String, _ workspace: String) throws -> Int {
        try DatabaseQueue(path: workspace + "/gatehouse.sqlite").read { db in try Int.fetchOne(db, sql: sql) ?? 0 }
    }

    static func utf16(_ text: String, bigEndian: Bool, mark: Bool) -> [UInt8] {
        var bytes: [UInt8] = mark ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
        for unit in text.utf16 { bytes += bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        return bytes
    }

    /// A batch file refused whole: exit 2, the message, and no batch stored.
    struct FileCase: CustomTestStringConvertible, Sendable {
        var name: String
        var bytes: @Sendable () -> [UInt8]
        var message: String
        var testDescription: String { name }
    }

    static let fileCases: [FileCase] = [
        .init(name: "UTF-16 with a BOM", bytes: { utf16(header + good, bigEndian: false, mark: true) },
              message: "UTF-16 (little-endian, with a byte-order mark); save it as UTF-8 CSV"),
        .init(name: "UTF-16 without a BOM", bytes: { utf16(header + good, bigEndian: true, mark: false) },
              message: "UTF-16 (big-endian); save it as UTF-8 CSV"),
        .init(name: "NUL bytes (binary)", bytes: { [0x50, 0x4B, 0x03, 0x04, 0, 0, 0x08, 0] + Array(repeating: 0, count: 64) },
              message: "contains NUL bytes (a binary file?)"),
        .init(name: "invalid UTF-8 header", bytes: { Array("request_id,given_name,surname,address_line1,ciudad".utf8) + [0xE9, 0x0A] + Array(good.utf8) },
              message: "save it as UTF-8 CSV"),
        .init(name: "100,000 columns", bytes: { Array(((0..<100_000).map { "c\($0)" }.joined(separator: ",") + "\n").utf8) },
              message: "the header has 100000 columns; the limit is 1000"),
        .init(name: "header only", bytes: { Array(header.utf8) }, message: "has a header but no rows"),
        .init(name: "empty file", bytes: { [] }, message: "is empty: a header row is required"),
        .init(name: "a required column missing", bytes: { Array("request_id,given_name\nQ1,Ana\n".utf8) },
              message: "lacks required column(s): "),
    ]

    @Test(arguments: fileCases)
    func aFileRefusedWholeStoresNothing(_ item: FileCase) throws {
        let (directory, workspace) = try Self.workspace()
        let path = directory + "/batch.csv"
        try Data(item.bytes()).write(to: URL(fileURLWithPath: path))
        let result = try CLI.run([
            "batch", "submit", "--agreement", "bad-input", "--manifest", directory + "/manifest.yaml", path,
            "--workspace", workspace,
        ])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains(item.message), "\(result.stderr)")
        #expect(try Self.count("SELECT count(*) FROM batches", workspace) == 0)
        #expect(try Self.count("SELECT count(*) FROM batch_rows", workspace) == 0)
    }

    /// A row refused on its own: exit 0, the batch decided, the row `rejected` with its code.
    struct RowCase: CustomTestStringConvertible, Sendable {
        var name: String
        var body: @Sendable () -> [UInt8]
        var reason: String
        var testDescription: String { name }
    }

    static let rowCases: [RowCase] = [
        .init(name: "invalid UTF-8 in a row", body: { Array("Q2,,Ana,,L".utf8) + [0xF3] + Array("pez,,1 Main St,,Phoenix,AZ,85001,C-2\n".utf8) },
              reason: "ROW_ENCODING"),
        .init(name: "a NUL byte in a row", body: { Array(String(repeating: "Q0,,Ana,,Lee,,1 Main St,,Phoenix,AZ,85001,C\n", count: 120).utf8) + Array("Q2,,Ana".utf8) + [0] + Array(",,Lee,,2 Main St,,Phoenix,AZ,85001,C-2\n".utf8) },
              reason: "ROW_ENCODING"),
        .init(name: "a 10 MB given name", body: { Array("Q2,,\(String(repeating: "A", count: 10 << 20)),,Lee,,2 Main St,,Phoenix,AZ,85001,C-2\n".utf8) },
              reason: "ROW_FIELD_TOO_LONG"),
        .init(name: "an unbalanced quote at the end", body: { Array("Q2,,\"Ana,,Lee,,2 Main St,,Phoenix,AZ,85001,C-2\n".utf8) },
              reason: "ROW_MALFORMED"),
        .init(name: "more cells than the header", body: { Array("Q2,,Ana,,Lee,,2 Main St, Apt 4,,Phoenix,AZ,85001,C-2\n".utf8) },
              reason: "ROW_MALFORMED"),
        .init(name: "a duplicate request id", body: { Array(good.utf8) }, reason: "ROW_ID_DUPLICATE"),
    ]

    @Test(arguments: rowCases)
    func aBadRowIsRejectedAndTheOthersDecided(_ item: RowCase) throws {
        let (directory, workspace) = try Self.workspace()
        let path = directory + "/batch.csv"
        try Data(Array((Self.header + Self.good).utf8) + item.body()).write(to: URL(fileURLWithPath: path))
        let result = try CLI.run([
            "batch", "submit", "--agreement", "bad-input", "--manifest", directory + "/manifest.yaml", path,
            "--workspace", workspace,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Self.count("SELECT count(*) FROM decisions WHERE request_id = 'Q1' AND outcome = 'verified'", workspace) == 1)
        let rejected = try Self.count(
            "SELECT count(*) FROM decisions WHERE outcome = 'rejected' AND reasons = '\(item.reason)'", workspace)
        #expect(rejected == 1, "\(result.stdout)")
        // Every row stored has one decision; a rejected row keeps none of its values.
        #expect(try Self.count("SELECT count(*) FROM batch_rows", workspace) == Self.count("SELECT count(*) FROM decisions", workspace))
        #expect(try Self.count("SELECT count(*) FROM batch_rows WHERE problem IS NOT NULL AND problem <> 'ROW_ID_DUPLICATE' AND given_name <> ''", workspace) == 0)
    }

    @Test func bareCarriageReturnsAreLineEnds() throws {
        let (directory, workspace) = try Self.workspace()
        let path = directory + "/batch.csv"
        let text = (Self.header + Self.good + "Q2,,William,,Harris,,123 N Main St,,Springfield,IL,62701,C-2\n")
            .replacingOccurrences(of: "\n", with: "\r")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try CLI.run([
            "batch", "submit", "--agreement", "bad-input", "--manifest", directory + "/manifest.yaml", path,
            "--workspace", workspace,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Self.count("SELECT count(*) FROM decisions WHERE outcome = 'verified'", workspace) == 2)
    }

    @Test func aManifestSignedByAnUnknownSignerRejectsTheBatch() throws {
        let (directory, workspace) = try Self.workspace()
        let path = directory + "/batch.csv"
        try (Self.header + Self.good).write(toFile: path, atomically: true, encoding: .utf8)
        let result = try CLI.run([
            "batch", "submit", "--agreement", "bad-input", "--manifest", directory + "/unknown-signer.yaml", path,
            "--workspace", workspace,
        ])
        #expect(result.status == 1)
        #expect(result.stderr.contains("MANIFEST_SIGNER_UNKNOWN"), "\(result.stderr)")
        #expect(try Self.count("SELECT count(*) FROM batches WHERE state = 'rejected'", workspace) == 1)
        #expect(try Self.count("SELECT count(*) FROM batch_rows", workspace) == 0)
    }

    /// Agreements (and so orders and manifests, read by the same loader) that must not load.
    @Test(arguments: [
        ("an alias bomb",
         "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
            + "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
            + "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n",
         "anchors and aliases"),
        ("one alias", "id: &i x\nversion: 1\nother: *i\n", "anchors and aliases"),
        ("deep flow nesting", "purpose: " + String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000) + "\n",
         "nests deeper than 32 levels"),
        ("deep block nesting", (0..<200).map { String(repeating: " ", count: $0 * 2) + "k\($0):" }.joined(separator: "\n") + " x\n",
         "nests deeper than 32 levels"),
        ("a date that does not exist", "", "YYYY-MM-DD"),
    ])
    func aDocumentThatMustNotLoad(_ name: String, _ text: String, _ message: String) throws {
        let (directory, workspace) = try Self.workspace()
        let year = Calendar(identifier: .gregorian).component(.year, from: Date())
        let body =
            text.isEmpty
            ? Self.agreement(year: year).replacingOccurrences(of: "version: 1", with: "version: 2")
                .replacingOccurrences(of: "valid_until: \(year + 1)-12-31", with: "valid_until: \(year + 1)-02-30")
            : text
        try body.write(toFile: directory + "/doc.yaml", atomically: true, encoding: .utf8)
        let result = try CLI.run(["agreement", "add", directory + "/doc.yaml", "--workspace", workspace])
        #expect(result.status == 2, "\(name): \(result.stderr)")
        #expect(result.stderr.contains(message), "\(name): \(result.stderr)")
        #expect(try Self.count("SELECT count(*) FROM agreements", workspace) == 1)
    }

    /// Cells that a spreadsheet would run as formulas leave as text in the requester's file.
    @Test func formulaInjectionIsNeutralizedInTheResponseFile() throws {
        let (directory, workspace) = try Self.workspace()
        let path = directory + "/batch.csv"
        try (Self.header + Self.good + "\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",,Ana,,Lee,,2 Main St,,Phoenix,AZ,85001,C-2\n"
            + "@SUM(A1),,Bo,,Lee,,3 Main St,,Phoenix,AZ,85001,C-3\n+1+2,,Cy,,Lee,,4 Main St,,Phoenix,AZ,85001,C-4\n"
            + "-5,,Di,,Lee,,5 Main St,,Phoenix,AZ,85001,C-5\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let submit = try CLI.run([
            "batch", "submit", "--agreement", "bad-input", "--manifest", directory + "/manifest.yaml", path,
            "--workspace", workspace,
        ])
        #expect(submit.status == 0, "\(submit.stderr)")
        let id = try DatabaseQueue(path: workspace + "/gatehouse.sqlite").read { db in
            try String.fetchOne(db, sql: "SELECT id FROM batches")!
        }
        #expect(try CLI.run(["batch", "approve", id, "--officer", "o1", "--workspace", workspace]).status == 0)
        #expect(try CLI.run(["batch", "release", id, "--workspace", workspace]).status == 0)
        let out = directory + "/responses.csv"
        let results = try CLI.run(["batch", "results", id, "--out", out, "--workspace", workspace])
        #expect(results.status == 0, "\(results.stderr)")
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("\"'=HYPERLINK(") })
        #expect(lines.contains { $0.hasPrefix("'@SUM(A1),") })
        #expect(lines.contains { $0.hasPrefix("'+1+2,") })
        #expect(lines.contains { $0.hasPrefix("-5,") })  // a plain number stays a number
        #expect(!lines.contains { $0.hasPrefix("=") || $0.hasPrefix("@") || $0.hasPrefix("+") })
    }
}
