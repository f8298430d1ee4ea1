/// A fast seeded pseudo-random generator (xoshiro256**), seeded through SplitMix64.
///
/// The same seed always yields the same sequence on every platform, which is what makes
/// `gatehouse synth` output byte-identical across runs.
public struct SynthRandom: RandomNumberGenerator, Sendable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// Creates a generator whose whole state is derived from `seed`.
    public init(seed: UInt64) {
        var mixer = seed
        s0 = SynthRandom.splitMix(&mixer)
        s1 = SynthRandom.splitMix(&mixer)
        s2 = SynthRandom.splitMix(&mixer)
        s3 = SynthRandom.splitMix(&mixer)
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }
    }

    /// Creates an independent stream for `index` under `seed` (one per household, say).
    public init(seed: UInt64, stream index: UInt64) {
        var mixer = seed ^ (index &* 0xD1B5_4A32_D192_ED03)
        self.init(seed: SynthRandom.splitMix(&mixer) ^ index)
    }

    /// One SplitMix64 step: advances `state` and returns a well-mixed 64-bit value.
    @inline(__always)
    public static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The next 64 random bits.
    @inline(__always)
    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = (s3 << 45) | (s3 >> 19)
        return result
    }

    /// A uniform integer in `0..<bound` (Lemire's multiply-shift; `bound` must be positive).
    @inline(__always)
    public mutating func below(_ bound: Int) -> Int {
        let product = next().multipliedFullWidth(by: UInt64(bound))
        return Int(product.high)
    }

    /// A uniform integer in `range`.
    @inline(__always)
    public mutating func between(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// A uniform double in `[0, 1)`.
    @inline(__always)
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// True with probability `probability`.
    @inline(__always)
    public mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    /// A uniformly chosen element of a non-empty array.
    @inline(__always)
    public mutating func pick<T>(_ items: [T]) -> T {
        items[below(items.count)]
    }
}
