public import GRDB
public import GatehouseCore
import Foundation

/// Reads the rows a step acts on together with the ledger entries that recorded them, and hands
/// both to `LedgerCrossCheck`; checks that those entries are the ones the latest signed
/// checkpoint covers. Decides nothing itself: it compares, and a step that finds a difference
/// refuses (`refuse(step:subject:mismatches:in:)`).
public enum LedgerGuard {
    /// An entry as read for a check: its sequence number, bytes, and the entry they decode to.
    public struct Entry: Sendable {
        public var sequence: Int
        public var bytes: [UInt8]
        /// nil when the bytes do not decode.
        public var entry: LedgerEntry?
    }

    /// The entries of the kinds acted on as a whole (batches received, approvals, agreement and
    /// order changes, reviews, notices, refusals), through the partial index: a few per batch.
    public static func sparseEntries(in db: Database) throws -> [Entry] {
        let rows = try Row.fetchCursor(
            db, sql: "SELECT seq, entry FROM ledger_entries WHERE kind IN (\(GuardSchema.sparseKinds)) ORDER BY seq")
        var entries: [Entry] = []
        while let row = try rows.next() {
            let bytes = try row.bytes(atIndex: 1)
            entries.append(Entry(sequence: row[0], bytes: bytes, entry: try? LedgerEntry(decoding: bytes)))
        }
        return entries
    }

    /// Whether `entries` are exactly the entries the latest stored checkpoint signs, verified
    /// with the workspace's public key: each is below its size, and the root recomputed from their
    /// bytes (`Merkle.root(size:recomputing:nodes:)`) is the signed root.
    ///
    /// - Returns: one mismatch per entry newer than the checkpoint or edited, or one for the
    ///   whole set when the root differs with every stored leaf hash intact (the nodes were edited
    ///   to match); empty when covered.
    /// - Complexity: O(k) hashes and O(r log n) node reads for k entries in r runs.
    public static func coverage(of entries: [Entry], verifier: NoteVerifier, in db: Database) throws -> [LedgerMismatch] {
        guard !entries.isEmpty else { return [] }
        func entryMismatch(_ sequence: Int, _ detail: String) -> LedgerMismatch {
            LedgerMismatch(table: "ledger_entries", row: "entry \(sequence)", detail: detail)
        }
        guard let stored = try LedgerStore.latestCheckpoint(in: db) else {
            return [entryMismatch(entries[0].sequence, "no signed checkpoint covers the ledger yet")]
        }
        let checkpoint: Checkpoint
        do {
            checkpoint = try Checkpoint.verified(note: stored.note, by: verifier)
        } catch {
            return [
                LedgerMismatch(
                    table: "ledger_checkpoints", row: "checkpoint of size \(stored.size)",
                    detail: "it does not verify with the workspace's public key")
            ]
        }
        let sorted = entries.sorted { $0.sequence < $1.sequence }
        var leaves: [(index: Int, hash: Hash32)] = []
        leaves.reserveCapacity(sorted.count)
        var newer: [LedgerMismatch] = []
        for entry in sorted {
            if entry.sequence >= checkpoint.size {
                newer.append(
                    entryMismatch(
                        entry.sequence,
                        "it is newer than the latest signed checkpoint (size \(checkpoint.size)); run 'gatehouse ledger verify', then 'gatehouse ledger checkpoint --new'"
                    ))
            } else if leaves.last?.index != entry.sequence {
                leaves.append((entry.sequence, Merkle.leafHash(entry.bytes)))
            }
        }
        if !newer.isEmpty { return newer }
        let root = try Merkle.root(size: checkpoint.size, recomputing: leaves, nodes: LedgerNodeTable(db))
        guard root != checkpoint.root else { return [] }
        // Name the entries whose bytes no longer hash to their stored leaf hash, if any.
        var edited: [LedgerMismatch] = []
        let storedLeaves = try LedgerNodeTable(db).nodes(leaves.map { MerkleNodeID(level: 0, index: $0.index) })
        for leaf in leaves where storedLeaves[MerkleNodeID(level: 0, index: leaf.index)] != leaf.hash {
            edited.append(entryMismatch(leaf.index, "its bytes were edited after the checkpoint of size \(checkpoint.size) signed them"))
        }
        if !edited.isEmpty { return edited }
        // The leaf hashes were rewritten too: the lowest stored subtrees that are not the hash of
        // their entries' bytes narrow it down (unless the nodes were rewritten as well).
        var level: [Int: Hash32] = Dictionary(uniqueKeysWithValues: leaves.map { ($0.index, $0.hash) })
        for height in 1..<Int.bitWidth {
            var parents: [Int: Hash32] = [:]
            for (index, hash) in level where index % 2 == 0 {
                if let right = level[index + 1] { parents[index / 2] = Merkle.nodeHash(hash, right) }
            }
            if parents.isEmpty { break }
            let ids = parents.keys.sorted().map { MerkleNodeID(level: height, index: $0) }
            var stored: [MerkleNodeID: Hash32] = [:]
            for first in stride(from: 0, to: ids.count, by: 256) {
                stored.merge(try LedgerNodeTable(db).nodes(Array(ids[first..<min(first + 256, ids.count)]))) { a, _ in a }
            }
            let differing = ids.filter { stored[$0] != nil && stored[$0] != parents[$0.index] }
            if !differing.isEmpty {
                return differing.map {
                    entryMismatch(
                        $0.leaves.lowerBound,
                        "one of the entries \($0.leaves.lowerBound) to \($0.leaves.upperBound - 1) was edited after the checkpoint of size \(checkpoint.size) signed it (with its leaf hash)"
                    )
                }
            }
            level = parents
        }
        return [
            entryMismatch(
                leaves[0].index,
                "the entries from \(leaves[0].index) to \(leaves[leaves.count - 1].index) are not the ones the checkpoint of size \(checkpoint.size) signs (entries and nodes were edited)"
            )
        ]
    }

