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

    public var description: String {
        switch self {
        case .malformed(let detail): "malformed row: \(detail)"
        case .encoding: "the row is not valid UTF-8"
        }
    }
}

/// Reads an RFC 4180 CSV file as a stream of rows over UTF-8 bytes.
///
/// Accepts a UTF-8 byte-order mark, LF or CRLF line ends, quoted cells with doubled quotes and
/// embedded line breaks. Blank lines are skipped. A row that cannot be read is returned with a
/// `problem` instead of stopping the file: a stray quote swallows at most a few lines, never the
/// rest of the file.
public final class CSVReader: Sequence, IteratorProtocol {
    public let path: String
    /// The header cells as written in the file, trimmed.
    public private(set) var header: [String] = []

    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var position = 0
    private var endOfFile = false
    private var line = 1
    private let chunkSize = 1 << 22
    /// A quoted cell that spans more line breaks than this is taken as an unbalanced quote.
    private let maximumLineBreaksInCell = 8

    /// Opens `path` and reads its header row.
    /// - Throws: `CSVError` when the file cannot be opened, is empty, or is not CSV.
    public init(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CSVError.cannotOpen(path: path)
        }
        self.path = path
        self.handle = handle
        try fill()
        if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        if buffer.prefix(4096).contains(0) {
            throw CSVError.notCSV(path: path, detail: "it contains NUL bytes (a binary file?)")
        }
        while true {
            guard let first = try readRow() else { throw CSVError.empty(path: path) }
            if let problem = first.problem {
                throw CSVError.notCSV(
                    path: path, detail: "the header row (line \(first.line)) is unreadable: \(problem)")
            }
            let cells = first.cells.map { $0.trimmingCharacters(in: .whitespaces) }
            if cells.allSatisfy(\.isEmpty) { continue }
            header = cells
            break
        }
    }

    deinit {
        try? handle.close()
    }

    public func next() -> CSVRow? {
        try? readRow()
    }

    private func fill() throws {
        guard !endOfFile else { return }
        if position > 0 {
            buffer.removeSubrange(0..<position)
            position = 0
        }
        let data = try handle.read(upToCount: chunkSize) ?? Data()
        if data.isEmpty {
            endOfFile = true
        } else {
            buffer.append(contentsOf: data)
        }
    }

    /// Reads the next non-blank row; nil at the end of the file.
    private func readRow() throws -> CSVRow? {
        while true {
            if position >= buffer.count {
                try fill()
                if position >= buffer.count { return nil }
            }
            switch scan(from: position) {
            case .needMore:
                if endOfFile {
                    // The file ends inside a quoted cell: an unbalanced quote.
                    return recover(problem: .malformed("unbalanced quote at the end of the file"))
                }
                try fill()
            case .blank(let end, let lineBreaks):
                position = end
                line += lineBreaks
            case .row(let cellRanges, let quoted, let end, let lineBreaks):
                let startLine = line
                var cells: [String] = []
                cells.reserveCapacity(cellRanges.count)
                var valid = true
                for (index, range) in cellRanges.enumerated() {
                    let cell: String?
                    if quoted[index] {
                        cell = String(validating: unquote(range), as: UTF8.self)
                    } else {
                        cell = buffer.withUnsafeBufferPointer {
                            String(validating: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self)
                        }
                    }
                    guard let cell else {
                        valid = false
                        break
                    }
                    cells.append(cell)
                }
                if !valid {
                    let row = CSVRow(
                        line: startLine, cells: [], problem: .encoding,
                        recoveredCells: recoveredCells(position..<end))
                    position = end
                    line += lineBreaks
                    return row
                }
                position = end
                line += lineBreaks
                return CSVRow(line: startLine, cells: cells, problem: nil, recoveredCells: [])
            case .malformed(let detail):
                return recover(problem: .malformed(detail))
            }
        }
    }

    /// Ends a malformed row at the first line break after its start and returns it.
    private func recover(problem: CSVRowProblem) -> CSVRow {
        var end = position
        while end < buffer.count, buffer[end] != 0x0A { end += 1 }
        let content = position..<(end > position && buffer[end - 1] == 0x0D ? end - 1 : end)
        let row = CSVRow(line: line, cells: [], problem: problem, recoveredCells: recoveredCells(content))
        position = Swift.min(end + 1, buffer.count)
        line += 1
        return row
    }

    private func recoveredCells(_ range: Range<Int>) -> [String] {
        let bytes = buffer[range].filter { $0 != 0x22 && $0 != 0x0A && $0 != 0x0D }
        return bytes.split(separator: 0x2C, omittingEmptySubsequences: false).map {
            String(decoding: $0, as: UTF8.self)
        }
    }

    private func unquote(_ range: Range<Int>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var index = range.lowerBound + 1
        let end = range.upperBound - 1
        while index < end {
            let byte = buffer[index]
            out.append(byte)
            index += byte == 0x22 ? 2 : 1
        }
        return out
    }

    private enum Scan {
        case needMore
        case blank(end: Int, lineBreaks: Int)
        case row(cells: [Range<Int>], quoted: [Bool], end: Int, lineBreaks: Int)
        case malformed(String)
    }

    /// Scans one row starting at `start` without consuming it.
    private func scan(from start: Int) -> Scan {
        var cells: [Range<Int>] = []
        var quoted: [Bool] = []
        var index = start
        var cellStart = start
        var lineBreaks = 0
        let count = buffer.count
        return buffer.withUnsafeBufferPointer { bytes in
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
                                if endOfFile { cursor += 1; break }
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
                            if breaksInCell > maximumLineBreaksInCell {
                                return .malformed("a quoted cell does not end (unbalanced quote)")
                            }
                        }
                        cursor += 1
                    }
                    cells.append(index..<cursor)
                    quoted.append(true)
                    lineBreaks += breaksInCell
                    index = cursor
                    guard index < count else {
                        if endOfFile { return .row(cells: cells, quoted: quoted, end: index, lineBreaks: lineBreaks) }
                        return .needMore
                    }
                    switch bytes[index] {
                    case 0x2C:
                        index += 1
                        cellStart = index
                        continue
                    case 0x0A:
                        return .row(cells: cells, quoted: quoted, end: index + 1, lineBreaks: lineBreaks + 1)
                    case 0x0D:
                        guard index + 1 < count else {
                            if endOfFile {
                                return .row(cells: cells, quoted: quoted, end: index + 1, lineBreaks: lineBreaks + 1)
                            }
                            return .needMore
                        }
                        if bytes[index + 1] == 0x0A {
                            return .row(cells: cells, quoted: quoted, end: index + 2, lineBreaks: lineBreaks + 1)
                        }
                        return .malformed("a stray character after a closing quote")
                    default:
                        return .malformed("a stray character after a closing quote")
                    }
                }
                // An unquoted cell.
                cellStart = index
                while index < count {
                    let byte = bytes[index]
                    if byte == 0x2C || byte == 0x0A || byte == 0x0D { break }
                    if byte == 0x22 { return .malformed("a quote inside an unquoted cell") }
                    index += 1
                }
                guard index < count else {
                    guard endOfFile else { return .needMore }
                    cells.append(cellStart..<index)
                    quoted.append(false)
                    if cells.count == 1 && cells[0].isEmpty { return .blank(end: index, lineBreaks: 0) }
                    return .row(cells: cells, quoted: quoted, end: index, lineBreaks: lineBreaks)
                }
                cells.append(cellStart..<index)
                quoted.append(false)
                switch bytes[index] {
                case 0x2C:
                    index += 1
                    continue
                case 0x0D:
                    guard index + 1 < count else {
                        guard endOfFile else { return .needMore }
                        return finish(cells, quoted, end: index + 1, lineBreaks: lineBreaks + 1)
                    }
                    let end = bytes[index + 1] == 0x0A ? index + 2 : index + 1
                    return finish(cells, quoted, end: end, lineBreaks: lineBreaks + 1)
                default:
                    return finish(cells, quoted, end: index + 1, lineBreaks: lineBreaks + 1)
                }
            }
        }
    }

    private func finish(_ cells: [Range<Int>], _ quoted: [Bool], end: Int, lineBreaks: Int) -> Scan {
        if cells.count == 1, cells[0].isEmpty, !quoted[0] { return .blank(end: end, lineBreaks: lineBreaks) }
        return .row(cells: cells, quoted: quoted, end: end, lineBreaks: lineBreaks)
    }
}
