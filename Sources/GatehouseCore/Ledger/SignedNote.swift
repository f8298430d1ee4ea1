/// A C2SP signed note: UTF-8 text ending in a newline, a blank line, then one or more
/// signature lines `— <key name> <base64(4-byte key ID ‖ signature)>`.
public struct SignedNote: Sendable, Hashable {
    /// One signature line.
    public struct Signature: Sendable, Hashable {
        public var name: String
        public var keyID: UInt32
        /// The signature bytes after the key ID (64 for Ed25519).
        public var bytes: [UInt8]

        public init(name: String, keyID: UInt32, bytes: [UInt8]) {
            self.name = name
            self.keyID = keyID
            self.bytes = bytes
        }

        /// The line, with its newline.
        public var line: String {
            let id = [
                UInt8(keyID >> 24 & 0xff), UInt8(keyID >> 16 & 0xff), UInt8(keyID >> 8 & 0xff), UInt8(keyID & 0xff),
            ]
            return "\u{2014} \(name) \(Base64.encode(id + bytes))\n"
        }
    }

    /// The most signature lines a note may carry.
    public static let maximumSignatures = 100

    /// The signed text, ending in a newline.
    public var text: String
    public var signatures: [Signature]

    /// Signs `text` with each signer.
    ///
    /// - Throws: ``LedgerError/Code/malformed`` for text that cannot be a note's.
    public static func sign(text: String, with signers: [NoteSigner]) throws -> SignedNote {
        try validateText(text)
        let message = Array(text.utf8)
        let signatures = try signers.map { signer in
            Signature(name: signer.name, keyID: signer.keyID, bytes: try signer.signature(for: message))
        }
        return SignedNote(text: text, signatures: signatures)
    }

    private init(text: String, signatures: [Signature]) {
        self.text = text
        self.signatures = signatures
    }

    /// The note as it is written: text, a blank line, the signature lines.
    public var serialized: String {
        text + "\n" + signatures.map(\.line).joined()
    }

    /// Parses a note.
    ///
    /// - Throws: ``LedgerError/Code/malformed`` when there is no blank line before the
    ///   signatures, a signature line is not `— name base64`, there are no signatures or
    ///   too many, or the text holds control characters other than newline.
    public init(parsing note: String) throws(LedgerError) {
        let bytes = Array(note.utf8)
        // The signatures follow the last blank line.
        var split: Int?
        var index = bytes.count - 2
        while index >= 0 {
            if bytes[index] == 0x0a && bytes[index + 1] == 0x0a {
                split = index
                break
            }
            index -= 1
        }
        guard let split else {
            throw LedgerError(.malformed, "the note has no blank line between its text and its signatures")
        }
        let text = String(decoding: bytes[...split], as: UTF8.self)
        try Self.validateText(text)
        let block = bytes[(split + 2)...]
        guard !block.isEmpty, block.last == 0x0a else {
            throw LedgerError(.malformed, "the note's signature block must end with a newline")
        }
        var signatures: [Signature] = []
        for line in block.dropLast().split(separator: 0x0a, omittingEmptySubsequences: false) {
            signatures.append(try Self.parseSignature(String(decoding: line, as: UTF8.self)))
            guard signatures.count <= Self.maximumSignatures else {
                throw LedgerError(.malformed, "the note has more than \(Self.maximumSignatures) signatures")
            }
        }
        self.init(text: text, signatures: signatures)
    }

    /// Checks the note's signature by `verifier`, ignoring signatures by other keys.
    ///
    /// - Returns: the verified signature.
    /// - Throws: ``LedgerError/Code/invalidSignature`` when a signature that names the
    ///   verifier's key does not verify; ``LedgerError/Code/noKnownSignature`` when no
    ///   signature names it.
    @discardableResult
    public func verify(with verifier: NoteVerifier) throws(LedgerError) -> Signature {
        let message = Array(text.utf8)
        var verified: Signature?
        for signature in signatures where signature.name == verifier.name && signature.keyID == verifier.keyID {
            guard verifier.isValidSignature(signature.bytes, for: message) else {
                throw LedgerError(
                    .invalidSignature,
                    "the signature by \(verifier.name) (key ID \(NoteKeyName.hexID(verifier.keyID))) does not verify: the note was altered or signed by another key"
                )
            }
            verified = signature
        }
        guard let verified else {
            let names = signatures.map { "\($0.name)+\(NoteKeyName.hexID($0.keyID))" }.joined(separator: ", ")
            throw LedgerError(
                .noKnownSignature,
                "the note has no signature by \(verifier.name)+\(NoteKeyName.hexID(verifier.keyID)) (it is signed by \(names))"
            )
        }
        return verified
    }

    static func validateText(_ text: String) throws(LedgerError) {
        guard !text.isEmpty, text.utf8.last == 0x0a else {
            throw LedgerError(.malformed, "a note's text must be non-empty and end with a newline")
        }
        for byte in text.utf8 where (byte < 0x20 && byte != 0x0a) || byte == 0x7f {
            throw LedgerError(.malformed, "a note's text cannot contain control characters other than newline")
        }
    }

    private static func parseSignature(_ line: String) throws(LedgerError) -> Signature {
        let prefix: [UInt8] = [0xe2, 0x80, 0x94, 0x20]  // "— ", U+2014 then a space
        let utf8 = Array(line.utf8)
        guard utf8.starts(with: prefix) else {
            throw LedgerError(.malformed, "a signature line must start with an em dash (U+2014) and a space")
        }
        let parts = utf8.dropFirst(prefix.count).split(separator: 0x20, omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        guard parts.count == 2 else {
            throw LedgerError(.malformed, "a signature line has the form '\u{2014} NAME SIGNATURE'")
        }
        let name = String(parts[0])
        try NoteKeyName.validate(name)
        guard let bytes = Base64.decode(parts[1]), bytes.count >= 5 else {
            throw LedgerError(.malformed, "a signature is base64 of a 4-byte key ID and the signature bytes")
        }
        let keyID = bytes.prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        return Signature(name: name, keyID: keyID, bytes: Array(bytes.dropFirst(4)))
    }
}
