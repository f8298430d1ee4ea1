public import GatehouseCore

/// The columns of the Records format (DESIGN.md).
public enum RecordsFormat {
    public static let columns = [
        "record_id", "tin", "given_name", "middle_name", "surname", "birth_date", "address_line1",
        "address_line2", "city", "state", "postcode", "address_as_of",
    ]
    public static let required: Set<String> = ["record_id", "given_name", "surname", "address_line1"]
}

/// The columns of the Requests format (DESIGN.md).
public enum RequestsFormat {
    public static let columns = RequestField.allCases.map(\.rawValue)
    public static let required: Set<String> = ["request_id", "given_name", "surname", "address_line1"]
}

/// One row of a Requests file: a request, or a row that could not be read.
public enum RequestRow: Sendable {
    case request(Request)
    /// A row that could not be read; `requestID` is recovered when possible, else empty.
    case rejected(line: Int, requestID: String, reason: ReasonCode, detail: String)
}

/// One row of a Records file: one address of one person, or a row that could not be read.
public enum RecordRow: Sendable {
    case record(line: Int, Record)
    case rejected(line: Int, detail: String)
}

/// Reads a Requests CSV as `RequestRow`s, in file order.
public final class RequestsReader: Sequence, IteratorProtocol {
    private let reader: CSVReader
    private let indices: [Int?]
    /// Optional columns the file lacks (read as empty).
    public let absentColumns: [String]

    /// Opens `path`, binds its header with `mapping`.
    /// - Throws: `CSVError` when the file is not CSV or lacks a required column.
    public init(path: String, mapping: ColumnMapping = ColumnMapping()) throws {
        reader = try CSVReader(path: path)
        indices = try mapping.bind(
            columns: RequestsFormat.columns, required: RequestsFormat.required,
            header: reader.header, path: path)
        absentColumns = zip(RequestsFormat.columns, indices).compactMap { $1 == nil ? $0 : nil }
    }

    public func next() -> RequestRow? {
        guard let row = reader.next() else { return nil }
        if let problem = row.problem {
            let id = indices[0].flatMap { $0 < row.recoveredCells.count ? row.recoveredCells[$0] : nil } ?? ""
            return .rejected(
                line: row.line, requestID: id.trimmed,
                reason: problem == .encoding ? .rowEncoding : .rowMalformed, detail: problem.description)
        }
        let cells = row.cells
        func cell(_ column: Int) -> String {
            guard let index = indices[column], index < cells.count else { return "" }
            return cells[index].trimmed
        }
        let present = indices.compactMap { $0 }.max() ?? 0
        if cells.count <= present {
            return .rejected(
                line: row.line, requestID: cell(0), reason: .rowMalformed,
                detail: "malformed row: \(cells.count) cells, the header has \(reader.header.count)")
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

/// Reads a Records CSV as `RecordRow`s, one address each, in file order.
public final class RecordsReader: Sequence, IteratorProtocol {
    private let reader: CSVReader
    private let indices: [Int?]

    /// Opens `path`, binds its header with `mapping`.
    /// - Throws: `CSVError` when the file is not CSV or lacks a required column.
    public init(path: String, mapping: ColumnMapping = ColumnMapping()) throws {
        reader = try CSVReader(path: path)
        indices = try mapping.bind(
            columns: RecordsFormat.columns, required: RecordsFormat.required,
            header: reader.header, path: path)
    }

    public func next() -> RecordRow? {
        guard let row = reader.next() else { return nil }
        if let problem = row.problem { return .rejected(line: row.line, detail: problem.description) }
        let cells = row.cells
        func cell(_ column: Int) -> String {
            guard let index = indices[column], index < cells.count else { return "" }
            return cells[index].trimmed
        }
        let present = indices.compactMap { $0 }.max() ?? 0
        if cells.count <= present {
            return .rejected(line: row.line, detail: "\(cells.count) cells, the header has \(reader.header.count)")
        }
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
