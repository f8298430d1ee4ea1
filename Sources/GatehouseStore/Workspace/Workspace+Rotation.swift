import Foundation
import GRDB

extension Workspace {
    /// What `rotateDataKey` did.
    public struct DataKeyRotation: Sendable, Hashable {
        /// The key version everything is sealed with now.
        public var version: Int
        /// Request rows sealed again (or sealed for the first time, for rows stored in the clear).
        public var requestRows = 0
        /// Disclosures whose released values were sealed again.
        public var disclosures = 0
        /// Whether the older versions were removed from the key file (nothing uses them any more).
        public var retired = false
    }

    /// Seals every protected value again under a new data key, then retires the old keys.
    ///
    /// Without downtime: the new key is added to the key file first (every process picks it up
    /// at its next seal, the file being read again when it changes), the rows are sealed again in
    /// short transactions of `chunkRows` each (readers and writers go on between them, opening
    /// either version), and the old versions are removed from the file only when no row uses
    /// them any more. Rows stored in the clear by an older Gatehouse are sealed on the way.
    ///
    /// - Throws: `WorkspaceError` `.keyMissing` (the key file), `.corrupt` (a value that does not
    ///   open: nothing of that chunk is changed).
    public func rotateDataKey(chunkRows: Int = 5_000, progress: (Int) -> Void = { _ in }) throws -> DataKeyRotation {
        let keyring = try dataKeyring()
        let version = try keyring.addVersion()
        var rotation = DataKeyRotation(version: Int(version))
        let current = Data([version])
        var done = 0
        // Request rows.
        var cursor = ("", 0)
        while true {
            let count = try database.write { db -> Int in
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT r.batch_id, r.row_number, \(SealedValues.requestColumns) FROM batch_rows r
                        WHERE (r.batch_id > ? OR (r.batch_id = ? AND r.row_number > ?))
                            AND (r.sealed IS NULL OR substr(r.sealed, 1, 1) <> ?)
                        ORDER BY r.batch_id, r.row_number LIMIT ?
                        """,
                    arguments: [cursor.0, cursor.0, cursor.1, current, chunkRows])
                let update = try db.makeStatement(
                    sql: """
                        UPDATE batch_rows SET sealed = ?, tin = '', given_name = '', middle_name = '', surname = '',
                            birth_date = '', address_line1 = '', address_line2 = '', city = '', state = '', postcode = '',
                            case_reference = '' WHERE batch_id = ? AND row_number = ?
                        """)
                for row in rows {
                    let batchID: String = row[0]
                    let number: Int = row[1]
                    let request = try SealedValues.request(
                        from: row, at: 2, batchID: batchID, rowNumber: number, keyring: keyring)
                    try update.execute(arguments: [
                        try SealedValues.sealRequest(request, batchID: batchID, row: number, keyring: keyring), batchID,
                        number,
                    ])
                    cursor = (batchID, number)
                }
                return rows.count
            }
            rotation.requestRows += count
            done += count
            progress(done)
            if count == 0 { break }
        }
        // Released values.
        cursor = ("", 0)
        while true {
            let count = try database.write { db -> Int in
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT batch_id, row_number, released_values, sealed_values FROM disclosures
                        WHERE (batch_id > ? OR (batch_id = ? AND row_number > ?))
                            AND (sealed_values IS NULL OR substr(sealed_values, 1, 1) <> ?)
                        ORDER BY batch_id, row_number LIMIT ?
                        """,
                    arguments: [cursor.0, cursor.0, cursor.1, current, chunkRows])
                let update = try db.makeStatement(
                    sql: "UPDATE disclosures SET sealed_values = ?, released_values = '' WHERE batch_id = ? AND row_number = ?")
                for row in rows {
                    let batchID: String = row[0]
                    let number: Int = row[1]
                    let json = try SealedValues.values(
                        sealed: row[3], clear: row[2], batchID: batchID, row: number, keyring: keyring)
                    try update.execute(arguments: [
                        try SealedValues.sealValues(json, batchID: batchID, row: number, keyring: keyring), batchID, number,
                    ])
                    cursor = (batchID, number)
                }
                return rows.count
            }
            rotation.disclosures += count
            done += count
            progress(done)
            if count == 0 { break }
        }
        // Retire the old keys only if nothing (a writer that sealed with them meanwhile) needs them.
        let remaining = try database.read { db in
            try Int.fetchOne(
                db,
                sql: """
                    SELECT (SELECT count(*) FROM batch_rows WHERE sealed IS NULL OR substr(sealed, 1, 1) <> ?)
                        + (SELECT count(*) FROM disclosures WHERE sealed_values IS NULL OR substr(sealed_values, 1, 1) <> ?)
                    """,
                arguments: [current, current]) ?? 0
        }
        if remaining == 0 {
            try keyring.retireOlderVersions()
            rotation.retired = true
        }
        return rotation
    }
}
