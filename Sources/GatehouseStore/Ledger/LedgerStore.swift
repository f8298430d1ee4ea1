public import GRDB
public import GatehouseCore
import Foundation

/// The ledger over a workspace database: appends events to the Merkle log, writes signed
/// checkpoints, answers proofs and verifies the whole log.
///
/// Every function takes the caller's `Database` connection and runs inside the caller's
/// transaction, so a batch chunk's decisions and their ledger entries commit or roll back
/// together:
///
/// ```swift
/// try workspace.database.write { db in
///     try insertDecisions(chunk, db)
///     try LedgerStore.append(events, at: now, in: db)
/// }
/// ```
///
/// The store writes only what the pure core (`LedgerAppender`) returns; it decides nothing.
public enum LedgerStore {
    /// The number of entries in the log; the next entry's sequence number.
    ///
    /// - Complexity: O(log n) (the largest `seq` of an integer primary key).
    public static func size(in db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(seq) + 1, 0) FROM ledger_entries") ?? 0
    }

    /// Appends `events`, in order, at `timestamp`, and returns their sequence numbers.
    ///
    /// Runs in a savepoint of the caller's transaction: if anything fails, none of the
    /// events is appended, and if the caller's transaction rolls back later, neither are they.
    ///
    /// - Parameters:
    ///   - events: The events to record; identifiers and hashes only.
    ///   - timestamp: The time written into every entry of this call.
    ///   - db: A connection inside a write transaction (e.g. `DatabasePool.write`).
    /// - Returns: The sequence number (Merkle leaf index) of each event.
    /// - Throws: `LedgerError` `.nodeMissing` when the stored right edge of the tree is
    ///   incomplete; GRDB's `DatabaseError` when SQLite fails.
    /// - Complexity: O(log n) reads to resume the tree, then amortized 1 entry row, 1 node
    ///   row and 2 hashes per event. Call it with chunks of about 10,000 events.
    @discardableResult
    public static func append(
        _ events: [LedgerEvent], at timestamp: LedgerTimestamp, in db: Database
    ) throws -> [UInt64] {
        guard !events.isEmpty else { return [] }
        var sequences: [UInt64] = []
        sequences.reserveCapacity(events.count)
        try db.inSavepoint {
            let start = try size(in: db)
            var appender = LedgerAppender(tree: try MerkleAppender(size: start, nodes: LedgerNodeTable(db)))
            let insertEntry = try db.cachedStatement(
                sql: "INSERT INTO ledger_entries (seq, kind, entry, leaf_hash) VALUES (?, ?, ?, ?)")
            let insertNode = try db.cachedStatement(
                sql: "INSERT INTO ledger_nodes (level, idx, hash) VALUES (?, ?, ?)")
            for event in events {
                let append = appender.append(event, at: timestamp)
                let sequence = append.entry.sequence
                insertEntry.setUncheckedArguments([
                    Int64(sequence), Int64(event.kind.rawValue), Data(append.encoded), append.leafHash.data,
                ])
                try insertEntry.execute()
                // The first write is the leaf itself, kept as the entry's leaf_hash.
                for write in append.nodeWrites.dropFirst() {
                    insertNode.setUncheckedArguments([write.node.level, write.node.index, write.hash.data])
                    try insertNode.execute()
                }
                sequences.append(sequence)
            }
            return .commit
        }
        return sequences
    }

    /// The root of the first `size` entries, from the stored nodes.
    ///
    /// - Throws: ``LedgerStoreError/Code/outOfRange`` when `size` exceeds the log.
    /// - Complexity: O(log n) reads in one query.
    public static func root(size: Int, in db: Database) throws -> Hash32 {
        let current = try self.size(in: db)
        guard size >= 0, size <= current else {
            throw LedgerStoreError(.outOfRange, "the log has \(current) entries; it has no tree of \(size)")
        }
        return try Merkle.root(size: size, nodes: LedgerNodeTable(db))
    }

    /// The stored entry numbered `sequence`, or nil when the log has none.
    public static func entry(sequence: UInt64, in db: Database) throws -> StoredLedgerEntry? {
        guard sequence <= UInt64(Int64.max),
            let row = try Row.fetchOne(
                db, sql: "SELECT seq, kind, entry, leaf_hash FROM ledger_entries WHERE seq = ?",
                arguments: [Int64(sequence)])
        else { return nil }
        let bytes = try row.bytes(atIndex: 2)
        guard let leaf = try row.hash(atIndex: 3) else {
            throw LedgerStoreError(.corrupt, "the stored leaf hash of entry \(sequence) is not 32 bytes")
        }
        return StoredLedgerEntry(sequence: sequence, kind: row[1], bytes: bytes, leafHash: leaf)
    }
}

extension Row {
    /// The BLOB at `index` as bytes (empty for NULL).
    func bytes(atIndex index: Int) throws -> [UInt8] {
        try withUnsafeData(atIndex: index) { data in data.map { [UInt8]($0) } ?? [] }
    }

    /// The BLOB at `index` as a hash, or nil unless it holds exactly 32 bytes.
    func hash(atIndex index: Int) throws -> Hash32? {
        try withUnsafeData(atIndex: index) { data in
            data?.withUnsafeBytes { raw in raw.count == Hash32.byteCount ? Hash32(rawBytes: raw) : nil }
        }
    }
}

extension Hash32 {
    /// The 32 bytes as `Data`, for a BLOB column.
    var data: Data { withUnsafeBytes { Data($0) } }
}

/// An entry as stored: its sequence number, its kind column, its canonical bytes and leaf hash.
public struct StoredLedgerEntry: Sendable, Hashable {
    public var sequence: UInt64
    /// The `kind` column (the event kind's byte).
    public var kind: Int
    /// The canonical entry bytes.
    public var bytes: [UInt8]
    /// The stored leaf hash.
    public var leafHash: Hash32

    /// The entry decoded from its bytes.
    ///
    /// - Throws: `LedgerError` `.invalidEntry` when the bytes are not a canonical entry.
    public func decoded() throws(LedgerError) -> LedgerEntry {
        try LedgerEntry(decoding: bytes)
    }
}
