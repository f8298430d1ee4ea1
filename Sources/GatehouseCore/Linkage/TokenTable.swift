/// Interned folded strings: each distinct name token, street name or house number gets a dense
/// `UInt32` id (0 means "none" or "not in the store"), so that matching compares integers and
/// reaches the bytes only for fuzzy comparisons.
public struct TokenTable: Sendable {
    var ids: [String: UInt32] = ["": 0]
    /// Token bytes, concatenated; token `i` spans `offsets[i]..<offsets[i + 1]`.
    var bytes: [UInt8] = []
    var offsets: [UInt32] = [0, 0]

    public init() {}

    /// The number of ids handed out, including 0.
    public var count: Int { offsets.count - 1 }

    /// The id of `token`, interning it if new.
    public mutating func intern(_ token: String) -> UInt32 {
        if let id = ids[token] { return id }
        let id = UInt32(offsets.count - 1)
        ids[token] = id
        bytes.append(contentsOf: token.utf8)
        offsets.append(UInt32(bytes.count))
        return id
    }

    /// The id of `token`, or 0 when the store never saw it.
    public func id(of token: String) -> UInt32 {
        ids[token] ?? 0
    }

    /// The token spelled by `id`.
    public func string(_ id: UInt32) -> String {
        let range = Int(offsets[Int(id)])..<Int(offsets[Int(id) + 1])
        return String(decoding: bytes[range], as: UTF8.self)
    }

    /// Calls `body` with the bytes of token `id`.
    @inline(__always)
    func withBytes<R>(_ id: UInt32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let start = Int(offsets[Int(id)])
        let end = Int(offsets[Int(id) + 1])
        return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }
}
