import Benchmark
import GatehouseCore

/// Micro-benchmarks of the linkage hot paths, with allocation counts so that a regression shows
/// even on a noisy machine. Metrics marked `*` in the output are per inner iteration (one line,
/// one name, one pair, one request).
let benchmarks: @Sendable () -> Void = {
    let metrics: [BenchmarkMetric] = [.wallClock, .cpuTotal, .mallocCountTotal, .throughput]
    let perItem = Benchmark.Configuration(metrics: metrics, scalingFactor: .kilo, maxDuration: .seconds(2))

    Benchmark("AddressParser.parse(line1:line2:)", configuration: perItem) { benchmark in
        let lines = Fixtures.addressLines
        benchmark.startMeasurement()
        for i in benchmark.scaledIterations {
            let (line1, line2) = lines[i % lines.count]
            blackHole(AddressParser.parse(line1: line1, line2: line2))
        }
    }

    Benchmark("PersonName(given:middle:surname:)", configuration: perItem) { benchmark in
        let names = Fixtures.names
        benchmark.startMeasurement()
        for i in benchmark.scaledIterations {
            let name = names[i % names.count]
            blackHole(PersonName(given: name.given, middle: name.middle, surname: name.surname))
        }
    }

    Benchmark("TextFolding.fold", configuration: perItem) { benchmark in
        let names = Fixtures.names
        benchmark.startMeasurement()
        for i in benchmark.scaledIterations {
            blackHole(TextFolding.fold(names[i % names.count].surname))
        }
    }

    Benchmark("StringSimilarity.jaroWinkler (bytes)", configuration: perItem) { benchmark in
        let pairs = Fixtures.namePairs
        benchmark.startMeasurement()
        for i in benchmark.scaledIterations {
            let (lhs, rhs) = pairs[i % pairs.count]
            lhs.withUnsafeBufferPointer { l in
                rhs.withUnsafeBufferPointer { r in blackHole(StringSimilarity.jaroWinkler(l, r)) }
            }
        }
    }

    Benchmark("StringSimilarity.withinOneEdit (bytes)", configuration: perItem) { benchmark in
        let pairs = Fixtures.namePairs
        benchmark.startMeasurement()
        for i in benchmark.scaledIterations {
            let (lhs, rhs) = pairs[i % pairs.count]
            lhs.withUnsafeBufferPointer { l in
                rhs.withUnsafeBufferPointer { r in blackHole(StringSimilarity.withinOneEdit(l, r)) }
            }
        }
    }

    Benchmark(
        "Matcher.match one request (20k people, statutory)",
        configuration: .init(metrics: metrics, maxDuration: .seconds(3))
    ) { benchmark in
        let store = Fixtures.store
        benchmark.startMeasurement()
        for i in benchmark.scaledIterations {
            blackHole(store.matcher.match(store.requests[i % store.requests.count], policy: .statutory, explain: false))
        }
    }

    Benchmark(
        "RecordIndexBuilder 20k people",
        configuration: .init(metrics: metrics + [.peakMemoryResident], maxDuration: .seconds(5), maxIterations: 10)
    ) { benchmark in
        let records = Fixtures.records
        benchmark.startMeasurement()
        var builder = RecordIndexBuilder()
        for record in records { builder.add(record) }
        blackHole(builder.build())
    }
}
