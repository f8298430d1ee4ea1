public import GatehouseCore

/// The columns of the Records format (DESIGN.md).
public enum RecordsFormat {
    public static let columns = [
        "record_id", "tin", "given_name", "middle_name", "surname", "birth_date", "address_line1",
        "address_line2", "city", "state", "postcode", "address_as_of",
    ]
    public static let required: Set<String> = ["record_id", "given_name", "surname", "address_line1"]
    /// The longest value, in UTF-8 bytes after trimming, each column may hold (docs/bad-input.md).
    public static let maximumBytes: [Int] = columns.map { FieldLimits.bytes(of: $0) }
}

/// The columns of the Requests format (DESIGN.md).
public enum RequestsFormat {
    public static let columns = RequestField.allCases.map(\.rawValue)
    public static let required: Set<String> = ["request_id", "given_name", "surname", "address_line1"]
    /// The longest value, in UTF-8 bytes after trimming, each column may hold (docs/bad-input.md).
    public static let maximumBytes: [Int] = columns.map { FieldLimits.bytes(of: $0) }
}

/// One row of a Requests file: a request, or a row that could not be read.
public enum RequestRow: Sendable, Hashable {
    case request(Request)
    /// A row that could not be read; `requestID` is recovered when possible, else empty.
    case rejected(line: Int, requestID: String, reason: ReasonCode, detail: String)
}

/// One row of a Records file: one address of one person, or a row that could not be read.
public enum RecordRow: Sendable, Hashable {
    case record(line: Int, Record)
    case rejected(line: Int, detail: String)
}

/// Reads a Requests CSV as `RequestRow`s, in file order.
///
/// `RequestsChunks` reads the same rows from a file cut into chunks that can be read concurrently.
public final class RequestsReader: Sequence, IteratorProtocol {
    private let reader: CSVReader
    private let columns: BoundColumns
    private var scratch: [UInt8] = []
    /// Optional columns the file lacks (read as empty).
    public var absentColumns: [String] { columns.absentColumns }

    /// Opens `path`, binds its header with `mapping`.
    /// - Throws: `CSVError` when the file is not CSV or lacks a required column.
    public init(path: String, mapping: ColumnMapping = ColumnMapping()) throws {
        reader = try CSVReader(path: path)
        columns = try BoundColumns(requestsHeader: reader.header, mapping: mapping, path: path)
    }

    public func next() -> RequestRow? {
        reader.nextRecordingError { columns.requestRow($0, scratch: &scratch) }
    }

    /// Throws if reading the file failed part way (`CSVReader.finish()`); call after the last row.
    public func finish() throws { try reader.finish() }
}

/// Reads a Records CSV as `RecordRow`s, one address each, in file order.
///
/// `RecordsChunks` reads the same rows from a file cut into chunks that can be read concurrently.
public final class RecordsReader: Sequence, IteratorProtocol {
    private let reader: CSVReader
    private let columns: BoundColumns
    private var scratch: [UInt8] = []

    /// Opens `path`, binds its header with `mapping`.
    /// - Throws: `CSVError` when the file is not CSV or lacks a required column.
    public convenience init(path: String, mapping: ColumnMapping = ColumnMapping()) throws {
        try self.init(reader: CSVReader(path: path), mapping: mapping)
    }

    /// Binds the header `reader` has read.
    init(reader: CSVReader, mapping: ColumnMapping) throws {
        self.reader = reader
        columns = try BoundColumns(recordsHeader: reader.header, mapping: mapping, path: reader.path)
    }

    public func next() -> RecordRow? {
        reader.nextRecordingError { columns.recordRow($0, scratch: &scratch) }
    }

    /// Why the rows ended early, if reading the file failed part way (`CSVReader.readError`).
    public var readError: CSVError? { reader.readError }

    /// Throws if reading the file failed part way (`CSVReader.finish()`); call after the last row.
    public func finish() throws { try reader.finish() }
}

/// A file's header bound to a format's columns, and the reading of one row in that format: what
/// the streaming readers and the chunked ones share, so that both read every row alike.
struct BoundColumns: Sendable {
    /// The format's columns.
    let columns: [String]
    /// For each of the format's columns, its index in the file's header, or nil when absent.
    let indices: [Int?]
    /// The number of cells in the file's header.
    let headerCount: Int
    /// The highest bound index: a row with no more cells than this is short.
    private let present: Int
    /// For each of the format's columns, the most bytes its trimmed value may hold.
    let limits: [Int]

