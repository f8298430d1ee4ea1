import Crypto
import Foundation
import GatehouseCSV
import GatehouseCore
import GatehouseStore
import Hummingbird

/// A batch upload written to the workspace's `uploads/` folder as it arrives, never held whole in
/// memory: SHA-256 computed on the way, rows counted on the way (so that a batch over the
/// agreement's row cap, or the server's byte cap, stops at once with 413). A file is named
/// `*.part` until it is whole; what a killed run leaves is removed at the next start.
struct UploadSpool {
    static func directory(_ workspace: Workspace) -> String { workspace.path + "/uploads" }

    /// Removes every partial upload (a killed run's).
    static func clean(workspace: Workspace) throws {
        let files = FileManager.default
        let folder = directory(workspace)
        try? files.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for name in (try? files.contentsOfDirectory(atPath: folder)) ?? [] where name.hasSuffix(".part") {
            try? files.removeItem(atPath: folder + "/" + name)
        }
    }

    struct Received {
        var path: String
        var sha256: Hash32
        var bytes: Int
        var rows: Int
    }

    /// Writes `body` to a new spool file.
    /// - Throws: `Problem` 413 past `maxBytes` or `maxRows` (the file is removed).
    static func receive(
        _ body: RequestBody, workspace: Workspace, id: String, format: RequestsFileFormat, maxBytes: Int, maxRows: Int?
    ) async throws -> Received {
        let path = directory(workspace) + "/\(id)-\(UUID().uuidString.prefix(8)).part"
        try? FileManager.default.createDirectory(atPath: directory(workspace), withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path)
        else { throw Problem.unavailable("the upload cannot be stored") }
        var hasher = SHA256()
        var counter = RowCounter(format: format)
        var bytes = 0
        do {
            defer { try? handle.close() }
            for try await buffer in body {
                bytes += buffer.readableBytes
                if bytes > maxBytes {
                    throw Problem(.contentTooLarge, .tooLarge, "the upload is larger than the server accepts (\(maxBytes) bytes)")
                }
                try buffer.withUnsafeReadableBytes { raw in
                    hasher.update(bufferPointer: raw)
                    counter.count(raw)
                    try handle.write(contentsOf: raw)
                }
                if let maxRows, counter.rows > maxRows {
                    throw Problem(
                        .contentTooLarge, .tooLarge, "the batch holds more rows than the agreement allows in one batch",
                        reasons: [ReasonCode.agreementQuotaBatchExceeded.rawValue])
                }
            }
            try handle.synchronize()
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
        counter.finish()
        let digest = hasher.finalize()
        return Received(
            path: path, sha256: digest.withUnsafeBytes { Hash32(rawBytes: $0) }, bytes: bytes, rows: counter.rows)
    }
}

/// Counts the data rows of a CSV (records end at line breaks outside quotes; the header and
/// blank lines do not count) or an NDJSON body (non-blank lines), over bytes as they arrive.
struct RowCounter {
    let format: RequestsFileFormat
    private(set) var rows = 0
    private var inQuotes = false
    private var lineHasContent = false
    private var sawHeader = false

    init(format: RequestsFileFormat) {
        self.format = format
    }

    mutating func count(_ bytes: UnsafeRawBufferPointer) {
        for byte in bytes {
            if format == .csv, byte == UInt8(ascii: "\"") {
                inQuotes.toggle()
                lineHasContent = true
            } else if byte == 0x0A, !inQuotes {
                endLine()
            } else if byte != 0x0D, byte != 0x20, byte != 0x09 {
                lineHasContent = true
            }
        }
    }

    mutating func finish() { endLine() }

    private mutating func endLine() {
        guard lineHasContent else { return }
        lineHasContent = false
        if format == .csv, !sawHeader {
            sawHeader = true
        } else {
            rows += 1
        }
    }
}
