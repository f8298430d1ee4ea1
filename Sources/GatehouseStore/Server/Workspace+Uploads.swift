import Foundation
public import GatehouseCore
public import GRDB

/// A batch id handed out before its rows arrive (`POST /v1/batches`), with the manifest it was
/// created with.
public struct BatchUpload: Sendable, Hashable {
    public var id: String
    public var agreementID: String
    /// The manifest as sent (YAML); its SHA-256 goes into the batch's ledger event.
    public var manifest: String
    public var keyID: String
    public var createdAt: String
    /// The stored batch once the rows are uploaded: this id, or the existing batch of the same
    /// bytes under the same agreement.
    public var batchID: String?
}

extension Workspace {
    /// Records a new upload under `agreementID` and returns it; its id is the future batch's id.
    public func createUpload(agreementID: String, manifest: String, keyID: String) throws -> BatchUpload {
        let upload = BatchUpload(
            id: "B" + Self.randomHex(bytes: 6), agreementID: agreementID, manifest: manifest, keyID: keyID,
            createdAt: Self.timestamp(), batchID: nil)
        try database.write { db in
            try db.execute(
                sql: "INSERT INTO batch_uploads (id, agreement_id, manifest, key_id, created_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [upload.id, agreementID, manifest, keyID, upload.createdAt])
        }
        return upload
    }

    /// The upload with `id`, or nil.
    public func upload(id: String) throws -> BatchUpload? {
        try database.read { db in
            try Row.fetchOne(
                db, sql: "SELECT id, agreement_id, manifest, key_id, created_at, batch_id FROM batch_uploads WHERE id = ?",
                arguments: [id]
            ).map { BatchUpload(id: $0[0], agreementID: $0[1], manifest: $0[2], keyID: $0[3], createdAt: $0[4], batchID: $0[5]) }
        }
    }

    /// Uploads of `agreementID` whose rows have not arrived, oldest first.
    public func pendingUploads(agreementID: String?) throws -> [BatchUpload] {
        try database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, agreement_id, manifest, key_id, created_at, batch_id FROM batch_uploads
                    WHERE batch_id IS NULL AND (? IS NULL OR agreement_id = ?) ORDER BY created_at, id
                    """,
                arguments: [agreementID, agreementID]
            ).map { BatchUpload(id: $0[0], agreementID: $0[1], manifest: $0[2], keyID: $0[3], createdAt: $0[4], batchID: $0[5]) }
        }
    }

    /// Records the batch an upload's rows became.
    public func completeUpload(id: String, batchID: String) throws {
        try database.write { db in
            try db.execute(sql: "UPDATE batch_uploads SET batch_id = ? WHERE id = ?", arguments: [batchID, id])
        }
    }

    /// The kind of a stored batch (`bulk` or `interactive`), or nil.
    public func batchKind(id: String) throws -> String? {
        try database.read { db in try String.fetchOne(db, sql: "SELECT kind FROM batches WHERE id = ?", arguments: [id]) }
    }

    /// Records a probe flag for officers.
    public func flagProbe(_ flag: LedgerEvent.ProbeFlagged, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO probe_flags (agreement_id, key_id, subject_hash, count, window_seconds, flagged_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                flag.agreementID, flag.keyID, flag.subjectHash.hex, flag.count, flag.windowSeconds, Self.timestamp(),
            ])
    }

    /// Every probe flag, newest first.
    public func probeFlags() throws -> [ProbeFlag] {
        try database.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT id, agreement_id, key_id, subject_hash, count, window_seconds, flagged_at FROM probe_flags ORDER BY id DESC"
            ).map {
                ProbeFlag(
                    id: $0[0], agreementID: $0[1], keyID: $0[2], subjectHash: $0[3], count: $0[4], windowSeconds: $0[5],
                    flaggedAt: $0[6])
            }
        }
    }
}

/// A probe flag: a requester key asked about one person more often than its agreement allows.
public struct ProbeFlag: Sendable, Hashable, Codable {
    public var id: Int
    public var agreementID: String
    public var keyID: String
    /// A keyed hash of the person (never the person's data).
    public var subjectHash: String
    public var count: Int
    public var windowSeconds: Int
    public var flaggedAt: String
}
