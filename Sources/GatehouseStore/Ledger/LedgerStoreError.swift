/// Why a ledger store operation failed. The message holds sequence numbers, sizes, hashes
/// and file names only, never a person's data.
public struct LedgerStoreError: Error, CustomStringConvertible, Equatable, Sendable {
    public enum Code: String, Sendable {
        /// A sequence number or size beyond the log, or sizes in the wrong order.
        case outOfRange
        /// No entry with that sequence number.
        case noSuchEntry
        /// The log has no checkpoint yet (or none of that size).
        case noCheckpoint
        /// A checkpoint's size or root disagrees with the stored tree.
        case checkpointMismatch
        /// The signing key is missing from the workspace.
        case keyMissing
        /// The key files already exist; they are never overwritten.
        case keyExists
        /// A key file is unreadable or ill-formed.
        case keyInvalid
        /// A stored row is not what the log wrote (see `LedgerStore.verify`).
        case corrupt
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
