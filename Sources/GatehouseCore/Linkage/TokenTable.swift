import Foundation

/// Interned folded strings: each distinct name token, street name or house number gets a dense
/// `UInt32` id (0 means "none" or "not in the store"), so that matching compares integers and
/// reaches the bytes only for fuzzy comparisons.
///
/// The lookup table is open addressing over the stored bytes themselves (each slot an id and its
/// 32-bit hash, in a power-of-two array), so interning hashes the UTF-8 bytes once and compares bytes,
/// with no `String` hashing and no per-token allocation; it is rebuilt from the bytes when an
/// index is read back.
public struct TokenTable: Sendable {
    /// Token bytes, concatenated; token `i` spans `offsets[i]..<offsets[i + 1]`.
    private(set) var bytes: [UInt8] = []
    private(set) var offsets: [UInt32] = [0, 0]
    /// Each token's `shape`: its length and the set of its characters in one word, so that most
    /// pairs of different names are told apart without reading their bytes. Not stored: rebuilt
    /// from the bytes.
    private(set) var shapes: [UInt64] = [0]
    /// Open-addressing slots, two words each: an id in the low 32 bits and its token's hash in
    /// the high 32, then the token's length (capped at 255) in the top byte and its first seven
    /// bytes below it. A probe compares hashes without reaching the token, and a token of seven
    /// bytes or fewer (most house numbers, states, suffixes and names) is recognized in its slot,
    /// without reading the stored bytes elsewhere in memory. A zero first word is an empty slot
    /// (id 0, the empty token, is never filed). The slot count is a power of two, kept at most
    /// half full.
    private var slots: [UInt64] = [UInt64](repeating: 0, count: 2 * 1024)

    public init() {}

    /// Rebuilds a table from its stored bytes and offsets.
    /// - Complexity: O(total bytes).
    init(bytes: [UInt8], offsets: [UInt32]) {
        self.bytes = bytes
        self.offsets = offsets
        let count = max(1, offsets.count - 1)
        var shapes = [UInt64](repeating: 0, count: max(1, offsets.count - 1))
        bytes.withUnsafeBufferPointer { buffer in
            for id in 1..<shapes.count {
                shapes[id] = Self.shape(UnsafeBufferPointer(rebasing: buffer[Int(offsets[id])..<Int(offsets[id + 1])]))
            }
        }
        self.shapes = shapes
        var capacity = 1024
        while capacity < count * 2 { capacity <<= 1 }
        slots = [UInt64](repeating: 0, count: 2 * capacity)
        bytes.withUnsafeBufferPointer { buffer in
            for id in 1..<count {
                let token = UnsafeBufferPointer(rebasing: buffer[Int(offsets[id])..<Int(offsets[id + 1])])
                place(UInt64(Self.hash(token)) << 32 | UInt64(id), Self.prefix(token))
            }
        }
    }

    /// The number of ids handed out, including 0.
    public var count: Int { offsets.count - 1 }

    /// The id of `token`, interning it if new.
    /// - Complexity: O(length of `token`) expected.
    public mutating func intern(_ token: String) -> UInt32 {
        var copy = token
        return copy.withUTF8 { intern(bytes: $0) }
    }

    /// The id of the token spelled by `token`'s bytes, interning it if new.
    public mutating func intern(bytes token: UnsafeBufferPointer<UInt8>) -> UInt32 {
        if token.isEmpty { return 0 }
        let hash = Self.hash(token)
        let prefix = Self.prefix(token)
        let found = find(token, hash: hash, prefix: prefix)
        if found.id != 0 { return found.id }
        let id = UInt32(count)
        bytes.append(contentsOf: token)
        offsets.append(UInt32(bytes.count))
        shapes.append(Self.shape(token))
        if count * 2 > slots.count / 2 {
            grow()
            place(UInt64(hash) << 32 | UInt64(id), prefix)
        } else {
            slots[2 * found.slot] = UInt64(hash) << 32 | UInt64(id)
            slots[2 * found.slot + 1] = prefix
        }
        return id
    }

    /// The id of `token`, or 0 when the store never saw it.
    public func id(of token: String) -> UInt32 {
        var copy = token
        return copy.withUTF8 { id(bytes: $0) }
    }

    /// The id of the token spelled by `token`, or 0 when the store never saw it.
    func id(bytes token: UnsafeBufferPointer<UInt8>) -> UInt32 {
        token.isEmpty ? 0 : find(token, hash: Self.hash(token), prefix: Self.prefix(token)).id
    }

