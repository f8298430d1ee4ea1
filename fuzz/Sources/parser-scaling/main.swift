import Foundation
import GatehouseCSV
import GatehouseCore
import GatehouseStore

// Each parser on adversarial inputs of size n and 16n: a linear parser takes about 16 times as
// long on the larger one; a ratio far above that is superlinear. Prints one line per case and
// exits 1 when a ratio exceeds 40 (16 × 2.5, room for the machine's noise).

func seconds(_ body: () -> Void) -> Double {
    let start = ContinuousClock.now
    body()
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

/// The best of three runs.
func best(_ body: () -> Void) -> Double { (0..<3).map { _ in seconds(body) }.min()! }

let directory = NSTemporaryDirectory() + "parser-scaling-\(getpid())"
try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: directory) }

func csvFile(_ body: String, _ name: String) -> String {
    let path = directory + "/" + name
    FileManager.default.createFile(
        atPath: path,
        contents: Data(("request_id,given_name,surname,address_line1,postcode,case_reference\n" + body).utf8))
    return path
}

struct Case {
    var name: String
    var make: (Int) -> () -> Void
}

let header = "request_id,given_name,surname,address_line1,postcode,case_reference\n"
let cases: [Case] = [
    Case(name: "CSV: one row per line") { n in
        let path = csvFile(String(repeating: "Q1,Ana,Lee,1 Main St,62701,C-1\n", count: n), "rows-\(n).csv")
        return { _ = Array(try! RequestsReader(path: path)) }
    },
    Case(name: "CSV: one huge quoted cell") { n in
        let path = csvFile("Q1,\"" + String(repeating: "a\"\"b,", count: n) + "\",Lee,1 Main St,62701,C-1\n", "cell-\(n).csv")
        return { _ = Array(try! RequestsReader(path: path)) }
    },
    Case(name: "CSV: unbalanced quotes on every line") { n in
        let path = csvFile(String(repeating: "Q1,\"Ana,Lee,1 Main St,62701,C-1\n", count: n), "quotes-\(n).csv")
        return { _ = Array(try! RequestsReader(path: path)) }
    },
    Case(name: "CSV: chunked reader, stray quotes") { n in
        let path = csvFile(String(repeating: "Q1,An\"a,Lee,1 Main St,62701,C-1\n", count: n), "chunks-\(n).csv")
        return {
            let chunks = try! RequestsChunks(path: path, chunkBytes: 4096)
            for chunk in 0..<chunks.count { _ = chunks.rows(chunk) }
        }
    },
    Case(name: "address: a long line of words") { n in
        let line = String(repeating: "123 NORTH MAIN STREET APT 4 ", count: n / 8)
        return { _ = AddressParser.parse(line1: line) }
    },
    Case(name: "address: a long line of digits and units") { n in
        let line = String(repeating: "# 12-B ", count: n / 4)
        return { _ = AddressParser.parse(line1: line, line2: line) }
    },
    Case(name: "name: many tokens") { n in
        let surname = String(repeating: "DE LA CRUZ-", count: n / 8)
        return { _ = PersonName(given: "MARIA JOSE", middle: "", surname: surname) }
    },
    Case(name: "YAML: a long flow list") { n in
        let yaml = "id: a\nversion: 1\nlegal_basis: [" + String(repeating: "x, ", count: n / 4) + "x]\n"
        return { _ = try? DocumentFiles.agreement(yaml: yaml, name: "a.yaml") }
    },
    Case(name: "ledger entry decoder") { n in
        let entry = LedgerEntry(
            sequence: 1, timestamp: LedgerTimestamp(millisecondsSince1970: 0),
            event: .release(.init(batchID: "B", requestID: "Q", fields: Array(repeating: "address_line1", count: n / 4))))
        let bytes = entry.encoded
        return { _ = try? LedgerEntry(decoding: bytes) }
    },
]

var worst = 0.0
let small = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 4_000
for item in cases {
    let a = item.make(small)
    let b = item.make(small * 16)
    _ = seconds(a)
    let t1 = best(a)
    let t16 = best(b)
    let ratio = t16 / max(t1, 1e-9)
    worst = max(worst, ratio)
    print(String(format: "%-40@ n=%6d: %9.5f s   16n: %9.5f s   ratio %6.1f", item.name as NSString, small, t1, t16, ratio))
}
print(String(format: "worst ratio %.1f (linear: 16)", worst))
exit(worst > 40 ? 1 : 0)