    /// The stored agreement and court-order versions compared with their change entries.
    public static func documentMismatches(sparse: [Entry], in db: Database) throws -> [LedgerMismatch] {
        var agreements: [String: [Int: LedgerCrossCheck.DocumentEntry]] = [:]
        var orders: [String: [Int: LedgerCrossCheck.DocumentEntry]] = [:]
        for item in sparse {
            switch item.entry?.event {
            case .agreementChanged(let e)?:
                if let version = Int(e.version) {
                    agreements[e.agreementID, default: [:]][version] = .init(sequence: item.sequence, hash: e.hash, status: nil)
                }
            case .orderChanged(let e)?:
                if let version = Int(e.version) {
                    orders[e.orderID, default: [:]][version] = .init(
                        sequence: item.sequence, hash: e.hash, status: e.status)
                }
            default: break
            }
        }
        return try LedgerCrossCheck.documents(table: "agreements", rows: documentRows("agreements", db), entries: agreements)
            + LedgerCrossCheck.documents(table: "court_orders", rows: documentRows("court_orders", db), entries: orders)
    }

    private static func documentRows(_ table: String, _ db: Database) throws -> [LedgerCrossCheck.DocumentRow] {
        try Row.fetchAll(db, sql: "SELECT id, version, status, document, sha256 FROM \(table) ORDER BY id, version").map {
            let document: String = $0[3]
            let status = (try? JSONSerialization.jsonObject(with: Data(document.utf8)) as? [String: Any])?["status"]
                as? String
            return LedgerCrossCheck.DocumentRow(
                table: table, id: $0[0], version: $0[1], status: $0[2], documentStatus: status, sha256: $0[4],
                documentSHA256: Hash32.sha256(utf8: document))
        }
    }

    /// The approvals the ledger records for `batchID`, in order.
    public static func loggedApprovals(batchID: String, sparse: [Entry]) -> [String] {
        sparse.compactMap {
            if case .approval(let e)? = $0.entry?.event, e.batchID == batchID { return e.officerID }
            return nil
        }
    }