    /// - Throws: `CSVError.missingColumns` naming every absent required column.
    init(format columns: [String], required: Set<String>, header: [String], mapping: ColumnMapping, path: String) throws
    {
        self.columns = columns
        indices = try mapping.bind(columns: columns, required: required, header: header, path: path)
        headerCount = header.count
        present = indices.compactMap { $0 }.max() ?? 0
        limits = columns.map { FieldLimits.bytes(of: $0) }
    }

    init(recordsHeader header: [String], mapping: ColumnMapping, path: String) throws {
        try self.init(
            format: RecordsFormat.columns, required: RecordsFormat.required, header: header, mapping: mapping,
            path: path)
    }

    init(requestsHeader header: [String], mapping: ColumnMapping, path: String) throws {
        try self.init(
            format: RequestsFormat.columns, required: RequestsFormat.required, header: header, mapping: mapping,
            path: path)
    }

    /// Optional columns the file lacks (read as empty).
    var absentColumns: [String] { zip(columns, indices).compactMap { $1 == nil ? $0 : nil } }

    /// The format's `column`-th cell of `row`, trimmed; empty when the file lacks the column.
    private func value(_ column: Int, of row: ScannedRow, scratch: inout [UInt8]) -> String {
        guard let index = indices[column], index < row.cells.count else { return "" }
        return row.trimmedCell(index, scratch: &scratch)
    }

    /// `row` read as one address of one person, or rejected.
    /// - Complexity: O(*n*) in the length of the row; decodes only the bound cells.
    func recordRow(_ row: ScannedRow, scratch: inout [UInt8]) -> RecordRow {
        if let problem = row.problem { return .rejected(line: row.line, detail: problem.description) }
        guard row.isValidUTF8 else { return .rejected(line: row.line, detail: CSVRowProblem.encoding.description) }
        if row.holdsNUL { return .rejected(line: row.line, detail: CSVRowProblem.nulByte.description) }
        if row.cells.count <= present || row.cells.count > headerCount {
            return .rejected(line: row.line, detail: "\(row.cells.count) cells, the header has \(headerCount)")
        }
        if let column = overlongColumn(row) {
            return .rejected(line: row.line, detail: overlongDetail(column, row: row))
        }
        func cell(_ column: Int) -> String { value(column, of: row, scratch: &scratch) }
        let id = cell(0)
        if id.isEmpty { return .rejected(line: row.line, detail: "the row has no record_id") }
        let record = Record(
            recordID: id, tin: cell(1), givenName: cell(2), middleName: cell(3), surname: cell(4),
            birthDate: cell(5),
            addresses: [
                PostalAddress(
                    line1: cell(6), line2: cell(7), city: cell(8), state: cell(9), postcode: cell(10),
                    asOf: cell(11))
            ])
        return .record(line: row.line, record)
    }

    /// The cells of a plain Records row as bytes, as `recordRow` would decode them: nil when the
    /// row would be rejected or has a quoted cell (then `recordRow` reads it).
    /// - Complexity: O(*n*) in the length of the row (the UTF-8 check).
    func recordCells(_ row: ScannedRow) -> RecordCells? {
        guard row.problem == nil, row.cells.count > present, row.cells.count <= headerCount,
            overlongColumn(row) == nil, row.isValidUTF8, !row.holdsNUL
        else {
            return nil
        }
        var cells = RecordCells()
        for column in 0..<RecordCells.count {
            guard let index = indices[column], index < row.cells.count else { continue }
            guard let span = row.trimmedSpan(index) else { return nil }
            cells[column] = span
        }
        guard !cells.recordID.isEmpty else { return nil }
        return cells
    }

