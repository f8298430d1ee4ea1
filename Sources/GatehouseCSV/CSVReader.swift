import Foundation

/// One data row of a CSV file, or the trace of one that could not be read.
public struct CSVRow: Sendable {
    /// 1-based line number where the row starts.
    public var line: Int
    /// The cells, decoded as UTF-8; empty when `problem` is set.
    public var cells: [String]
    /// Why the row could not be read, or nil.
    public var problem: CSVRowProblem?
    /// For a row with a problem, the cells as far as they could be recovered (split on commas).
    public var recoveredCells: [String]
}

/// Why one row could not be read. The row still surfaces, so that it is never lost.
public enum CSVRowProblem: Sendable, Equatable, CustomStringConvertible {
    /// Unbalanced or stray quotes, or a row that does not have the header's number of cells.
    case malformed(String)
    /// The row is not valid UTF-8.
    case encoding
    /// The row holds a NUL byte (valid UTF-8, but never text in a CSV file).
    case nulByte

    /// Whether this is a `.malformed` problem (a row that could not be split into cells).
    var isMalformed: Bool {
        if case .malformed = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .malformed(let detail): "malformed row: \(detail)"
        case .encoding: "the row is not valid UTF-8"
        case .nulByte: "the row holds a NUL byte"
        }
    }
}

/// Reads an RFC 4180 CSV file as a stream of rows over UTF-8 bytes.
///
/// Accepts a UTF-8 byte-order mark, LF or CRLF line ends, quoted cells with doubled quotes and
/// embedded line breaks. Blank lines are skipped. A row that cannot be read is returned with a
/// `problem` instead of stopping the file: a stray quote swallows at most a few lines, never the
/// rest of the file.
///
/// The rows are found by `RowCursor`, which `RecordsChunks` and `RequestsChunks` also use, so a
/// file read in chunks yields exactly the rows read here.
public final class CSVReader: Sequence, IteratorProtocol {
    public let path: String
    /// The header cells as written in the file, trimmed.
    public private(set) var header: [String] = []

    /// Why the rows ended early, when reading the file failed part way: `next()` then returns nil
    /// as at the end of the file, so a reader of every row calls `finish()` after the last one.
    public private(set) var readError: CSVError?

    private let handle: FileHandle
    private let read: (Int) throws -> Data
    private var buffer: [UInt8] = []
    private var endOfFile = false
    private var cursor = RowCursor(position: 0, line: 1)
    private let chunkSize: Int

    /// Opens `path` and reads its header row.
    /// - Throws: `CSVError` when the file cannot be opened, is empty, or is not CSV.
    public convenience init(path: String) throws {
        try self.init(path: path, chunkSize: 1 << 22, read: nil)
    }

    /// Opens `path`, reading it `chunkSize` bytes at a time through `read` (the file itself when
    /// nil; tests pass a reader that fails part way).
    init(path: String, chunkSize: Int, read: ((Int) throws -> Data)?) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CSVError.cannotOpen(path: path)
        }
        self.path = path
        self.handle = handle
        self.chunkSize = chunkSize
        self.read = read ?? { try handle.read(upToCount: $0) ?? Data() }
        try fill()
        cursor.position = try buffer.withUnsafeBufferPointer { try CSVHeader.firstRowOffset(in: $0, path: path) }
        header = try CSVHeader.read(path: path) { try self.nextScanned { $0.csvRow() } }
    }

    deinit {
        try? handle.close()
    }

    public func next() -> CSVRow? {
        nextRecordingError { $0.csvRow() }
    }

    /// Throws `readError`, if reading stopped on one; call it after the last row.
    public func finish() throws {
        if let readError { throw readError }
    }

    /// `nextScanned`, with a read error kept in `readError` and read as the end of the rows.
    func nextRecordingError<T>(_ body: (ScannedRow) -> T) -> T? {
        guard readError == nil else { return nil }
        do {
            return try nextScanned(body)
        } catch {
            readError = .readFailed(path: path, line: cursor.line, detail: String(describing: error))
            return nil
        }
    }

    /// Scans the next non-blank row and hands it to `body` while its bytes are in the buffer.
    /// - Returns: what `body` returns, or nil at the end of the file.
    /// - Throws: when the file cannot be read.
    func nextScanned<T>(_ body: (ScannedRow) -> T) throws -> T? {
        while true {
            let step: T?? = buffer.withUnsafeBufferPointer { bytes in
                switch cursor.next(in: bytes, isComplete: endOfFile) {
                case .row(let row): .some(body(row))
                case .end: .some(nil)
                case .needMore: nil
                }
            }
            if let step { return step }
            try fill()
        }
    }

    private func fill() throws {
        guard !endOfFile else { return }
        if cursor.position > 0 {
            buffer.removeSubrange(0..<cursor.position)
            cursor.position = 0
        }
        let data = try read(chunkSize)
        if data.isEmpty {
            endOfFile = true
        } else {
            buffer.append(contentsOf: data)
        }
    }
}

