import Crypto

/// The public half of a C2SP signed-note Ed25519 key: what an auditor is given.
///
/// Its text form is `<name>+<key ID as 8 hex digits>+<base64(0x01 ‖ 32-byte public key)>`,
/// where the key ID is the first 4 bytes of `SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key)`.
public struct NoteVerifier: Sendable, Hashable, CustomStringConvertible {
    /// The key's name, conventionally the log's origin.
    public let name: String
    /// The 4-byte key ID, big-endian.
    public let keyID: UInt32
    /// The 32-byte Ed25519 public key.
    public let publicKey: [UInt8]

    /// A verifier for an Ed25519 public key under `name`.
    ///
    /// - Throws: ``LedgerError/Code/malformed`` for a bad name or a key that is not 32 bytes.
    public init(name: String, publicKey: [UInt8]) throws(LedgerError) {
        try NoteKeyName.validate(name)
        guard publicKey.count == 32 else {
            throw LedgerError(.malformed, "an Ed25519 public key has 32 bytes, not \(publicKey.count)")
        }
        self.name = name
        self.publicKey = publicKey
        self.keyID = NoteKeyName.keyID(name: name, publicKey: publicKey)
    }

    /// Parses a verifier key string `<name>+<hex key ID>+<base64 key>`.
    ///
    /// - Throws: ``LedgerError/Code/malformed`` when the string is not of that form, the
    ///   algorithm byte is not 0x01 (Ed25519), or the key ID does not match the key.
    public init(parsing text: String) throws(LedgerError) {
        // The key's base64 may itself contain '+'; the name and key ID cannot.
        let parts = text.split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            throw LedgerError(
                .malformed, "a verifier key has the form NAME+KEYID+KEY (three parts joined by '+')")
        }
        let key = try NoteKeyName.decodeKey(parts[2], what: "verifier key")
        try self.init(name: String(parts[0]), publicKey: key)
        try NoteKeyName.checkID(parts[1], expected: keyID)
    }

    /// The verifier key string.
    public var keyString: String {
        "\(name)+\(NoteKeyName.hexID(keyID))+\(Base64.encode([1] + publicKey))"
    }

    public var description: String { keyString }

    /// True when `signature` is a valid Ed25519 signature of `message` by this key.
    public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        guard signature.count == 64,
            let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey)
        else { return false }
        return key.isValidSignature(signature, for: message)
    }
}

/// The private half of a signed-note Ed25519 key. Its `description` never shows the key.
///
/// Its text form is `PRIVATE+KEY+<name>+<hex key ID>+<base64(0x01 ‖ 32-byte seed)>`.
public struct NoteSigner: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The public half: name, key ID and public key.
    public let verifier: NoteVerifier
    private let seed: [UInt8]

    /// The key's name.
    public var name: String { verifier.name }
    /// The 4-byte key ID.
    public var keyID: UInt32 { verifier.keyID }

    /// A signer for the Ed25519 private key with the 32-byte `seed`.
    ///
    /// - Throws: ``LedgerError/Code/malformed`` for a bad name or seed.
    public init(name: String, seed: [UInt8]) throws(LedgerError) {
        guard seed.count == 32,
            let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed)
        else {
            throw LedgerError(.malformed, "an Ed25519 private key seed has 32 bytes")
        }
        self.seed = seed
        self.verifier = try NoteVerifier(name: name, publicKey: Array(key.publicKey.rawRepresentation))
    }

    /// Parses a signer key string `PRIVATE+KEY+<name>+<hex key ID>+<base64 seed>`.
    ///
    /// - Throws: ``LedgerError/Code/malformed`` when the string is not of that form or the
    ///   key ID does not match.
    public init(parsing text: String) throws(LedgerError) {
        let parts = text.split(separator: "+", maxSplits: 4, omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0] == "PRIVATE", parts[1] == "KEY" else {
            throw LedgerError(
                .malformed, "a signer key has the form PRIVATE+KEY+NAME+KEYID+KEY (five parts joined by '+')")
        }
        let seed = try NoteKeyName.decodeKey(parts[4], what: "signer key")
        try self.init(name: String(parts[2]), seed: seed)
        try NoteKeyName.checkID(parts[3], expected: keyID)
    }

    /// Makes a new random key pair named `name` (conventionally the log's origin).
    public static func generate(name: String) throws(LedgerError) -> NoteSigner {
        let key = Curve25519.Signing.PrivateKey()
        return try NoteSigner(name: name, seed: Array(key.rawRepresentation))
    }

    /// The signer key string. Keep it secret.
    public var keyString: String {
        "PRIVATE+KEY+\(name)+\(NoteKeyName.hexID(keyID))+\(Base64.encode([1] + seed))"
    }

    /// The Ed25519 signature of `message`.
    public func signature(for message: [UInt8]) throws -> [UInt8] {
        let key = try Curve25519.Signing.PrivateKey(rawRepresentation: seed)
        return Array(try key.signature(for: message))
    }

    public var description: String { "NoteSigner(\(name)+\(NoteKeyName.hexID(keyID)))" }
    public var debugDescription: String { description }
}

/// Rules shared by signer and verifier keys.
enum NoteKeyName {
    /// A key name is non-empty UTF-8 without '+' or whitespace.
    static func validate(_ name: String) throws(LedgerError) {
        guard !name.isEmpty else { throw LedgerError(.malformed, "a key name cannot be empty") }
        for scalar in name.unicodeScalars
        where scalar == "+" || scalar.properties.isWhitespace
            || scalar.value < 0x20 || scalar.value == 0x7f
        {
            throw LedgerError(
                .malformed, "a key name cannot contain '+', whitespace or control characters")
        }
    }

    static func keyID(name: String, publicKey: [UInt8]) -> UInt32 {
        let digest = Hash32.sha256(Array(name.utf8) + [0x0a, 0x01] + publicKey)
        return digest.withUnsafeBytes { raw in raw.prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) } }
    }

    static func hexID(_ id: UInt32) -> String {
        Hex.encode([UInt8(id >> 24 & 0xff), UInt8(id >> 16 & 0xff), UInt8(id >> 8 & 0xff), UInt8(id & 0xff)])
    }

    static func decodeKey(_ text: Substring, what: String) throws(LedgerError) -> [UInt8] {
        guard let bytes = Base64.decode(text), bytes.count == 33 else {
            throw LedgerError(.malformed, "the \(what) is not base64 of 33 bytes (0x01 then 32 key bytes)")
        }
        guard bytes[0] == 0x01 else {
            throw LedgerError(.malformed, "the \(what) is for algorithm \(bytes[0]), not Ed25519 (1)")
        }
        return Array(bytes.dropFirst())
    }

    static func checkID(_ text: Substring, expected: UInt32) throws(LedgerError) {
        guard text.utf8.count == 8, let bytes = Hex.decode(text) else {
            throw LedgerError(.malformed, "a key ID is 8 hexadecimal digits")
        }
        let id = bytes.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        guard id == expected else {
            throw LedgerError(
                .malformed, "the key ID \(text) does not match the key (expected \(hexID(expected)))")
        }
    }
}
