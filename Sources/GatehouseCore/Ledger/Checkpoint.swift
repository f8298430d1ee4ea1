/// A C2SP tlog-checkpoint: the log's origin, its size and its root, each on its own line,
/// then optional extension lines. Signed, it is the text of a ``SignedNote``.
public struct Checkpoint: Sendable, Hashable {
    /// The log's name, e.g. `tax.example.gov/gatehouse`; conventionally the key's name.
    public var origin: String
    /// The number of entries the root covers.
    public var size: Int
    /// The Merkle root of the first `size` entries.
    public var root: Hash32
    /// Extra non-empty lines after the root; Gatehouse writes none.
    public var extensions: [String]

    public init(origin: String, size: Int, root: Hash32, extensions: [String] = []) {
        self.origin = origin
        self.size = size
        self.root = root
        self.extensions = extensions
    }

    /// The checkpoint body: `origin\nsize\nbase64(root)\n` and any extension lines.
    public var text: String {
        ([origin, String(size), root.base64] + extensions).map { $0 + "\n" }.joined()
    }

    /// Parses a checkpoint body (a note's text).
    ///
    /// - Throws: ``LedgerError/Code/malformed`` when a line is missing or empty, the
    ///   size is not a decimal number without leading zeros, or the root is not base64
    ///   of 32 bytes.
    public init(parsing text: String) throws(LedgerError) {
        let utf8 = Array(text.utf8)
        guard utf8.last == 0x0a else {
            throw LedgerError(.malformed, "a checkpoint must end with a newline")
        }
        let lines = utf8.dropLast().split(separator: 0x0a, omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        guard lines.count >= 3 else {
            throw LedgerError(.malformed, "a checkpoint has at least three lines: origin, size, root")
        }
        guard !lines[0].isEmpty else { throw LedgerError(.malformed, "the checkpoint's origin line is empty") }
        let sizeLine = lines[1]
        guard !sizeLine.isEmpty, sizeLine.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            sizeLine == "0" || !sizeLine.hasPrefix("0"), let size = Int(sizeLine)
        else {
            throw LedgerError(.malformed, "the checkpoint's size line is not a decimal number without leading zeros")
        }
        guard let root = Hash32(base64: lines[2]) else {
            throw LedgerError(.malformed, "the checkpoint's root line is not base64 of 32 bytes")
        }
        let extensions = Array(lines.dropFirst(3))
        guard extensions.allSatisfy({ !$0.isEmpty }) else {
            throw LedgerError(.malformed, "a checkpoint has no empty lines")
        }
        self.init(origin: lines[0], size: size, root: root, extensions: extensions)
    }

    /// The checkpoint signed by `signer`, as a note.
    public func signed(by signer: NoteSigner) throws -> SignedNote {
        try SignedNote.sign(text: text, with: [signer])
    }

    /// Parses a signed checkpoint note and checks its signature by `verifier`.
    ///
    /// The note and the body are parsed before any signature is checked, so a
    /// ``LedgerError/Code/malformed`` error always means bad syntax.
    ///
    /// - Throws: ``LedgerError/Code/malformed``, ``LedgerError/Code/invalidSignature`` or
    ///   ``LedgerError/Code/noKnownSignature``.
    public static func verified(note: String, by verifier: NoteVerifier) throws(LedgerError) -> Checkpoint {
        let parsed = try SignedNote(parsing: note)
        let checkpoint = try Checkpoint(parsing: parsed.text)
        try parsed.verify(with: verifier)
        return checkpoint
    }
}
