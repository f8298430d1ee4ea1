public import GRDB
import GatehouseCore
import Foundation

/// Writes the log as a static C2SP tlog-tiles folder: `checkpoint`, `tile/<L>/<N>[.p/<W>]`
/// and `tile/entries/<N>[.p/<W>]`, ready to be served by any web server under a prefix.
///
/// The tree written is that of the latest stored checkpoint. Exporting again into the same
/// folder after the log grew adds the new tiles, keeps the old ones (a partial tile is
/// never wrong, only superseded) and replaces the checkpoint last, so that a reader who
/// sees the new checkpoint finds every tile it needs. Every file is written to a temporary
/// name and renamed into place.
public enum LedgerTileExport {
    /// What an export wrote.
    public struct Summary: Sendable, Hashable {
        /// The checkpoint's tree size.
        public var size: Int
        /// Tiles of hashes in the tree.
        public var tiles: Int
        /// Entry bundles in the tree.
        public var bundles: Int
        /// Files written (new, or the checkpoint replaced).
        public var written: Int
        /// Files already in the folder with the same bytes.
        public var unchanged: Int
        /// Bytes of tiles and bundles in the tree.
        public var bytes: Int
    }

    /// The checkpoint's file name in the folder.
    public static let checkpointFileName = "checkpoint"

    /// Exports the tree of the latest checkpoint of the log in `database` to `directory`.
    ///
    /// - Parameters:
    ///   - progress: called with the resources done and their total, from the exporting thread.
    /// - Throws: ``LedgerStoreError/Code/noCheckpoint`` before the first checkpoint;
    ///   ``LedgerStoreError/Code/checkpointMismatch`` when the folder holds another log's
    ///   checkpoint (another origin, a larger size, or a root this log never had) or a tile
    ///   that differs from this log's; ``LedgerStoreError/Code/corrupt`` for an ill-formed
    ///   stored checkpoint; file-system errors.
    /// - Complexity: O(n) rows read once (``LedgerStore/forEachTile(ofTreeSize:in:_:)``).
    @discardableResult
    public static func export(
        from database: some DatabaseReader, to directory: String, progress: (Int, Int) -> Void = { _, _ in }
    ) throws -> Summary {
        try database.read { db in
            guard let stored = try LedgerStore.latestCheckpoint(in: db) else {
                throw LedgerStoreError(
                    .noCheckpoint, "the log has no checkpoint yet; write one with 'gatehouse ledger checkpoint --new'")
            }
            let checkpoint = try parse(stored.note, what: "the stored checkpoint of size \(stored.size)")
            let folder = URL(fileURLWithPath: directory, isDirectory: true)
            try checkExisting(folder, against: checkpoint, in: db)
            let tiles = Tile.tiles(ofTreeSize: checkpoint.size)
            let bundles = tiles.filter { $0.level == 0 }.count
            var summary = Summary(
                size: checkpoint.size, tiles: tiles.count, bundles: bundles, written: 0, unchanged: 0, bytes: 0)
            let total = tiles.count + bundles
            var done = 0
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try LedgerStore.forEachTile(ofTreeSize: checkpoint.size, in: db) { resource, bytes in
                let data = Data(bytes)
                let file = folder.appendingPathComponent(resource.path)
                if let existing = FileManager.default.contents(atPath: file.path) {
                    guard existing == data else {
                        throw LedgerStoreError(
                            .checkpointMismatch,
                            "\(file.path) differs from this log's \(resource.path); export into an empty folder")
                    }
                    summary.unchanged += 1
                } else {
                    try write(data, to: file)
                    summary.written += 1
                }
                summary.bytes += bytes.count
                done += 1
                progress(done, total)
            }
            try write(Data(stored.note.utf8), to: folder.appendingPathComponent(checkpointFileName))
            summary.written += 1
            return summary
        }
    }

    /// Refuses a folder that holds another log's checkpoint, or a later one of this log.
    private static func checkExisting(_ folder: URL, against checkpoint: Checkpoint, in db: Database) throws {
        let file = folder.appendingPathComponent(checkpointFileName)
        guard let data = FileManager.default.contents(atPath: file.path) else { return }
        let existing = try parse(String(decoding: data, as: UTF8.self), what: file.path)
        guard existing.origin == checkpoint.origin else {
            throw LedgerStoreError(
                .checkpointMismatch, "\(file.path) is the checkpoint of another log (\(existing.origin)); export into an empty folder")
        }
        guard existing.size <= checkpoint.size else {
            throw LedgerStoreError(
                .checkpointMismatch,
                "\(file.path) is for \(existing.size) entries, more than this log's latest checkpoint (\(checkpoint.size))")
        }
        let root = try LedgerStore.root(size: existing.size, in: db)
        guard root == existing.root else {
            throw LedgerStoreError(
                .checkpointMismatch,
                "\(file.path) signs root \(existing.root.hex) for \(existing.size) entries, but this log's root at that size is \(root.hex)")
        }
    }

    private static func parse(_ note: String, what: String) throws -> Checkpoint {
        do {
            return try Checkpoint(parsing: try SignedNote(parsing: note).text)
        } catch {
            throw LedgerStoreError(.corrupt, "\(what) is not a signed checkpoint: \(error.context)")
        }
    }

    /// Writes `data` to a temporary file beside `file`, then renames it into place.
    private static func write(_ data: Data, to file: URL) throws {
        let directory = file.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let temporary = directory.appendingPathComponent(".\(file.lastPathComponent).\(UUID().uuidString).tmp")
        try data.write(to: temporary)
        guard rename(temporary.path, file.path) == 0 else {
            let code = errno
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file.path, "errno": code])
        }
    }
}
