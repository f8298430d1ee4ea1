import Foundation
public import GatehouseCore

/// A Records CSV cut into row-aligned chunks that can be parsed concurrently.
///
/// Reading every chunk in order, `rows(0) + rows(1) + …`, yields exactly the rows that
/// `RecordsReader` yields for the same file and mapping: the same records, the same rejected rows
/// with the same line numbers and details. Chunks share the memory-mapped file read-only, and
/// `rows(_:)` may be called for different chunks (or the same one) from many tasks at once:
///
/// ```swift
/// let chunks = try RecordsChunks(path: path, mapping: mapping)
/// let parsed = await withTaskGroup(of: (Int, [RecordRow]).self) { group in
///     for chunk in 0..<chunks.count { group.addTask { (chunk, chunks.rows(chunk)) } }
///     var parsed = [[RecordRow]](repeating: [], count: chunks.count)
///     for await (chunk, rows) in group { parsed[chunk] = rows }
///     return parsed
/// }
/// ```
///
/// To bound memory, keep a few chunks in flight and consume them in order rather than parsing all
/// of them at once: a row takes 112 bytes, plus an address array and each string longer than 15
/// bytes, so a chunk's rows take about twice its bytes.
///
/// The file must not change while it is being read: it is mapped, not copied.
public struct RecordsChunks: Sendable {
    private let chunks: CSVChunks
    private let columns: BoundColumns

    /// 128 KiB, about 1,300 Records rows. Small chunks keep the rows being read in the cache and in
    /// memory the allocator reuses: with glibc, the rows of chunks of 1 MiB or more go back to the
    /// system when freed and are faulted in again for the next chunk. Reading a 160 MB file on two
    /// cores took 0.35 s in chunks of 128 KiB and 0.50 s in chunks of 8 MiB (0.75 s with
    /// `RecordsReader`). A consumer whose work per chunk gains from more rows (a memo, a batch)
    /// may pass a larger `chunkBytes`; the cost of a chunk itself (a task, an array) stays under 1%
    /// at this size.
    public static let defaultChunkBytes = 128 << 10

    /// Maps `path`, reads and binds its header like `RecordsReader`, and cuts the rest of the file
    /// into chunks of about `chunkBytes` bytes, each starting at a row.
    ///
    /// - Parameters:
    ///   - path: the Records CSV.
    ///   - mapping: renames of the format's columns to the file's.
    ///   - chunkBytes: the target size of a chunk; a chunk ends at the first row start at or after
    ///     it, so it may be longer by up to one row. Clamped to at least 1 (one row per chunk).
    /// - Throws: the `CSVError` that `RecordsReader(path:mapping:)` throws for the same file: the file
    ///   cannot be opened, is empty, is not CSV, or lacks a required column.
    /// - Complexity: O(*n*) in the size of the file, on the calling thread, without decoding any cell:
    ///   line feeds are counted eight bytes at a time, and only rows that hold a quote or a carriage
    ///   return are walked byte by byte. About 35 ms for 160 MB of unquoted data: a twentieth of
    ///   the CPU time that `rows(_:)` takes over all its chunks.
    public init(
        path: String, mapping: ColumnMapping = ColumnMapping(), chunkBytes: Int = RecordsChunks.defaultChunkBytes
    ) throws {
        chunks = try CSVChunks(path: path, chunkBytes: chunkBytes)
        columns = try BoundColumns(recordsHeader: chunks.header, mapping: mapping, path: path)
    }

    /// The header cells as written in the file, trimmed.
    public var header: [String] { chunks.header }

    /// The number of chunks; 0 when the file has no data after its header. A chunk may hold no
    /// rows (blank lines only).
    public var count: Int { chunks.count }

    /// The size of the file in bytes (to estimate its rows before reading them).
    public var byteCount: Int { chunks.byteCount }

    /// The rows of chunk `chunk`, in file order, as `RecordsReader` yields them.
    ///
    /// Safe to call from many tasks at once.
    /// - Precondition: `0 <= chunk < count`.
    /// - Complexity: O(*m*) in the size of the chunk.
    public func rows(_ chunk: Int) -> [RecordRow] {
        var rows: [RecordRow] = []
        rows.reserveCapacity(chunks.maximumRowCount(chunk))
        var scratch: [UInt8] = []
        chunks.forEachRow(in: chunk) { rows.append(columns.recordRow($0, scratch: &scratch)) }
        return rows
    }

