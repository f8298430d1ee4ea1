import Crypto

/// A 32-byte hash: a SHA-256 digest, a Merkle leaf or node hash, a root.
///
/// The bytes live inline (no heap allocation), so arrays of hashes and Merkle
/// arithmetic stay cheap. Equality compares the 32 bytes.
public struct Hash32: Sendable, Hashable, CustomStringConvertible {
    /// The number of bytes in a hash.
    public static let byteCount = 32

    /// The 32 bytes, in memory order.
    @usableFromInline
    var storage: (UInt64, UInt64, UInt64, UInt64)

    /// A hash of 32 zero bytes.
    public static let zero = Hash32(storage: (0, 0, 0, 0))

    @usableFromInline
    init(storage: (UInt64, UInt64, UInt64, UInt64)) {
        self.storage = storage
    }

    /// Makes a hash from exactly 32 raw bytes.
    ///
    /// - Precondition: `rawBytes.count == 32`.
    public init(rawBytes: UnsafeRawBufferPointer) {
        precondition(rawBytes.count == Self.byteCount, "a Hash32 needs exactly 32 bytes")
        var value = Hash32.zero
        Swift.withUnsafeMutableBytes(of: &value.storage) { target in
            target.copyMemory(from: rawBytes)
        }
        self = value
    }

    /// Makes a hash from a collection of bytes, or returns nil unless it holds exactly 32.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == Self.byteCount else { return nil }
        var value = Hash32.zero
        Swift.withUnsafeMutableBytes(of: &value.storage) { target in
            for (offset, byte) in bytes.enumerated() {
                target[offset] = byte
            }
        }
        self = value
    }

    /// Calls `body` with the 32 bytes of the hash.
    @inlinable
    public func withUnsafeBytes<Result>(
        _ body: (UnsafeRawBufferPointer) throws -> Result
    ) rethrows -> Result {
        try Swift.withUnsafeBytes(of: storage, body)
    }

    /// The 32 bytes as an array.
    public var bytes: [UInt8] {
        withUnsafeBytes { Array($0) }
    }

    @inlinable
    public static func == (lhs: Hash32, rhs: Hash32) -> Bool {
        lhs.storage.0 == rhs.storage.0 && lhs.storage.1 == rhs.storage.1
            && lhs.storage.2 == rhs.storage.2 && lhs.storage.3 == rhs.storage.3
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(storage.0)
        hasher.combine(storage.1)
        hasher.combine(storage.2)
        hasher.combine(storage.3)
    }

    /// Lowercase hexadecimal, 64 characters.
    public var description: String { hex }
}

extension Hash32 {
    /// SHA-256 of `bytes`.
    public static func sha256(_ bytes: some Sequence<UInt8>) -> Hash32 {
        var hasher = SHA256()
        let handled: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            hasher.update(bufferPointer: UnsafeRawBufferPointer(buffer))
        }
        if handled == nil {
            hasher.update(data: Array(bytes))
        }
        return Hash32(hasher.finalize())
    }

    /// SHA-256 of the UTF-8 bytes of `text`.
    public static func sha256(utf8 text: String) -> Hash32 {
        sha256(Array(text.utf8))
    }

    init(_ digest: SHA256.Digest) {
        self = digest.withUnsafeBytes { Hash32(rawBytes: $0) }
    }
}
