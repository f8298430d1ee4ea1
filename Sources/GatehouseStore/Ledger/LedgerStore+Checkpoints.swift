public import GRDB
public import GatehouseCore
import Foundation

/// A signed checkpoint note as stored in `ledger_checkpoints`.
public struct StoredCheckpoint: Sendable, Hashable {
    /// The number of entries the checkpoint covers.
    public var size: Int
    /// The signed note text (C2SP tlog-checkpoint in a C2SP signed note).
    public var note: String
    /// When it was written, ISO 8601 UTC.
    public var createdAt: String

    public init(size: Int, note: String, createdAt: String) {
        self.size = size
        self.note = note
        self.createdAt = createdAt
    }
}

extension LedgerStore {
    /// Signs and stores a checkpoint for the log's current size, and returns its note.
    ///
    /// When a checkpoint of that size is already stored (no entry was appended since),
    /// returns the stored note instead, after checking that its root is the tree's.
    ///
    /// - Parameters:
    ///   - db: A connection inside a write transaction.
    ///   - signer: The workspace's signing key (``LedgerKeys/load(from:)``).
    ///   - origin: The log's name on the first line; by default the signer's name.
    ///   - timestamp: The `created_at` recorded with it.
    /// - Returns: The signed note text.
    /// - Throws: ``LedgerStoreError/Code/checkpointMismatch`` when a stored checkpoint of
    ///   this size has another root; SQLite and signing errors.
    /// - Complexity: O(log n) reads.
    @discardableResult
    public static func checkpoint(
        in db: Database, signer: NoteSigner, origin: String? = nil,
        at timestamp: LedgerTimestamp = .now
    ) throws -> String {
        let size = try self.size(in: db)
        let root = try Merkle.root(size: size, nodes: LedgerNodeTable(db))
        if let stored = try checkpoint(size: size, in: db) {
            let parsed = try Checkpoint(parsing: try SignedNote(parsing: stored.note).text)
            guard parsed.root == root else {
                throw LedgerStoreError(
                    .checkpointMismatch,
                    "the stored checkpoint of size \(size) has root \(parsed.root.hex), but the tree's root is \(root.hex)")
            }
            return stored.note
        }
        let note = try Checkpoint(origin: origin ?? signer.name, size: size, root: root).signed(by: signer).serialized
        try db.execute(
            sql: "INSERT INTO ledger_checkpoints (size, note, created_at) VALUES (?, ?, ?)",
            arguments: [size, note, timestamp.description])
        return note
    }

    /// The checkpoint with the largest size, or nil when none was written.
    public static func latestCheckpoint(in db: Database) throws -> StoredCheckpoint? {
        try fetchCheckpoints(db, sql: "SELECT size, note, created_at FROM ledger_checkpoints ORDER BY size DESC LIMIT 1")
            .first
    }

    /// The checkpoint of `size`, or nil.
    public static func checkpoint(size: Int, in db: Database) throws -> StoredCheckpoint? {
        try fetchCheckpoints(
            db, sql: "SELECT size, note, created_at FROM ledger_checkpoints WHERE size = ?", arguments: [size]
        ).first
    }

    /// Every stored checkpoint, smallest size first.
    public static func checkpoints(in db: Database) throws -> [StoredCheckpoint] {
        try fetchCheckpoints(db, sql: "SELECT size, note, created_at FROM ledger_checkpoints ORDER BY size")
    }

    private static func fetchCheckpoints(
        _ db: Database, sql: String, arguments: StatementArguments = []
    ) throws -> [StoredCheckpoint] {
        try Row.fetchAll(db, sql: sql, arguments: arguments).map {
            StoredCheckpoint(size: $0[0], note: $0[1], createdAt: $0[2])
        }
    }
}

extension LedgerTimestamp {
    /// The current time, in whole milliseconds.
    public static var now: LedgerTimestamp {
        LedgerTimestamp(secondsSince1970: Date().timeIntervalSince1970)
    }
}