/// The header rules every reader shares: a byte-order mark is skipped, a NUL byte near the start
/// means a binary file, and the header is the first row that is not blank.
enum CSVHeader {
    /// The most columns a header may have (the formats have 12; extra columns are ignored).
    static let maximumColumns = 1_000

    /// The offset of the first row in a file that starts with `bytes`.
    /// - Throws: `CSVError.notCSV` when the first 4,096 bytes hold a NUL byte.
    static func firstRowOffset(in bytes: UnsafeBufferPointer<UInt8>, path: String) throws -> Int {
        if let encoding = TextEncodingSniffer.foreignEncoding(of: bytes) {
            throw CSVError.notCSV(path: path, detail: "\(encoding.description); save it as UTF-8 CSV")
        }
        if bytes.prefix(4096).contains(0) {
            throw CSVError.notCSV(path: path, detail: "it contains NUL bytes (a binary file?)")
        }
        return bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    /// Reads rows with `nextRow` up to the first one that is not blank, and returns its cells, trimmed.
    /// - Throws: `CSVError.empty` when there is none, `CSVError.notCSV` when it is unreadable.
    static func read(path: String, nextRow: () throws -> CSVRow?) throws -> [String] {
        while true {
            guard let first = try nextRow() else { throw CSVError.empty(path: path) }
            if let problem = first.problem {
                let advice =
                    problem == .encoding
                    ? " (a file saved as Latin-1 or Windows-1252?); save it as UTF-8 CSV" : ""
                throw CSVError.notCSV(
                    path: path, detail: "the header row (line \(first.line)) is unreadable: \(problem)\(advice)")
            }
            let cells = first.cells.map { $0.trimmingCharacters(in: .whitespaces) }
            if cells.allSatisfy(\.isEmpty) { continue }
            if cells.count > maximumColumns {
                throw CSVError.notCSV(
                    path: path, detail: "the header has \(cells.count) columns; the limit is \(maximumColumns)")
            }
            return cells
        }
    }
}

/// One cell of a scanned row: its bytes in the buffer, with the quotes when `quoted`.
struct CellSpan {
    var range: Range<Int>
    var quoted: Bool
}

/// Walks the rows of CSV bytes held in memory: the engine of `CSVReader` and of the chunked readers.
///
/// Between two rows, the position and the line number are the whole state, so a cursor started at
/// any row start with that row's line number reads exactly what a cursor that reached it from the
/// start of the file reads.
struct RowCursor {
    /// Offset of the next row in the bytes.
    var position: Int
    /// 1-based line number of the next row.
    var line: Int
    /// The cells of the last row scanned, reused from row to row.
    private var cells: [CellSpan] = []

    /// A quoted cell that spans more line breaks than this is taken as an unbalanced quote.
    static let maximumLineBreaksInCell = 8

    /// LF, CR, quote and comma, the bytes that end an unquoted cell, as bits of a mask: all are
    /// below 0x40, so a letter is told apart with one comparison.
    private static let specialBytes: UInt64 = 1 << 0x0A | 1 << 0x0D | 1 << 0x22 | 1 << 0x2C

    init(position: Int, line: Int) {
        self.position = position
        self.line = line
        cells.reserveCapacity(16)
    }

    enum Step {
        /// A row, valid until the cursor moves again.
        case row(ScannedRow)
        /// No row starts before the end of the bytes (or before the limit).
        case end
        /// The row needs bytes past the end of the buffer, and more may come.
        case needMore
    }

    /// Scans the next row that is not blank.
    ///
    /// - Parameters:
    ///   - bytes: the buffer; `position` indexes into it.
    ///   - isComplete: whether the buffer runs to the end of the file. When false, a row that
    ///     reaches the end of the buffer yields `.needMore` and leaves the cursor where it was.
    ///   - limit: a row start at or past this offset is not read (`.end`), so that a chunk stops at
    ///     the next chunk's first row.
    /// - Complexity: O(*n*) in the length of the row and of the blank lines before it.
    mutating func next(in bytes: UnsafeBufferPointer<UInt8>, isComplete: Bool, limit: Int = .max) -> Step {
        while true {
            guard position < bytes.count else { return isComplete ? .end : .needMore }
            guard position < limit else { return .end }
            switch scan(bytes, isComplete: isComplete) {
            case .needMore:
                // The file ends inside a quoted cell: an unbalanced quote.
                guard isComplete else { return .needMore }
                return recover(bytes, isComplete: true, detail: "unbalanced quote at the end of the file")
            case .blank(let end, let lineBreaks):
                position = end
                line += lineBreaks
            case .row(let end, let lineBreaks):
                let row = ScannedRow(bytes: bytes, line: line, cells: cells, range: position..<end, problem: nil)
                position = end
                line += lineBreaks
                return .row(row)
            case .malformed(let detail):
                return recover(bytes, isComplete: isComplete, detail: detail)
            }
        }
    }

