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
