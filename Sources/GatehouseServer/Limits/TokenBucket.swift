/// A token bucket: `rate` tokens a second up to `burst`; a call takes one. A value type with the
/// time passed in, so that it tests without a clock.
struct TokenBucket: Sendable, Hashable {
    let rate: Double
    let burst: Double
    private(set) var tokens: Double
    private(set) var updated: Double

    init(rate: Double, burst: Double, now: Double) {
        self.rate = rate
        self.burst = max(1, burst)
        tokens = self.burst
        updated = now
    }

    /// Takes a token at `now` (seconds). Returns nil when taken, else the seconds until one is there.
    mutating func take(now: Double) -> Double? {
        tokens = min(burst, tokens + max(0, now - updated) * rate)
        updated = max(updated, now)
        if tokens >= 1 {
            tokens -= 1
            return nil
        }
        return rate > 0 ? (1 - tokens) / rate : .infinity
    }
}