    /// Ends a malformed row at the first line feed after its start and returns it.
    private mutating func recover(_ bytes: UnsafeBufferPointer<UInt8>, isComplete: Bool, detail: String) -> Step {
        var end = position
        while end < bytes.count, bytes[end] != 0x0A { end += 1 }
        // The line feed may be past the buffer: read on rather than cut the row in two.
        if end == bytes.count, !isComplete { return .needMore }
        let row = ScannedRow(bytes: bytes, line: line, cells: [], range: position..<end, problem: .malformed(detail))
        position = Swift.min(end + 1, bytes.count)
        line += 1
        return .row(row)
    }

    private enum Scan {
        case needMore
        case blank(end: Int, lineBreaks: Int)
        /// A row whose cells are in `cells`.
        case row(end: Int, lineBreaks: Int)
        case malformed(String)
    }

    /// Scans one row starting at `position` into `cells`, without moving.
    private mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>, isComplete: Bool) -> Scan {
        cells.removeAll(keepingCapacity: true)
        var index = position
        var lineBreaks = 0
        let count = bytes.count
        while true {
            // At the start of a cell.
            if index < count, bytes[index] == 0x22 {
                var cursor = index + 1
                var breaksInCell = 0
                while true {
                    guard cursor < count else { return .needMore }
                    let byte = bytes[cursor]
                    if byte == 0x22 {
                        guard cursor + 1 < count else {
                            if isComplete { cursor += 1; break }
                            return .needMore
                        }
                        if bytes[cursor + 1] == 0x22 {
                            cursor += 2
                            continue
                        }
                        cursor += 1
                        break
                    }
                    if byte == 0x0A {
                        breaksInCell += 1
                        if breaksInCell > Self.maximumLineBreaksInCell {
                            return .malformed("a quoted cell does not end (unbalanced quote)")
                        }
                    }
                    cursor += 1
                }
                cells.append(CellSpan(range: index..<cursor, quoted: true))
                lineBreaks += breaksInCell
                index = cursor
                guard index < count else {
                    if isComplete { return .row(end: index, lineBreaks: lineBreaks) }
                    return .needMore
                }
                switch bytes[index] {
                case 0x2C:
                    index += 1
                    continue
                case 0x0A:
                    return .row(end: index + 1, lineBreaks: lineBreaks + 1)
                case 0x0D:
                    guard index + 1 < count else {
                        if isComplete { return .row(end: index + 1, lineBreaks: lineBreaks + 1) }
                        return .needMore
                    }
                    if bytes[index + 1] == 0x0A {
                        return .row(end: index + 2, lineBreaks: lineBreaks + 1)
                    }
                    return .malformed("a stray character after a closing quote")
                default:
                    return .malformed("a stray character after a closing quote")
                }
            }
            // An unquoted cell, up to a comma, a line end or a (stray) quote.
            let cellStart = index
            while index < count {
                let byte = bytes[index]
                if byte < 0x40, Self.specialBytes &>> UInt64(byte) & 1 != 0 { break }
                index += 1
            }
            if index < count, bytes[index] == 0x22 { return .malformed("a quote inside an unquoted cell") }
            cells.append(CellSpan(range: cellStart..<index, quoted: false))
            guard index < count else {
                guard isComplete else { return .needMore }
                if cells.count == 1 && cells[0].range.isEmpty { return .blank(end: index, lineBreaks: 0) }
                return .row(end: index, lineBreaks: lineBreaks)
            }
            switch bytes[index] {
            case 0x2C:
                index += 1
                continue
            case 0x0D:
                guard index + 1 < count else {
                    guard isComplete else { return .needMore }
                    return finish(end: index + 1, lineBreaks: lineBreaks + 1)
                }
                let end = bytes[index + 1] == 0x0A ? index + 2 : index + 1
                return finish(end: end, lineBreaks: lineBreaks + 1)
            default:
                return finish(end: index + 1, lineBreaks: lineBreaks + 1)
            }
        }
    }

