public import GRDB
public import GatehouseCore

extension LedgerStore {
    /// What ``verify(in:verifier:)`` found: how much it checked and the first difference.
    public struct VerifyReport: Sendable, Hashable, CustomStringConvertible {
        /// The first place where the stored log differs from what the log wrote.
        public enum Problem: Sendable, Hashable, CustomStringConvertible {
            /// Entry `sequence` is missing, out of place, does not decode, or does not hash
            /// to its stored leaf hash.
            case entry(sequence: UInt64, reason: String)
            /// A stored perfect-subtree node is missing, or differs from the hash of its entries.
            case node(MerkleNodeID, reason: String)
            /// The checkpoint of `size` is not signed by the key, or signs another root.
            case checkpoint(size: Int, reason: String)

            public var description: String {
                switch self {
                case .entry(let sequence, let reason): "entry \(sequence): \(reason)"
                case .node(let id, let reason): "node \(id) (level, index): \(reason)"
                case .checkpoint(let size, let reason): "checkpoint of size \(size): \(reason)"
                }
            }
        }

        /// The entries read and checked, in order, before the first problem (all when intact).
        public var entries: Int
        /// The stored nodes compared.
        public var nodes: Int
        /// The checkpoints whose signature and root were checked.
        public var checkpoints: Int
        /// The root recomputed from the entries checked.
        public var root: Hash32
        /// The first difference, or nil when the log is intact.
        public var problem: Problem?

        /// True when every entry, node and checkpoint is as the log wrote it.
        public var isIntact: Bool { problem == nil }

        public var description: String {
            if let problem { return "not intact: \(problem)" }
            return "intact: \(entries) entries, \(nodes) nodes, \(checkpoints) checkpoints; root \(root.hex)"
        }
    }

    /// Recomputes the whole log from the stored entry bytes and compares everything stored
    /// with it: each entry's leaf hash, sequence number and kind (the bytes must decode),
    /// every perfect-subtree node, and each checkpoint's signature and root.
    ///
    /// Stops at the first difference, in log order: an entry, then the nodes it completes,
    /// then a checkpoint of the size it reaches.
    ///
    /// - Parameters:
    ///   - db: Any connection (a read transaction gives a consistent snapshot).
    ///   - verifier: The log's public key; every checkpoint must be signed by it.
    /// - Returns: The report; ``VerifyReport/problem`` names the first difference.
    /// - Throws: GRDB's `DatabaseError` when SQLite fails.
    /// - Complexity: O(n) hashes and rows, streamed; O(log n) memory.
    public static func verify(in db: Database, verifier: NoteVerifier) throws -> VerifyReport {
        var run = VerifyRun(db: db, verifier: verifier, checkpoints: try checkpoints(in: db))
        return try run.execute()
    }
}

/// The state of one verification pass.
private struct VerifyRun {
    typealias Problem = LedgerStore.VerifyReport.Problem

    let db: Database
    let verifier: NoteVerifier
    let checkpoints: [StoredCheckpoint]
    var nextCheckpoint = 0
    var tree = MerkleAppender()
    var nodesChecked = 0
    var checkpointsChecked = 0
    /// One cursor per level ≥ 1 over `ledger_nodes` in index order, opened on first use.
    var levelCursors: [RowCursor?] = []

    init(db: Database, verifier: NoteVerifier, checkpoints: [StoredCheckpoint]) {
        self.db = db
        self.verifier = verifier
        self.checkpoints = checkpoints
    }

    mutating func execute() throws -> LedgerStore.VerifyReport {
        let problem = try findProblem()
        return LedgerStore.VerifyReport(
            entries: tree.size, nodes: nodesChecked, checkpoints: checkpointsChecked, root: tree.root,
            problem: problem)
    }