    /// The batch's row and approvals compared with its `batchReceived` and approval entries.
    public static func batchMismatches(batchID: String, sparse: [Entry], in db: Database) throws -> [LedgerMismatch] {
        var found: [LedgerMismatch] = []
        let name = "batch \(batchID)"
        let received = sparse.compactMap { item -> (Int, LedgerEvent.BatchReceived)? in
            if case .batchReceived(let e)? = item.entry?.event, e.batchID == batchID { return (item.sequence, e) }
            return nil
        }
        // A single verification (`gatehouse serve`) is a one-row batch with a receipt of its own,
        // checked like any batch; an interactive batch of an earlier layout (one per day, rows
        // appended) has no receipt: each of its rows is a decision and a release entry.
        let interactive =
            try Bool.fetchOne(
                db, sql: "SELECT kind = 'interactive' FROM batches WHERE id = ?", arguments: [batchID]) ?? false
        if !(interactive && received.isEmpty), let row = try Row.fetchOne(
            db,
            sql: "SELECT agreement_id, agreement_version, file_sha256, manifest, manifest_sha256, row_count FROM batches WHERE id = ?",
            arguments: [batchID])
        {
            if let (sequence, e) = received.last {
                func differ(_ field: String, _ stored: String, _ logged: String) {
                    if stored != logged {
                        found.append(
                            LedgerMismatch(
                                table: "batches", row: name,
                                detail: "\(field) is \(stored); ledger entry \(sequence) says \(logged)"))
                    }
                }
                differ("agreement_id", row[0], e.agreementID)
                differ("agreement_version", String(row[1] as Int), e.agreementVersion)
                differ("file_sha256", row[2], e.fileSHA256.hex)
                differ("manifest_sha256", row[4], e.manifestHash.hex)
                differ("row_count", String(row[5] as Int), String(e.rowCount))
                if Hash32.sha256(utf8: row[3] as String) != e.manifestHash {
                    found.append(
                        LedgerMismatch(
                            table: "batches", row: name,
                            detail: "its manifest is not the manifest ledger entry \(sequence) recorded"))
                }
            } else {
                found.append(LedgerMismatch(table: "batches", row: name, detail: "the ledger has no entry receiving it"))
            }
        }
        let stored = try String.fetchAll(db, sql: "SELECT officer FROM approvals WHERE batch_id = ?", arguments: [batchID])
        found += LedgerCrossCheck.approvals(
            batchID: batchID, stored: stored, logged: loggedApprovals(batchID: batchID, sparse: sparse))
        return found
    }

    /// Records a refusal in the ledger (kind 20) with a checkpoint, in a transaction of its own,
    /// and returns the error the step throws: what was refused, the first rows that differ, and
    /// where to look for the rest.
    public static func refuse(
        step: String, subject: String, mismatches: [LedgerMismatch], workspace: Workspace
    ) -> BatchError {
        let tables = Array(Set(mismatches.map(\.table))).sorted()
        var recorded = "recorded as a refusal in the ledger"
        do {
            let signer = try LedgerKeys.load(from: workspace.keysDirectory)
            try workspace.database.write { db in
                let sequences = try LedgerStore.append(
                    [
                        .refusal(
                            .init(step: step, subject: subject, mismatches: UInt64(mismatches.count), tables: tables))
                    ], at: .now, in: db)
                try LedgerStore.checkpoint(in: db, signer: signer)
                recorded = "recorded as ledger entry \(sequences[0])"
            }
        } catch {
            recorded = "the refusal could not be recorded in the ledger (\(error))"
        }
        let shown = mismatches.prefix(10).map { "  \($0)" }
        let more = mismatches.count > 10 ? ["  … and \(mismatches.count - 10) more"] : []
        return BatchError(
            .tampered,
            (["\(step) of \(subject) refused: \(mismatches.count) stored row(s) differ from the ledger (\(recorded)); 'gatehouse audit' names every row"]
                + shown + more).joined(separator: "\n"))
    }
}