    /// The rows of chunk `chunk`, in file order, without decoding the plain ones: `plain` gets
    /// each row whose cells need no unquoting (as bytes, valid only during the call), `other`
    /// every other row as `rows(_:)` gives it (a record read from quoted cells, or a rejection).
    ///
    /// Safe to call from many tasks at once.
    /// - Precondition: `0 <= chunk < count`.
    public func forEachRow(_ chunk: Int, plain: (RecordCells) -> Void, other: (RecordRow) -> Void) {
        var scratch: [UInt8] = []
        chunks.forEachRow(in: chunk) { row in
            if let cells = columns.recordCells(row) {
                plain(cells)
            } else {
                other(columns.recordRow(row, scratch: &scratch))
            }
        }
    }
}

/// A Requests CSV cut into row-aligned chunks that can be parsed concurrently.
///
/// Reading every chunk in order, `rows(0) + rows(1) + …`, yields exactly the rows that
/// `RequestsReader` yields for the same file and mapping. See `RecordsChunks` for an example.
public struct RequestsChunks: Sendable {
    private let chunks: CSVChunks
    private let columns: BoundColumns

    /// Maps `path`, reads and binds its header like `RequestsReader`, and cuts the rest of the file
    /// into chunks of about `chunkBytes` bytes, each starting at a row.
    ///
    /// - Parameters:
    ///   - path: the Requests CSV.
    ///   - mapping: renames of the format's columns to the file's.
    ///   - chunkBytes: the target size of a chunk; a chunk ends at the first row start at or after
    ///     it. Clamped to at least 1 (one row per chunk). See `RecordsChunks.defaultChunkBytes`.
    /// - Throws: the `CSVError` that `RequestsReader(path:mapping:)` throws for the same file.
    /// - Complexity: O(*n*) in the size of the file, on the calling thread, without decoding any cell.
    public init(
        path: String, mapping: ColumnMapping = ColumnMapping(), chunkBytes: Int = RecordsChunks.defaultChunkBytes
    ) throws {
        chunks = try CSVChunks(path: path, chunkBytes: chunkBytes)
        columns = try BoundColumns(requestsHeader: chunks.header, mapping: mapping, path: path)
    }

    /// The header cells as written in the file, trimmed.
    public var header: [String] { chunks.header }

    /// Optional columns the file lacks (read as empty).
    public var absentColumns: [String] { columns.absentColumns }

    /// The number of chunks; 0 when the file has no data after its header.
    public var count: Int { chunks.count }

    /// The rows of chunk `chunk`, in file order, as `RequestsReader` yields them.
    ///
    /// Safe to call from many tasks at once.
    /// - Precondition: `0 <= chunk < count`.
    /// - Complexity: O(*m*) in the size of the chunk.
    public func rows(_ chunk: Int) -> [RequestRow] {
        var rows: [RequestRow] = []
        rows.reserveCapacity(chunks.maximumRowCount(chunk))
        var scratch: [UInt8] = []
        chunks.forEachRow(in: chunk) { rows.append(columns.requestRow($0, scratch: &scratch)) }
        return rows
    }
}

/// A CSV file mapped into memory, its header read, and the rest cut at row starts.
///
/// Every cut is a row start that the streaming `CSVReader` reaches too, found by one pass that
/// follows the reader's own rules: a stretch of the file with no quote and no carriage return is
/// made of rows that each end at a line feed, so it is cut at line feeds; a row that holds a quote
/// or a carriage return is walked by the same `RowCursor` that the reader uses, stray quotes and
/// their recovery included. A cut can therefore never fall inside a quoted cell, and the line
/// number of each cut is known, so each chunk is read on its own with the right line numbers.
struct CSVChunks: Sendable {
    let header: [String]
    /// The file's bytes, mapped read-only.
    private let data: Data
    /// The offset of each chunk's first row, then the end of the file.
    private let starts: [Int]
    /// The line number of each chunk's first row, then the line number at the end of the file.
    private let lines: [Int]

