import Benchmark
import CSVUnderTest
import Foundation

/// CSV parsing over a generated Records file (GatehouseCSV's `CSVReader`, compiled here from the
/// main package's sources; see Package.swift). Throughput and allocations are per row.
let benchmarks: @Sendable () -> Void = {
    Benchmark(
        "CSVReader rows (Records CSV, 20k rows)",
        configuration: .init(
            metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .throughput],
            scalingFactor: .kilo, maxDuration: .seconds(3))
    ) { benchmark in
        let path = GeneratedCSV.recordsFile
        benchmark.startMeasurement()
        var rows = 0
        // scaledIterations counts rows: read the file as many times as needed.
        while rows < benchmark.scaledIterations.count {
            guard let reader = try? CSVReader(path: path) else { fatalError("cannot open \(path)") }
            while rows < benchmark.scaledIterations.count, let row = reader.next() {
                blackHole(row)
                rows += 1
            }
        }
    }
}

/// A Records CSV of 20,000 rows written once to the temporary directory: quoted cells, commas
/// and doubled quotes inside quotes, accents, empty cells.
enum GeneratedCSV {
    static let recordsFile: String = {
        let path = NSTemporaryDirectory() + "gatehouse-bench-records-\(getpid()).csv"
        var text = "record_id,tin,given_name,middle_name,surname,birth_date,address_line1,address_line2,city,state,postcode,address_as_of\n"
        let given = ["James", "María José", "Zoë", "Robert", "Nguyễn", "Seán", "Aaliyah", "Carlos"]
        let surnames = ["Smith", "García López", "O'Brien", "\"The Rock\" Johnson", "Müller", "de la Cruz"]
        let streets = ["Main St", "Oak Avenue", "Calle Sol", "Martin Luther King Jr Blvd", "Hwy 50"]
        var state: UInt64 = 7
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        func quoted(_ value: String) -> String {
            value.contains(",") || value.contains("\"") ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
        }
        for number in 0..<20_000 {
            let line2 = next(4) == 0 ? "Apt \(1 + next(40)), Bldg \(1 + next(5))" : ""
            let cells = [
                "R\(number)", String(100_000_000 + next(899_999_999)), given[next(given.count)],
                next(2) == 0 ? "" : given[next(given.count)], surnames[next(surnames.count)],
                "19\(40 + next(60))-0\(1 + next(9))-1\(next(9))", "\(1 + next(9_000)) \(streets[next(streets.count)])",
                line2, "Springfield", "IL", "6270\(next(10))", "2024-01-01",
            ]
            text += cells.map(quoted).joined(separator: ",") + "\n"
        }
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }()
}
