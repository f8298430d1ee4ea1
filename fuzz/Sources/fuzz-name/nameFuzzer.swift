import FuzzSupport
import GatehouseCore

// Name parsing (given, middle, surname as a requester writes them): no crash, deterministic.
func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let fields = FuzzInput(data, size).fields(3)
    let first = PersonName(given: fields[0], middle: fields[1], surname: fields[2])
    let second = PersonName(given: fields[0], middle: fields[1], surname: fields[2])
    fuzzCheck("\(first)" == "\(second)", "the name parser is not deterministic")
    return 0
}

/// The entry point SwiftPM gives this executable (`fuzz_name_main`): libFuzzer's driver over `fuzzOne`.
@_cdecl("fuzz_name_main")
public func entry(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    runFuzzer(argc, argv) { data, size in
        guard let data else { return 0 }
        return fuzzOne(data, size)
    }
}