    /// `row` read as a request, or rejected with a reason code.
    /// - Complexity: O(*n*) in the length of the row; decodes only the bound cells.
    func requestRow(_ row: ScannedRow, scratch: inout [UInt8]) -> RequestRow {
        if let problem = row.problem ?? (row.isValidUTF8 ? nil : .encoding) ?? (row.holdsNUL ? .nulByte : nil) {
            let recovered = row.recoveredCells()
            let id = indices[0].flatMap { $0 < recovered.count ? recovered[$0] : nil } ?? ""
            return .rejected(
                line: row.line, requestID: id.trimmed,
                reason: problem.isMalformed ? .rowMalformed : .rowEncoding, detail: problem.description)
        }
        func cell(_ column: Int) -> String { value(column, of: row, scratch: &scratch) }
        if row.cells.count <= present || row.cells.count > headerCount {
            return .rejected(
                line: row.line, requestID: cell(0).count <= limits[0] ? cell(0) : "", reason: .rowMalformed,
                detail: "malformed row: \(row.cells.count) cells, the header has \(headerCount)")
        }
        if let column = overlongColumn(row) {
            // A request id over its limit is not kept either: the row is stored without it.
            let id = column == 0 ? "" : cell(0)
            return .rejected(
                line: row.line, requestID: id, reason: .rowFieldTooLong, detail: overlongDetail(column, row: row))
        }
        let request = Request(
            requestID: cell(0), tin: cell(1), givenName: cell(2), middleName: cell(3), surname: cell(4),
            birthDate: cell(5),
            address: PostalAddress(
                line1: cell(6), line2: cell(7), city: cell(8), state: cell(9), postcode: cell(10)),
            caseReference: cell(11), line: row.line)
        if request.requestID.isEmpty {
            return .rejected(line: row.line, requestID: "", reason: .rowIDMissing, detail: "the row has no request_id")
        }
        return .request(request)
    }
}

extension BoundColumns {
    /// The first of the format's columns whose value in `row` is longer than its limit, or nil.
    ///
    /// A cell's span (quotes and spaces included) is at most a few bytes longer than its value, so
    /// only a span over the limit is measured exactly.
    /// - Complexity: O(*k*) in the number of columns, plus the length of an overlong cell.
    func overlongColumn(_ row: ScannedRow) -> Int? {
        for (column, index) in indices.enumerated() {
            guard let index, index < row.cells.count else { continue }
            let span = row.cells[index]
            guard span.range.count > limits[column] else { continue }
            if valueByteCount(span, in: row) > limits[column] { return column }
        }
        return nil
    }

    /// What a person reads about an overlong field: which one, how long, the limit. Never its value.
    func overlongDetail(_ column: Int, row: ScannedRow) -> String {
        let index = indices[column]!
        let length = valueByteCount(row.cells[index], in: row)
        return "the \(columns[column]) field is \(length) bytes long; the limit is \(limits[column]) bytes"
    }

    /// The length of a cell's value in bytes: without its quotes (a doubled quote counts once)
    /// and without leading and trailing spaces and tabs.
    private func valueByteCount(_ span: CellSpan, in row: ScannedRow) -> Int {
        var start = span.range.lowerBound
        var end = span.range.upperBound
        var doubled = 0
        if span.quoted {
            start += 1
            end -= 1
            var index = start
            while index < end {
                if row.bytes[index] == 0x22 { doubled += 1; index += 2 } else { index += 1 }
            }
        }
        while start < end, row.bytes[start] == 0x20 || row.bytes[start] == 0x09 { start += 1 }
        while end > start, row.bytes[end - 1] == 0x20 || row.bytes[end - 1] == 0x09 { end -= 1 }
        return Swift.max(0, end - start - doubled)
    }
}

/// The longest value each column of the Records and Requests formats may hold, in UTF-8 bytes
/// after trimming: generous for any real name, address or identifier, and small enough that a
/// megabyte pasted into a cell is refused instead of stored and compared (docs/bad-input.md).
public enum FieldLimits {
    /// The limit for `column`: identifiers and references 128 (case references 256), names and
    /// address lines 256, city 128, state 64, dates, TIN and postcode 32.
    public static func bytes(of column: String) -> Int {
        switch column {
        case "request_id", "record_id": 128
        case "tin", "birth_date", "postcode", "address_as_of": 32
        case "state": 64
        case "city": 128
        default: 256
        }
    }
}

extension String {
    /// Without leading and trailing spaces and tabs; cheap when there are none.
    var trimmed: String {
        let utf8 = self.utf8
        guard let first = utf8.first, let last = utf8.last else { return self }
        if first != 0x20 && first != 0x09 && last != 0x20 && last != 0x09 { return self }
        var start = utf8.startIndex
        var end = utf8.endIndex
        while start < end, utf8[start] == 0x20 || utf8[start] == 0x09 { start = utf8.index(after: start) }
        while end > start {
            let before = utf8.index(before: end)
            guard utf8[before] == 0x20 || utf8[before] == 0x09 else { break }
            end = before
        }
        return String(self[start..<end])
    }
}
