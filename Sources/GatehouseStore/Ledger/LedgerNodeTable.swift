public import GRDB
public import GatehouseCore

/// The stored Merkle tree as a ``MerkleNodeSource``: level 0 (a leaf) is an entry's
/// `leaf_hash`, every higher perfect subtree a row of `ledger_nodes`.
///
/// Valid for the lifetime of the database access it was made in (a `read` or `write`
/// closure).
public struct LedgerNodeTable: MerkleNodeSource {
    let db: Database

    /// A node source over the ledger tables of `db`.
    public init(_ db: Database) {
        self.db = db
    }

    public func node(level: Int, index: Int) throws -> Hash32 {
        let id = MerkleNodeID(level: level, index: index)
        guard let hash = try nodes([id])[id] else {
            throw LedgerError(.nodeMissing, "no perfect subtree at \(id)")
        }
        return hash
    }

    /// The hashes of `ids` in one query; ids that are not stored are absent from the result.
    ///
    /// - Complexity: one query with O(k log n) index lookups for k ids.
    public func nodes(_ ids: [MerkleNodeID]) throws -> [MerkleNodeID: Hash32] {
        var result: [MerkleNodeID: Hash32] = [:]
        guard !ids.isEmpty else { return result }
        let leaves = ids.filter { $0.level == 0 }
        let inner = ids.filter { $0.level > 0 }
        var parts: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if !inner.isEmpty {
            let terms = Array(repeating: "(level = ? AND idx = ?)", count: inner.count).joined(separator: " OR ")
            parts.append("SELECT level, idx, hash FROM ledger_nodes WHERE \(terms)")
            for id in inner {
                arguments.append(id.level)
                arguments.append(id.index)
            }
        }
        if !leaves.isEmpty {
            let marks = Array(repeating: "?", count: leaves.count).joined(separator: ", ")
            parts.append("SELECT 0, seq, leaf_hash FROM ledger_entries WHERE seq IN (\(marks))")
            arguments.append(contentsOf: leaves.map(\.index))
        }
        let rows = try Row.fetchCursor(
            db, sql: parts.joined(separator: " UNION ALL "), arguments: StatementArguments(arguments))
        while let row = try rows.next() {
            let id = MerkleNodeID(level: row[0], index: row[1])
            guard let hash = try row.hash(atIndex: 2) else {
                throw LedgerStoreError(.corrupt, "the stored hash of node \(id) is not 32 bytes")
            }
            result[id] = hash
        }
        return result
    }
}
