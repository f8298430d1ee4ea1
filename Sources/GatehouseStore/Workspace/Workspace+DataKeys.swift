import Foundation
import GRDB
public import GatehouseCore

extension Workspace {
    /// The key file that seals this workspace's protected values (`DataKeyring.defaultPath`).
    public var dataKeyPath: String { DataKeyring.defaultPath(keysDirectory: keysDirectory) }

    /// The data keyring, read once per workspace object (no database access: safe inside a
    /// transaction).
    /// - Throws: `WorkspaceError` `.keyMissing`, `.keyInvalid`.
    public func dataKeyring() throws -> DataKeyring {
        try dataKeys.withLock { cached in
            if let cached { return cached }
            let keyring = try DataKeyring(path: dataKeyPath)
            cached = keyring
            return keyring
        }
    }
}

extension Workspace {
    /// Gives a workspace made before data was sealed its key file (when it is opened), but only
    /// when nothing is sealed yet and `GATEHOUSE_DATA_KEY` does not name another file: a missing
    /// key for sealed data is an error later, never a new key.
    func ensureDataKey() throws {
        let path = dataKeyPath
        guard !FileManager.default.fileExists(atPath: path) else { return }
        let named = ProcessInfo.processInfo.environment[DataKeyring.environmentVariable].map { !$0.isEmpty } ?? false
        let sealed = try database.read { db in
            try Bool.fetchOne(
                db,
                sql: """
                    SELECT EXISTS (SELECT 1 FROM batch_rows WHERE sealed IS NOT NULL)
                        OR EXISTS (SELECT 1 FROM disclosures WHERE sealed_values IS NOT NULL)
                    """) ?? false
        }
        if !named, !sealed, FileManager.default.fileExists(atPath: keysDirectory) { try DataKeyring.create(at: path) }
    }

    /// The request rows of a batch as received (opened with the data key), in row order; rows
    /// refused as unreadable have empty fields.
    public func storedRequests(batchID: String) throws -> [GatehouseCore.Request] {
        let keyring = try dataKeyring()
        return try database.read { db in
            let rows = try Row.fetchCursor(
                db,
                sql: "SELECT r.row_number, \(SealedValues.requestColumns) FROM batch_rows r WHERE r.batch_id = ? ORDER BY r.row_number",
                arguments: [batchID])
            var out: [GatehouseCore.Request] = []
            while let row = try rows.next() {
                out.append(try SealedValues.request(from: row, at: 1, batchID: batchID, rowNumber: row[0], keyring: keyring))
            }
            return out
        }
    }
}
