public import GRDB
import Foundation
import Synchronization

/// One Gatehouse workspace: a folder holding the SQLite database (WAL), the persisted match index
/// and the ledger keys (docs/pipeline.md, "Workspace layout").
///
/// A `Workspace` is a resource: it owns a GRDB `DatabasePool`, which serializes writes and lets
/// reads run concurrently, so one instance is shared by every task of a process.
public final class Workspace: Sendable {
    /// The workspace folder.
    public let path: String
    /// The workspace database. Other parts of the store run their own statements on it.
    public let database: DatabasePool
    /// The data keyring, once read (`dataKeyring()`).
    let dataKeys = Mutex<DataKeyring?>(nil)

    /// The database file's name inside the workspace folder.
    public static let databaseFileName = "gatehouse.sqlite"
    /// The environment variable naming the default workspace.
    public static let environmentVariable = "GATEHOUSE_WORKSPACE"

    private init(path: String, database: DatabasePool) {
        self.path = path
        self.database = database
    }

    /// The database file.
    public var databasePath: String { Self.join(path, Self.databaseFileName) }
    /// The folder holding the ledger signing and verifier keys (mode 0700).
    public var keysDirectory: String { Self.join(path, "keys") }
    /// The persisted match index, rebuilt whenever the records change.
    public var indexPath: String { Self.join(path, "index/records.idx") }

    /// Creates a workspace in `directory` (created with its parents when absent): the database
    /// with every migration applied, `meta` (`created_at`, `origin`, `records_generation` = 0),
    /// and the `index` and `keys` folders.
    ///
    /// - Parameters:
    ///   - directory: The workspace folder; it may exist, but must not hold a workspace yet.
    ///   - origin: The log name the ledger signs checkpoints under; a unique one by default.
    /// - Returns: The open workspace.
    /// - Throws: `WorkspaceError` `.alreadyExists` when the folder already holds a workspace, `.io`
    ///   when it cannot be created; GRDB's `DatabaseError` when SQLite fails.
    public static func create(at directory: String, origin: String? = nil) throws -> Workspace {
        let path = standardized(directory)
        let files = FileManager.default
        if files.fileExists(atPath: join(path, databaseFileName)) {
            throw WorkspaceError(.alreadyExists, "\(path) already holds a Gatehouse workspace; use it, or choose another folder")
        }
        do {
            try files.createDirectory(atPath: path, withIntermediateDirectories: true)
            try files.createDirectory(atPath: join(path, "index"), withIntermediateDirectories: true)
            try files.createDirectory(
                atPath: join(path, "keys"), withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
        } catch {
            throw WorkspaceError(.io, "cannot create the workspace folder \(path): \(error.localizedDescription)")
        }
        let database = try DatabasePool(path: join(path, databaseFileName), configuration: configuration())
        try Schema.migrator().migrate(database)
        let name = origin ?? "gatehouse.local/\(UUID().uuidString.lowercased())"
        try LedgerKeys.create(in: join(path, "keys"), name: name)
        let dataKeyPath = DataKeyring.defaultPath(keysDirectory: join(path, "keys"))
        if !FileManager.default.fileExists(atPath: dataKeyPath) { try DataKeyring.create(at: dataKeyPath) }
        try database.write { db in
            let insert = try db.makeStatement(sql: "INSERT INTO meta (key, value) VALUES (?, ?)")
            try insert.execute(arguments: [MetaKey.createdAt, timestamp()])
            try insert.execute(arguments: [MetaKey.origin, name])
            try insert.execute(arguments: [MetaKey.recordsGeneration, "0"])
        }
        return Workspace(path: path, database: database)
    }

    /// Opens the workspace in `directory` and applies any migration it lacks.
    ///
    /// - Throws: `WorkspaceError` `.notFound` when the folder holds no workspace; GRDB's
    ///   `DatabaseError` when the database cannot be read or migrated.
    public static func open(at directory: String) throws -> Workspace {
        let path = standardized(directory)
        guard FileManager.default.fileExists(atPath: join(path, databaseFileName)) else {
            throw WorkspaceError(.notFound, "no workspace at \(path) — run gatehouse init")
        }
        let database = try DatabasePool(path: join(path, databaseFileName), configuration: configuration())
        try Schema.migrator().migrate(database)
        let workspace = Workspace(path: path, database: database)
        try workspace.ensureDataKey()
        return workspace
    }

    /// The workspace folder a command should use: `option` when given, else
    /// `$GATEHOUSE_WORKSPACE` when set and not empty, else the current directory.
    public static func resolve(_ option: String?) -> String {
        if let option, !option.isEmpty { return standardized(option) }
        if let variable = ProcessInfo.processInfo.environment[environmentVariable], !variable.isEmpty {
            return standardized(variable)
        }
        return FileManager.default.currentDirectoryPath
    }

    /// A value of the `meta` table, or nil.
    public func meta(_ key: String) throws -> String? {
        try database.read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key]) }
    }

    /// The number of times the records have changed; the persisted index names the generation it
    /// was built from.
    public func recordsGeneration() throws -> Int {
        try database.read { db in try Self.recordsGeneration(db) }
    }

    static func recordsGeneration(_ db: Database) throws -> Int {
        let text = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [MetaKey.recordsGeneration])
        return text.flatMap { Int($0) } ?? 0
    }

    private static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.label = "gatehouse"
        return configuration
    }

    static func standardized(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : join(FileManager.default.currentDirectoryPath, path)
        return URL(fileURLWithPath: absolute).standardizedFileURL.path
    }

    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// Now, as ISO 8601 UTC with seconds.
    static func timestamp() -> String {
        Date().ISO8601Format()
    }
}

/// Keys of the `meta` table.
public enum MetaKey {
    public static let createdAt = "created_at"
    public static let origin = "origin"
    public static let recordsGeneration = "records_generation"
}
