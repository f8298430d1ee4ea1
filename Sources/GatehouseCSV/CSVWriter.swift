import Foundation

/// Writes RFC 4180 CSV to a file, buffered, with cells a spreadsheet would execute neutralized.
///
/// A cell is quoted when it holds a comma, a quote, CR or LF. A cell that starts with `=`, `+`,
/// `-`, `@`, a tab or CR (other than a plain signed number such as `-1.5`) gets a leading apostrophe, so that a spreadsheet shows it as text instead
/// of running it as a formula (CSV injection). Lines end with LF.
public final class CSVWriter {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private let flushThreshold = 1 << 20

    /// Creates (or truncates) the file at `path` and writes `header` as its first row.
    public init(path: String, header: [String]) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw CSVError.cannotOpen(path: path)
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw CSVError.cannotOpen(path: path)
        }
        self.handle = handle
        buffer.reserveCapacity(flushThreshold + 4096)
        try write(header)
    }

    deinit {
        try? handle.close()
    }

    /// Appends one row.
    public func write(_ cells: [String]) throws {
        CSVWriter.appendRow(cells, to: &buffer)
        if buffer.count >= flushThreshold { try flush() }
    }

    /// Appends rows already encoded by `appendRow(_:to:)` (which may run on other cores).
    public func write(encodedRows bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= flushThreshold { try flush() }
    }

    /// Encodes one row, escaped and neutralized as `write(_:)` does, with its line end.
    public static func appendRow(_ cells: [String], to buffer: inout [UInt8]) {
        for (index, cell) in cells.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            appendEscaped(cell, to: &buffer)
        }
        buffer.append(UInt8(ascii: "\n"))
    }

    /// Writes buffered rows to the file.
    public func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and closes the file.
    public func close() throws {
        try flush()
        try handle.close()
    }

    /// Whether `bytes` is a signed decimal number such as `-12.5`: a spreadsheet reads it as data.
    static func isPlainNumber(_ bytes: String.UTF8View) -> Bool {
        var digits = 0
        var dots = 0
        for (index, byte) in bytes.enumerated() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            case UInt8(ascii: "."): dots += 1
            case UInt8(ascii: "+") where index == 0, UInt8(ascii: "-") where index == 0: continue
            default: return false
            }
        }
        return digits > 0 && dots <= 1
    }

    /// Appends `cell` to `buffer` as one CSV field: formula-neutralized, quoted when needed.
    public static func appendEscaped(_ cell: String, to buffer: inout [UInt8]) {
        let utf8 = cell.utf8
        var needsQuotes = false
        for byte in utf8 where byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D {
            needsQuotes = true
            break
        }
        let neutralize: Bool
        switch utf8.first {
        case UInt8(ascii: "="), UInt8(ascii: "@"), 0x09, 0x0D:
            neutralize = true
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            neutralize = !isPlainNumber(utf8)
        default:
            neutralize = false
        }
        if needsQuotes { buffer.append(0x22) }
        if neutralize { buffer.append(UInt8(ascii: "'")) }
        for byte in utf8 {
            buffer.append(byte)
            if byte == 0x22 { buffer.append(0x22) }
        }
        if needsQuotes { buffer.append(0x22) }
    }
}
