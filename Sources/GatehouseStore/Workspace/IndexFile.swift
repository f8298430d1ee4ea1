import GatehouseCore
import Foundation

/// `index/records.idx`: a 16-byte header — the magic `GHWSIDX1` and the `records_generation` the
/// index was built from (UInt64, little-endian) — then the bytes of `RecordIndex.write(to:)`,
/// which carry their own `formatVersion`.
enum IndexFile {
    static let magic = Array("GHWSIDX1".utf8)
    static let headerSize = 16

    /// The index in `path` when it exists, is readable, and was built from `generation` with this
    /// build's `RecordIndex.formatVersion`; nil otherwise (the caller rebuilds it).
    static func read(path: String, generation: Int) -> RecordIndex? {
        guard FileManager.default.fileExists(atPath: path),
            let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped),
            data.count > headerSize
        else { return nil }
        return data.withUnsafeBytes { bytes -> RecordIndex? in
            guard bytes.prefix(magic.count).elementsEqual(magic) else { return nil }
            var stored: UInt64 = 0
            withUnsafeMutableBytes(of: &stored) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[8..<16])) }
            guard UInt64(littleEndian: stored) == UInt64(generation) else { return nil }
            return try? RecordIndex(reading: UnsafeRawBufferPointer(rebasing: bytes[headerSize...]))
        }
    }

    /// Writes `index` to a temporary file beside `path`, flushes it, and renames it over `path`,
    /// so a reader sees the old file or the new one, never a part.
    static func write(_ index: RecordIndex, generation: Int, to path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let temporary = path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
        guard let file = fopen(temporary, "wb") else {
            throw WorkspaceError(.io, "cannot write the index file \(temporary)")
        }
        var failed = false
        func put(_ bytes: UnsafeRawBufferPointer) {
            guard !failed, let base = bytes.baseAddress, bytes.count > 0 else { return }
            if fwrite(base, 1, bytes.count, file) != bytes.count { failed = true }
        }
        magic.withUnsafeBytes(put)
        withUnsafeBytes(of: UInt64(generation).littleEndian, put)
        index.write(to: put)
        if fflush(file) != 0 || fsync(fileno(file)) != 0 { failed = true }
        if fclose(file) != 0 { failed = true }
        guard !failed, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw WorkspaceError(.io, "cannot write the index file \(path)")
        }
    }
}
