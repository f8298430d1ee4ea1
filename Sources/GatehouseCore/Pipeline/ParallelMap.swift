import Foundation

/// Maps `items` on every core in contiguous slices with structured concurrency, keeping order.
///
/// - Parameters:
///   - slices: how many tasks to cut the work into (default: four per core, which balances uneven work).
///   - progress: called from the tasks with a count of items done since the last call.
/// - Complexity: O(n) calls of `transform`, spread over the cores.
public func parallelMap<T: Sendable, R: Sendable>(
    _ items: [T], slices: Int? = nil,
    progress: (@Sendable (Int) -> Void)? = nil, _ transform: @escaping @Sendable (T) -> R
) async -> [R] {
    guard items.count > 1024 else {
        let out = items.map(transform)
        progress?(items.count)
        return out
    }
    let sliceCount = max(1, min(slices ?? ProcessInfo.processInfo.activeProcessorCount * 4, items.count / 256))
    let size = (items.count + sliceCount - 1) / sliceCount
    return await withTaskGroup(of: (Int, [R]).self) { group in
        for slice in 0..<sliceCount {
            let range = (slice * size)..<min(items.count, (slice + 1) * size)
            if range.isEmpty { continue }
            group.addTask {
                var out: [R] = []
                out.reserveCapacity(range.count)
                var pending = 0
                for index in range {
                    out.append(transform(items[index]))
                    pending += 1
                    if pending == 1024, let progress {
                        progress(pending)
                        pending = 0
                    }
                }
                if pending > 0 { progress?(pending) }
                return (slice, out)
            }
        }
        var parts = [[R]](repeating: [], count: sliceCount)
        for await (slice, out) in group { parts[slice] = out }
        return parts.flatMap { $0 }
    }
}

/// Maps `items` on every core in contiguous slices, each slice by one call of `transform` (which
/// may keep state across its slice), keeping order.
/// - Complexity: O(n) work of `transform`, spread over the cores.
public func parallelSlices<T: Sendable, R: Sendable>(
    _ items: [T], slices: Int? = nil, _ transform: @escaping @Sendable (ArraySlice<T>) -> [R]
) async -> [R] {
    let sliceCount = max(1, min(slices ?? ProcessInfo.processInfo.activeProcessorCount * 4, items.count / 256))
    guard sliceCount > 1 else { return transform(items[...]) }
    let size = (items.count + sliceCount - 1) / sliceCount
    return await withTaskGroup(of: (Int, [R]).self) { group in
        for slice in 0..<sliceCount {
            let range = (slice * size)..<min(items.count, (slice + 1) * size)
            if range.isEmpty { continue }
            group.addTask { (slice, transform(items[range])) }
        }
        var parts = [[R]](repeating: [], count: sliceCount)
        for await (slice, out) in group { parts[slice] = out }
        return parts.flatMap { $0 }
    }
}

/// Produces items `0..<count` on up to `concurrency` child tasks at once and hands them to
/// `consume` one at a time, in order, while the next ones are being produced: the pattern of a
/// pipeline whose last stage is sequential (an index builder, a file writer). At most
/// `2 × concurrency` produced items wait at once; `concurrency` defaults to one per core.
/// - Complexity: O(count) calls of each closure.
public func produceInOrder<Item: Sendable>(
    count: Int, concurrency: Int? = nil,
    isolation: isolated (any Actor)? = #isolation,
    produce: @escaping @Sendable (Int) -> Item, consume: (Item) async throws -> Void
) async throws {
    let concurrency = max(1, concurrency ?? ProcessInfo.processInfo.activeProcessorCount)
    try await withThrowingTaskGroup(of: (Int, Item).self, isolation: isolation) { group in
        var launched = 0
        var delivered = 0
        var waiting: [Int: Item] = [:]
        func launchMore() {
            while launched < count, launched - delivered < 2 * concurrency,
                launched - delivered - waiting.count < concurrency
            {
                let n = launched
                group.addTask { (n, produce(n)) }
                launched += 1
            }
        }
        launchMore()
        while delivered < count, let (n, item) = try await group.next() {
            waiting[n] = item
            while let next = waiting.removeValue(forKey: delivered) {
                try await consume(next)
                delivered += 1
                launchMore()
            }
        }
    }
}
