import Foundation
import GRDB
public import GatehouseCore

extension Workspace {
    /// The key file that seals this workspace's protected values (`DataKeyring.defaultPath`).
    public var dataKeyPath: String { DataKeyring.defaultPath(keysDirectory: keysDirectory) }

    /// The data keyring, read once per workspace object.
    ///
    /// A workspace made before data was sealed gets its key file on first use, but only when
    /// nothing is sealed yet and `GATEHOUSE_DATA_KEY` does not name another file: a missing key
    /// for sealed data is an error, never a new key.
    /// - Throws: `WorkspaceError` `.keyMissing`, `.keyInvalid`.
    public func dataKeyring() throws -> DataKeyring {
        try dataKeys.withLock { cached in
            if let cached { return cached }
            let path = dataKeyPath
            let keyring: DataKeyring
            if FileManager.default.fileExists(atPath: path) {
                keyring = try DataKeyring(path: path)
            } else {
                let named = ProcessInfo.processInfo.environment[DataKeyring.environmentVariable].map { !$0.isEmpty } ?? false
                let sealed = try database.read { db in
                    try Bool.fetchOne(
                        db,
                        sql: """
                            SELECT EXISTS (SELECT 1 FROM batch_rows WHERE sealed IS NOT NULL)
                                OR EXISTS (SELECT 1 FROM disclosures WHERE sealed_values IS NOT NULL)
                            """) ?? false
                }
                guard !named, !sealed else {
                    throw WorkspaceError(
                        .keyMissing, "no data key at \(path): the protected values of this workspace cannot be read without it")
                }
                keyring = try DataKeyring.create(at: path)
            }
            cached = keyring
            return keyring
        }
    }
}

extension Workspace {
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
