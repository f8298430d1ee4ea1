import Synchronization

/// One token bucket per API key.
final class RateLimiter: Sendable {
    private let buckets = Mutex<[String: TokenBucket]>([:])
    let rate: Double
    let burst: Double
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant

    init(rate: Double, burst: Double) {
        self.rate = rate
        self.burst = burst
        start = clock.now
    }

    /// Takes a token for `key`; nil when allowed, else whole seconds to wait (for `Retry-After`).
    func take(key: String) -> Int? {
        let elapsed = clock.now - start
        let now = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let wait = buckets.withLock { buckets -> Double? in
            var bucket = buckets[key] ?? TokenBucket(rate: rate, burst: burst, now: now)
            let wait = bucket.take(now: now)
            buckets[key] = bucket
            return wait
        }
        return wait.map { max(1, Int($0.rounded(.up))) }
    }
}