    /// The token spelled by `id`.
    public func string(_ id: UInt32) -> String {
        let range = Int(offsets[Int(id)])..<Int(offsets[Int(id) + 1])
        return String(decoding: bytes[range], as: UTF8.self)
    }

    /// The length in bytes of token `id`.
    @inline(__always)
    func length(_ id: UInt32) -> Int { Int(offsets[Int(id) + 1] - offsets[Int(id)]) }

    /// Calls `body` with the bytes of token `id`.
    @inline(__always)
    func withBytes<R>(_ id: UInt32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let start = Int(offsets[Int(id)])
        let end = Int(offsets[Int(id) + 1])
        return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }

    /// The id filed for `token` (0 when absent) and the slot where the search ended.
    private func find(_ token: UnsafeBufferPointer<UInt8>, hash: UInt32, prefix: UInt64) -> (id: UInt32, slot: Int) {
        slots.withUnsafeBufferPointer { slots in
            let mask = slots.count / 2 - 1
            var slot = Int(hash) & mask
            while true {
                let entry = slots[2 * slot]
                if entry == 0 { return (0, slot) }
                if UInt32(truncatingIfNeeded: entry >> 32) == hash && slots[2 * slot + 1] == prefix {
                    let id = UInt32(truncatingIfNeeded: entry)
                    // The length and first seven bytes agree: a short token is found; a longer
                    // one compares the rest.
                    if token.count <= 7 || restEqual(token, id) { return (id, slot) }
                }
                slot = (slot + 1) & mask
            }
        }
    }

    /// Whether stored token `id`, whose first seven bytes agree with `token`'s, is `token`.
    private func restEqual(_ token: UnsafeBufferPointer<UInt8>, _ id: UInt32) -> Bool {
        offsets.withUnsafeBufferPointer { offsets in
            bytes.withUnsafeBufferPointer { stored in
                let start = Int(offsets[Int(id)])
                let end = Int(offsets[Int(id) + 1])
                return end - start == token.count
                    && memcmp(stored.baseAddress! + start + 7, token.baseAddress! + 7, token.count - 7) == 0
            }
        }
    }

    /// The shape of token `id`: `shape(_:)` of its bytes.
    @inline(__always)
    func shape(_ id: UInt32) -> UInt64 { shapes[Int(id)] }

    /// A token's length (capped at 255) in the top byte, and below it the set of its characters:
    /// a bit per letter and digit, the other bytes sharing twelve bits (a shared bit only makes
    /// two tokens look more alike).
    static func shape(_ token: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var shape = UInt64(min(token.count, 255)) << 56
        for byte in token { shape |= characterBit(byte) }
        return shape
    }

    @inline(__always)
    static func characterBit(_ byte: UInt8) -> UInt64 {
        switch byte {
        case 0x41...0x5A: 1 << UInt64(byte - 0x41)
        case 0x30...0x39: 1 << UInt64(byte - 0x30 + 26)
        default: 1 << UInt64(36 + byte % 12)
        }
    }

    /// The length (capped at 255) in the top byte, the first seven bytes below it.
    @inline(__always)
    static func prefix(_ token: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var word = UInt64(min(token.count, 255)) << 56
        for k in 0..<min(7, token.count) { word |= UInt64(token[k]) << UInt64(8 * k) }
        return word
    }

    private mutating func place(_ entry: UInt64, _ prefix: UInt64) {
        let mask = slots.count / 2 - 1
        var slot = Int(entry >> 32) & mask
        while slots[2 * slot] != 0 { slot = (slot + 1) & mask }
        slots[2 * slot] = entry
        slots[2 * slot + 1] = prefix
    }

    /// Doubles the slots, refiling every entry (the new token is filed by the caller).
    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: old.count * 2)
        for slot in 0..<(old.count / 2) where old[2 * slot] != 0 { place(old[2 * slot], old[2 * slot + 1]) }
    }

    /// FNV-1a over the bytes, then a final avalanche (the low bits pick the slot).
    @inline(__always)
    static func hash(_ token: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var state: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in token { state = (state ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        state ^= state >> 29
        state = state &* 0xBF58_476D_1CE4_E5B9
        state ^= state >> 32
        return UInt32(truncatingIfNeeded: state)
    }
}