    /// - Throws: `CSVError` like `CSVReader(path:)`.
    init(path: String, chunkBytes: Int) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw CSVError.cannotOpen(path: path) }
        try? handle.close()
        data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        (header, starts, lines) = try data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var cursor = RowCursor(position: try CSVHeader.firstRowOffset(in: bytes, path: path), line: 1)
            let header = try CSVHeader.read(path: path) {
                guard case .row(let row) = cursor.next(in: bytes, isComplete: true) else { return nil }
                return row.csvRow()
            }
            let (starts, lines) = Self.cut(bytes, from: cursor, every: Swift.max(1, chunkBytes))
            return (header, starts, lines)
        }
    }

    var count: Int { starts.count - 1 }

    /// An upper bound on the rows of `chunk` (its line breaks, plus one for a last line without one).
    /// The size of the file in bytes.
    var byteCount: Int { data.count }

    func maximumRowCount(_ chunk: Int) -> Int {
        lines[chunk + 1] - lines[chunk] + 1
    }

    /// Calls `body` with each row of `chunk`, in file order.
    func forEachRow(in chunk: Int, _ body: (ScannedRow) -> Void) {
        precondition(chunk >= 0 && chunk < count, "chunk \(chunk) out of 0..<\(count)")
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var cursor = RowCursor(position: starts[chunk], line: lines[chunk])
            let end = starts[chunk + 1]
            while case .row(let row) = cursor.next(in: bytes, isComplete: true, limit: end) {
                body(row)
            }
            assert(cursor.position == end, "chunk \(chunk) ended at \(cursor.position), not at \(end)")
        }
    }

    /// Row starts about `chunkBytes` apart from `first` to the end of `bytes`, with their line
    /// numbers, followed by the end of the bytes and its line number.
    /// - Complexity: O(*n*) in the length of `bytes`.
    static func cut(
        _ bytes: UnsafeBufferPointer<UInt8>, from first: RowCursor, every chunkBytes: Int
    ) -> (starts: [Int], lines: [Int]) {
        var cursor = first
        var starts: [Int] = []
        var lines: [Int] = []
        let count = bytes.count
        // The next chunk starts at the first row start at or after `target`.
        var target = cursor.position
        var quotes = ByteSearch(byte: 0x22)
        var returns = ByteSearch(byte: 0x0D)
        while cursor.position < count {
            // Up to `special`, every line feed ends a row.
            let special = Swift.min(
                quotes.next(in: bytes, from: cursor.position), returns.next(in: bytes, from: cursor.position))
            while true {
                let cut: Int
                if target <= cursor.position {
                    cut = cursor.position
                } else if let lineFeed = ByteSearch.firstIndex(of: 0x0A, in: bytes, from: target - 1, to: special) {
                    cut = lineFeed + 1
                } else {
                    break
                }
                cursor.line += countLineFeeds(in: bytes, cursor.position..<cut)
                cursor.position = cut
                guard cut < count else { break }
                starts.append(cut)
                lines.append(cursor.line)
                target = cut + chunkBytes
            }
            // Pass the plain rows up to the last line feed before `special`.
            var lastLineFeed = special - 1
            while lastLineFeed >= cursor.position, bytes[lastLineFeed] != 0x0A { lastLineFeed -= 1 }
            if lastLineFeed >= cursor.position {
                cursor.line += countLineFeeds(in: bytes, cursor.position..<lastLineFeed + 1)
                cursor.position = lastLineFeed + 1
            }
            // This row holds a quote or a carriage return before its line feed, or it is the last
            // row and has none: read it as the reader does.
            if cursor.position < count, case .end = cursor.next(in: bytes, isComplete: true) { break }
        }
        starts.append(count)
        lines.append(cursor.line)
        return (starts, lines)
    }

    /// The number of line feeds in `bytes[range]`, eight bytes at a time.
    static func countLineFeeds(in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        guard let base = bytes.baseAddress, !range.isEmpty else { return 0 }
        let raw = UnsafeRawPointer(base)
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let lineFeeds: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
        /// The zero bytes of `word ^ lineFeeds`, exactly (no carries between bytes).
        @inline(__always) func matches(at offset: Int) -> Int {
            let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self) ^ lineFeeds
            return (~(((word & low7) &+ low7) | word | low7)).nonzeroBitCount
        }
        var index = range.lowerBound
        var total = 0
        while range.upperBound - index >= 32 {
            total += matches(at: index) + matches(at: index + 8) + matches(at: index + 16) + matches(at: index + 24)
            index += 32
        }
        while range.upperBound - index >= 8 {
            total += matches(at: index)
            index += 8
        }
        while index < range.upperBound {
            if bytes[index] == 0x0A { total += 1 }
            index += 1
        }
        return total
    }
}

/// The next occurrence of one byte, remembered until the search passes it, so that looking for it
/// again and again as a position advances costs one pass over the bytes in all.
struct ByteSearch {
    let byte: UInt8
    private var found = -1

    init(byte: UInt8) { self.byte = byte }

    /// The offset of the first `byte` at or after `start`, or the end of `bytes`.
    mutating func next(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        if found < start { found = Self.firstIndex(of: byte, in: bytes, from: start, to: bytes.count) ?? bytes.count }
        return found
    }

    /// The offset of the first `byte` in `bytes[start..<end]`, or nil (memchr).
    static func firstIndex(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int? {
        guard start < end, let base = bytes.baseAddress else { return nil }
        guard let match = memchr(base + start, Int32(byte), end - start) else { return nil }
        return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(match))
    }
}
