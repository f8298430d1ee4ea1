public import GRDB
public import GatehouseCore

/// An inclusion proof from the store: everything `gatehouse ledger verify-inclusion` takes.
public struct LedgerInclusionProof: Sendable, Hashable {
    /// The entry's sequence number (its leaf index).
    public var index: Int
    /// The size of the tree the proof is for.
    public var size: Int
    /// The entry's canonical bytes.
    public var entry: [UInt8]
    /// `SHA-256(0x00 ‖ entry)`.
    public var leafHash: Hash32
    /// The root of the first `size` entries.
    public var root: Hash32
    /// The proof hashes, the leaf's sibling first.
    public var proof: [Hash32]

    /// Checks the proof with the core's RFC 9162 verifier.
    public func verify() throws(LedgerError) {
        try Merkle.verifyInclusion(leafHash: leafHash, index: index, size: size, proof: proof, root: root)
    }
}

/// A consistency proof from the store: everything `gatehouse ledger verify-consistency` takes.
public struct LedgerConsistencyProof: Sendable, Hashable {
    public var size1: Int
    public var size2: Int
    public var root1: Hash32
    public var root2: Hash32
    /// The proof hashes (RFC 9162 §2.1.4).
    public var proof: [Hash32]

    /// Checks the proof with the core's RFC 9162 verifier.
    public func verify() throws(LedgerError) {
        try Merkle.verifyConsistency(size1: size1, size2: size2, proof: proof, root1: root1, root2: root2)
    }
}

extension LedgerStore {
    /// The inclusion proof of entry `sequence` in the tree of the first `size` entries.
    ///
    /// - Throws: ``LedgerStoreError/Code/outOfRange`` unless `sequence < size ≤` the log's
    ///   size; `LedgerError` `.nodeMissing` when a stored node is missing.
    /// - Complexity: O(log n) reads: one query for the proof, one for the entry.
    public static func inclusionProof(sequence: UInt64, size: Int, in db: Database) throws -> LedgerInclusionProof {
        let current = try self.size(in: db)
        guard size <= current else {
            throw LedgerStoreError(.outOfRange, "the log has \(current) entries; it has no tree of \(size)")
        }
        guard size > 0, sequence < UInt64(size) else {
            throw LedgerStoreError(
                .outOfRange, "entry \(sequence) is not in the tree of \(size) entries (entries count from 0)")
        }
        guard let stored = try entry(sequence: sequence, in: db) else {
            throw LedgerStoreError(.noSuchEntry, "the log has no entry \(sequence)")
        }
        let index = Int(sequence)
        let nodes = LedgerNodeTable(db)
        let path = try Merkle.inclusionPath(index: index, size: size)
        // One query for the proof and the root together.
        let hashes = try Merkle.hashes(of: path + [0..<size], nodes: nodes)
        return LedgerInclusionProof(
            index: index, size: size, entry: stored.bytes, leafHash: stored.leafHash,
            root: hashes[hashes.count - 1], proof: Array(hashes.dropLast()))
    }

    /// The consistency proof between the trees of the first `size1` and `size2` entries.
    ///
    /// - Throws: ``LedgerStoreError/Code/outOfRange`` unless `0 ≤ size1 ≤ size2 ≤` the log's size.
    /// - Complexity: O(log n) reads in one query.
    public static func consistencyProof(from size1: Int, to size2: Int, in db: Database) throws -> LedgerConsistencyProof {
        let current = try self.size(in: db)
        guard 0 <= size1, size1 <= size2, size2 <= current else {
            throw LedgerStoreError(
                .outOfRange, "a consistency proof needs 0 ≤ from ≤ to ≤ \(current) (the log's size), not \(size1) and \(size2)")
        }
        let path = try Merkle.consistencyPath(size1: size1, size2: size2)
        let roots = [0..<size1, 0..<size2].filter { !$0.isEmpty }
        let hashes = try Merkle.hashes(of: path + roots, nodes: LedgerNodeTable(db))
        let proof = Array(hashes.prefix(path.count))
        let root1 = size1 == 0 ? Merkle.emptyRoot : hashes[path.count]
        let root2 = size2 == 0 ? Merkle.emptyRoot : hashes[hashes.count - 1]
        return LedgerConsistencyProof(size1: size1, size2: size2, root1: root1, root2: root2, proof: proof)
    }
}
