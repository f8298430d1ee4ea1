import FuzzSupport
import Foundation
import GatehouseCSV

// The streaming reader and the chunked reader must read any file to the same rows, without
// crashing; the header and a row never lose a line.
let path = NSTemporaryDirectory() + "fuzz-csv-\(getpid()).csv"

func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = FuzzInput(data, size)
    guard FileManager.default.createFile(atPath: path, contents: Data(input.bytes)) else { return 0 }
    let streamed: [RequestRow]
    do {
        let reader = try RequestsReader(path: path)
        streamed = Array(reader)
        try? reader.finish()
    } catch {
        // A refused file must be refused by both readers alike.
        fuzzCheck((try? RequestsChunks(path: path)) == nil, "the chunked reader read a file the streaming one refused")
        return 0
    }
    for chunkBytes in [1, 7, 4096] {
        guard let chunks = try? RequestsChunks(path: path, chunkBytes: chunkBytes) else {
            fuzzCheck(false, "the chunked reader refused a file the streaming one read")
            return 0
        }
        let chunked = (0..<chunks.count).flatMap { chunks.rows($0) }
        fuzzCheck(chunked == streamed, "chunked (\(chunkBytes)) and streamed rows differ")
    }
    _ = try? RecordsReader(path: path).map { $0 }
    return 0
}

/// The entry point SwiftPM gives this executable (`fuzz_csv_main`): libFuzzer's driver over `fuzzOne`.
@_cdecl("fuzz_csv_main")
public func entry(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    runFuzzer(argc, argv) { data, size in
        guard let data else { return 0 }
        return fuzzOne(data, size)
    }
}