    private func finish(end: Int, lineBreaks: Int) -> Scan {
        if cells.count == 1, cells[0].range.isEmpty, !cells[0].quoted {
            return .blank(end: end, lineBreaks: lineBreaks)
        }
        return .row(end: end, lineBreaks: lineBreaks)
    }
}

/// One row as `RowCursor` found it: cell spans into bytes that are valid only while the row is
/// being handled. Decoding is left to the reader, which decodes only the cells it needs.
struct ScannedRow {
    let bytes: UnsafeBufferPointer<UInt8>
    /// 1-based line number where the row starts.
    let line: Int
    /// The cells; empty when `problem` is set.
    let cells: [CellSpan]
    /// The row's bytes with its line end; for a malformed row, up to its first line feed.
    let range: Range<Int>
    /// Set (always `.malformed`) when the row could not be split into cells.
    let problem: CSVRowProblem?

    /// The row as `CSVReader` returns it: every cell decoded, or the row's problem.
    func csvRow() -> CSVRow {
        if let problem {
            return CSVRow(line: line, cells: [], problem: problem, recoveredCells: recoveredCells())
        }
        var strings: [String] = []
        strings.reserveCapacity(cells.count)
        for span in cells {
            let cell =
                span.quoted
                ? String(validating: unquoted(span), as: UTF8.self)
                : String(validating: UnsafeBufferPointer(rebasing: bytes[span.range]), as: UTF8.self)
            guard let cell else {
                return CSVRow(line: line, cells: [], problem: .encoding, recoveredCells: recoveredCells())
            }
            strings.append(cell)
        }
        return CSVRow(line: line, cells: strings, problem: nil, recoveredCells: [])
    }

    /// Whether every cell is valid UTF-8. The separators are ASCII, so this is the same as the
    /// whole row being valid UTF-8, which is checked in one pass without decoding.
    var isValidUTF8: Bool { UTF8Validation.isValid(bytes, range) }

    /// Whether the row holds a NUL byte (memchr over its bytes).
    var holdsNUL: Bool {
        guard let base = bytes.baseAddress, !range.isEmpty else { return false }
        return memchr(base + range.lowerBound, 0, range.count) != nil
    }

    /// Cell `index` decoded, without leading and trailing spaces and tabs, for a row whose cells
    /// are valid UTF-8. Quoted cells are unquoted into `scratch`.
    func trimmedCell(_ index: Int, scratch: inout [UInt8]) -> String {
        let span = cells[index]
        guard span.quoted else { return Self.trimmedString(bytes, span.range) }
        scratch.removeAll(keepingCapacity: true)
        appendUnquoted(span, to: &scratch)
        return scratch.withUnsafeBufferPointer { Self.trimmedString($0, 0..<$0.count) }
    }

    /// The bytes of cell `index` without leading and trailing spaces and tabs, when the cell is
    /// not quoted (nil when it is: its content then needs unquoting).
    func trimmedSpan(_ index: Int) -> UnsafeBufferPointer<UInt8>? {
        let span = cells[index]
        guard !span.quoted else { return nil }
        var start = span.range.lowerBound
        var end = span.range.upperBound
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    /// For a row with a problem, the cells as far as they can be recovered (split on commas).
    func recoveredCells() -> [String] {
        let kept = bytes[range].filter { $0 != 0x22 && $0 != 0x0A && $0 != 0x0D }
        return kept.split(separator: 0x2C, omittingEmptySubsequences: false).map {
            String(decoding: $0, as: UTF8.self)
        }
    }

    private func unquoted(_ span: CellSpan) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(span.range.count)
        appendUnquoted(span, to: &out)
        return out
    }

    /// Appends the content of a quoted cell, its doubled quotes made single.
    private func appendUnquoted(_ span: CellSpan, to out: inout [UInt8]) {
        var index = span.range.lowerBound + 1
        let end = span.range.upperBound - 1
        while index < end {
            let byte = bytes[index]
            out.append(byte)
            index += byte == 0x22 ? 2 : 1
        }
    }

    private static func trimmedString(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        var start = range.lowerBound
        var end = range.upperBound
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }
}

/// UTF-8 validation without decoding (Unicode 15, table 3-7: no overlong forms, no surrogates,
/// nothing past U+10FFFF), with an eight-bytes-at-a-time path for ASCII.
enum UTF8Validation {
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var index = range.lowerBound
        let end = range.upperBound
        while index < end {
            if end - index >= 8, raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0
            {
                index += 8
                continue
            }
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return false
            }
            guard end - index >= length, low...high ~= bytes[index + 1] else { return false }
            var continuation = index + 2
            while continuation < index + length {
                guard bytes[continuation] & 0xC0 == 0x80 else { return false }
                continuation += 1
            }
            index += length
        }
        return true
    }
}
