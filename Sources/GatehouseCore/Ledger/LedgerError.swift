/// An error from the ledger core: a stable code plus context that never holds a person's data.
public struct LedgerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, in categories a caller can act on.
    public enum Code: String, Sendable, Hashable {
        /// The input is not well formed: bad hex or base64, a wrong length, an index
        /// outside the tree, a first size above the second, a note or key with bad syntax.
        case malformed
        /// A well-formed Merkle proof that does not prove what it claims.
        case invalidProof
        /// A signature from the expected key that does not verify.
        case invalidSignature
        /// No signature in the note is from the expected key.
        case noKnownSignature
        /// A node source could not supply a perfect-subtree hash it should hold.
        case nodeMissing
        /// Bytes that do not decode as a ledger entry.
        case invalidEntry
    }

    /// The category of the error.
    public var code: Code
    /// What happened, for a person to read. Holds sizes, indices and hashes only.
    public var context: String

    public init(_ code: Code, _ context: String) {
        self.code = code
        self.context = context
    }

    public var description: String { context }

    /// True for malformed input, as opposed to a well-formed proof or note that fails.
    public var isMalformed: Bool { code == .malformed || code == .invalidEntry }
}
