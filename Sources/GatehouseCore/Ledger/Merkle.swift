import Crypto

/// RFC 6962 / RFC 9162 §2.1 Merkle tree hashing over SHA-256.
///
/// Leaves are numbered from 0. A tree of `n` leaves has the root
/// `MTH(D[0:n]) = SHA-256(0x01 ‖ MTH(D[0:k]) ‖ MTH(D[k:n]))`, where `k` is the largest
/// power of two below `n`; a one-leaf tree's root is its leaf hash and the empty
/// tree's root is `SHA-256("")`.
public enum Merkle {
    /// The root of the empty tree: SHA-256 of no bytes.
    public static let emptyRoot = Hash32.sha256([UInt8]())

    /// The leaf hash of an entry: `SHA-256(0x00 ‖ entry)`.
    public static func leafHash(_ entry: some Sequence<UInt8>) -> Hash32 {
        var hasher = SHA256()
        Swift.withUnsafeBytes(of: UInt8(0)) { hasher.update(bufferPointer: $0) }
        let handled: Void? = entry.withContiguousStorageIfAvailable { buffer in
            hasher.update(bufferPointer: UnsafeRawBufferPointer(buffer))
        }
        if handled == nil {
            hasher.update(data: Array(entry))
        }
        return Hash32(hasher.finalize())
    }

    /// The hash of an interior node: `SHA-256(0x01 ‖ left ‖ right)`.
    public static func nodeHash(_ left: Hash32, _ right: Hash32) -> Hash32 {
        var hasher = SHA256()
        Swift.withUnsafeBytes(of: UInt8(1)) { hasher.update(bufferPointer: $0) }
        left.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        right.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return Hash32(hasher.finalize())
    }

    /// The root over `leafHashes` by the recursive definition (the reference, O(n)).
    ///
    /// - Complexity: O(n) hashes, O(log n) stack.
    public static func root(leafHashes: some RandomAccessCollection<Hash32>) -> Hash32 {
        let hashes = Array(leafHashes)
        if hashes.isEmpty { return emptyRoot }
        return subtreeRoot(hashes, hashes.startIndex, hashes.endIndex)
    }

    private static func subtreeRoot(_ hashes: [Hash32], _ lower: Int, _ upper: Int) -> Hash32 {
        let count = upper - lower
        if count == 1 { return hashes[lower] }
        let split = largestPowerOfTwo(below: count)
        return nodeHash(
            subtreeRoot(hashes, lower, lower + split), subtreeRoot(hashes, lower + split, upper))
    }

    /// The largest power of two strictly less than `n`.
    ///
    /// - Precondition: `n > 1`.
    @inlinable
    public static func largestPowerOfTwo(below n: Int) -> Int {
        precondition(n > 1, "a split needs at least two leaves")
        return 1 << (Int.bitWidth - 1 - (n - 1).leadingZeroBitCount)
    }
}