    private mutating func findProblem() throws -> Problem? {
        if let problem = checkCheckpoints() { return problem }
        let entries = try Row.fetchCursor(db, sql: "SELECT seq, kind, entry, leaf_hash FROM ledger_entries ORDER BY seq")
        var writes: [MerkleNodeWrite] = []
        while let row = try entries.next() {
            let expected = UInt64(tree.size)
            let seq: Int64 = row[0]
            guard seq == Int64(expected) else {
                return .entry(sequence: expected, reason: "missing: the next stored entry is numbered \(seq)")
            }
            let bytes = try row.bytes(atIndex: 2)
            let leaf = Merkle.leafHash(bytes)
            if let problem = checkEntry(expected, bytes: bytes, leaf: leaf, kind: row[1], storedLeaf: try row.hash(atIndex: 3)) {
                return problem
            }
            writes.removeAll(keepingCapacity: true)
            tree.append(leafHash: leaf, writingInto: &writes)
            for write in writes.dropFirst() {
                if let problem = try checkNode(write) { return problem }
            }
            if let problem = checkCheckpoints() { return problem }
        }
        if nextCheckpoint < checkpoints.count {
            let size = checkpoints[nextCheckpoint].size
            return .checkpoint(
                size: size,
                reason: "it covers \(size) entries but the log holds only \(tree.size): entries from \(tree.size) on are missing")
        }
        return try extraNode()
    }

    private func checkEntry(
        _ sequence: UInt64, bytes: [UInt8], leaf: Hash32, kind: Int, storedLeaf: Hash32?
    ) -> Problem? {
        guard storedLeaf == leaf else {
            return .entry(sequence: sequence, reason: "its bytes do not hash to its stored leaf hash (the entry was edited)")
        }
        let entry: LedgerEntry
        do {
            entry = try LedgerEntry(decoding: bytes)
        } catch {
            return .entry(sequence: sequence, reason: "its bytes are not a valid entry: \(error.context)")
        }
        guard entry.sequence == sequence else {
            return .entry(
                sequence: sequence,
                reason: "it holds the entry numbered \(entry.sequence) (entries were moved or swapped)")
        }
        guard Int(entry.event.kind.rawValue) == kind else {
            return .entry(sequence: sequence, reason: "its kind column says \(kind) but the entry is of kind \(entry.event.kind.rawValue)")
        }
        return nil
    }

    private mutating func checkNode(_ write: MerkleNodeWrite) throws -> Problem? {
        let level = write.node.level
        while levelCursors.count <= level { levelCursors.append(nil) }
        if levelCursors[level] == nil {
            levelCursors[level] = try Row.fetchCursor(
                db, sql: "SELECT idx, hash FROM ledger_nodes WHERE level = ? ORDER BY idx", arguments: [level])
        }
        guard let row = try levelCursors[level]!.next() else {
            return .node(write.node, reason: "missing")
        }
        let index: Int = row[0]
        guard index == write.node.index else {
            return .node(write.node, reason: "missing (the next stored node of this level is \(index))")
        }
        guard try row.hash(atIndex: 1) == write.hash else {
            return .node(write.node, reason: "its stored hash is not the hash of its entries")
        }
        nodesChecked += 1
        return nil
    }

    /// Checks every checkpoint whose size the tree has just reached.
    private mutating func checkCheckpoints() -> Problem? {
        while nextCheckpoint < checkpoints.count, checkpoints[nextCheckpoint].size <= tree.size {
            let stored = checkpoints[nextCheckpoint]
            nextCheckpoint += 1
            let checkpoint: Checkpoint
            do {
                checkpoint = try Checkpoint.verified(note: stored.note, by: verifier)
            } catch {
                return .checkpoint(size: stored.size, reason: "its signature does not verify with the key: \(error.context)")
            }
            guard checkpoint.size == stored.size else {
                return .checkpoint(size: stored.size, reason: "the note inside says size \(checkpoint.size)")
            }
            let root = tree.root
            guard checkpoint.root == root else {
                return .checkpoint(
                    size: stored.size,
                    reason: "it signs root \(checkpoint.root.hex) but the entries hash to \(root.hex)")
            }
            checkpointsChecked += 1
        }
        return nil
    }

    /// A stored node that covers entries beyond the log (the entries it covered were removed).
    private func extraNode() throws -> Problem? {
        guard
            let row = try Row.fetchOne(
                db,
                sql: "SELECT level, idx FROM ledger_nodes WHERE (idx + 1) << level > ? ORDER BY idx << level LIMIT 1",
                arguments: [tree.size])
        else { return nil }
        let id = MerkleNodeID(level: row[0], index: row[1])
        return .node(id, reason: "it covers entries \(id.leaves) but the log holds only \(tree.size): entries are missing")
    }
}
