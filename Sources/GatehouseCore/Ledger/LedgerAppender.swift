/// The ledger's appender: numbers each event, encodes it, and returns what a store must
/// write — the entry bytes and the Merkle nodes — without doing any I/O itself.
public struct LedgerAppender: Sendable, Hashable {
    /// The Merkle state (size and right edge).
    public private(set) var tree: MerkleAppender

    /// An appender that continues `tree` (by default, an empty log).
    public init(tree: MerkleAppender = MerkleAppender()) {
        self.tree = tree
    }

    /// The number of entries so far; the next entry's sequence number.
    public var size: Int { tree.size }

    /// The root of the log so far.
    public var root: Hash32 { tree.root }

    /// What a store persists for one appended event.
    public struct Append: Sendable, Hashable {
        /// The entry, with its sequence number (= leaf index) and time.
        public var entry: LedgerEntry
        /// The entry's canonical bytes, to store as they are.
        public var encoded: [UInt8]
        /// `SHA-256(0x00 ‖ encoded)`.
        public var leafHash: Hash32
        /// The perfect-subtree nodes to store, the leaf itself first.
        public var nodeWrites: [MerkleNodeWrite]
    }

    /// Appends `event` at `timestamp` and returns the rows to persist.
    ///
    /// - Complexity: amortized O(1) hashes and writes, at worst O(log n).
    public mutating func append(_ event: LedgerEvent, at timestamp: LedgerTimestamp) -> Append {
        let entry = LedgerEntry(sequence: UInt64(tree.size), timestamp: timestamp, event: event)
        let encoded = entry.encoded
        let leafHash = Merkle.leafHash(encoded)
        let writes = tree.append(leafHash: leafHash)
        return Append(entry: entry, encoded: encoded, leafHash: leafHash, nodeWrites: writes)
    }
}
