import Foundation
public import GatehouseCore
import GRDB

/// One stored version of an agreement or court order, without its document.
public struct DocumentVersion: Sendable, Hashable {
    public var id: String
    public var version: Int
    /// The version's status (`active`, `suspended`, `stayed`, `vacated`).
    public var status: String
    /// SHA-256 of the stored canonical JSON, lowercase hex.
    public var sha256: String
    /// When the version was stored (ISO 8601, UTC).
    public var createdAt: String
}

/// A versioned document kept in its own table: every change is a new row, never an edit.
protocol VersionedDocument: Codable, Sendable {
    var id: String { get }
    var version: Int { get set }
    var statusName: String { get }
    func problems() -> [String]
    /// The ledger event recording that this version was stored.
    func changeEvent(sha256: Hash32) -> LedgerEvent
    /// The table (a constant, never input).
    static var table: String { get }
    /// How messages name the kind of document.
    static var noun: String { get }
}

extension Agreement: VersionedDocument {
    var statusName: String { status.rawValue }
    func changeEvent(sha256: Hash32) -> LedgerEvent {
        .agreementChanged(.init(agreementID: id, version: String(version), hash: sha256))
    }
    static var table: String { "agreements" }
    static var noun: String { "agreement" }
}

extension CourtOrder: VersionedDocument {
    var statusName: String { status.rawValue }
    func changeEvent(sha256: Hash32) -> LedgerEvent {
        .orderChanged(.init(orderID: id, version: String(version), status: status.rawValue, hash: sha256))
    }
    static var table: String { "court_orders" }
    static var noun: String { "court order" }
}

/// Storing and reading versioned documents, in one transaction with their ledger event.
enum DocumentStore {
    /// Stores `document` as a new version; its `version` must be above the latest stored one.
    static func add<D: VersionedDocument>(_ document: D, in db: Database) throws -> Int {
        let problems = document.problems()
        guard problems.isEmpty else {
            throw WorkspaceError(
                .invalidDocument, "\(D.noun) \(document.id) cannot be stored: \(problems.joined(separator: "; "))")
        }
        if let latest = try latestVersion(D.self, id: document.id, in: db), document.version <= latest {
            throw WorkspaceError(
                .staleVersion,
                "\(D.noun) \(document.id) is already at version \(latest); the file says version \(document.version) — every change needs a higher version number")
        }
        try insert(document, in: db)
        return document.version
    }

    /// Stores the latest version of `id`, changed by `change`, as the next version.
    static func amend<D: VersionedDocument>(
        _: D.Type, id: String, in db: Database, _ change: (inout D) throws -> Void
    ) throws -> D {
        guard var document = try fetch(D.self, id: id, version: nil, in: db) else {
            throw WorkspaceError(.unknownDocument, "no \(D.noun) \(id) in this workspace")
        }
        try change(&document)
        document.version += 1
        try insert(document, in: db)
        return document
    }

    private static func insert<D: VersionedDocument>(_ document: D, in db: Database) throws {
        let json = DocumentFiles.canonicalJSON(document)
        let hash = Hash32.sha256(utf8: json)
        try db.execute(
            sql: "INSERT INTO \(D.table) (id, version, status, document, sha256, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [document.id, document.version, document.statusName, json, hash.hex, Workspace.timestamp()])
        try recordChange(document.changeEvent(sha256: hash), in: db)
    }

    /// The single place where agreement and court order changes reach the ledger, in the same
    /// transaction as the new version.
    private static func recordChange(_ event: LedgerEvent, in db: Database) throws {
        try LedgerStore.append([event], at: .now, in: db)
    }

    static func latestVersion<D: VersionedDocument>(_: D.Type, id: String, in db: Database) throws -> Int? {
        try Int.fetchOne(db, sql: "SELECT max(version) FROM \(D.table) WHERE id = ?", arguments: [id])
    }

    static func fetch<D: VersionedDocument>(_: D.Type, id: String, version: Int?, in db: Database) throws -> D? {
        let row: Row?
        if let version {
            row = try Row.fetchOne(
                db, sql: "SELECT version, document FROM \(D.table) WHERE id = ? AND version = ?",
                arguments: [id, version])
        } else {
            row = try Row.fetchOne(
                db, sql: "SELECT version, document FROM \(D.table) WHERE id = ? ORDER BY version DESC LIMIT 1",
                arguments: [id])
        }
        guard let row else { return nil }
        return try decode(D.self, id: id, version: row[0], json: row[1])
    }

    /// The latest version of every document, by id.
    static func latestOfEach<D: VersionedDocument>(_: D.Type, in db: Database) throws -> [D] {
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT d.id, d.version, d.document FROM \(D.table) AS d
                WHERE d.version = (SELECT max(version) FROM \(D.table) WHERE id = d.id)
                ORDER BY d.id
                """)
        var documents: [D] = []
        while let row = try rows.next() {
            documents.append(try decode(D.self, id: row[0], version: row[1], json: row[2]))
        }
        return documents
    }

    static func versions<D: VersionedDocument>(_: D.Type, id: String, in db: Database) throws -> [DocumentVersion] {
        try Row.fetchAll(
            db, sql: "SELECT version, status, sha256, created_at FROM \(D.table) WHERE id = ? ORDER BY version",
            arguments: [id]
        ).map { DocumentVersion(id: id, version: $0[0], status: $0[1], sha256: $0[2], createdAt: $0[3]) }
    }

    /// A stored document that cannot be decoded is an error, never skipped: a court order that
    /// cannot be read must stop releases, not vanish.
    private static func decode<D: VersionedDocument>(_: D.Type, id: String, version: Int, json: String) throws -> D {
        do {
            return try JSONDecoder().decode(D.self, from: Data(json.utf8))
        } catch {
            throw WorkspaceError(.unreadableDocument, "the stored \(D.noun) \(id) version \(version) cannot be read")
        }
    }
}

extension Workspace {
    /// Runs `body` in a write transaction and signs a checkpoint in the same transaction, so that
    /// every step acting on a document can rely on its change entry (`LedgerGuard.coverage`).
    func writeSigned<T>(_ body: (Database) throws -> T) throws -> T {
        let signer = try LedgerKeys.load(from: keysDirectory)
        return try database.write { db in
            let result = try body(db)
            try LedgerStore.checkpoint(in: db, signer: signer)
            return result
        }
    }
}
