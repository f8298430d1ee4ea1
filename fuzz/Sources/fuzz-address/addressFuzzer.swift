import FuzzSupport
import GatehouseCore

// The address parser on any two lines: no crash, and the same answer twice.
func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let fields = FuzzInput(data, size).fields(2)
    let first = AddressParser.parse(line1: fields[0], line2: fields[1])
    let second = AddressParser.parse(line1: fields[0], line2: fields[1])
    fuzzCheck("\(first)" == "\(second)", "the parser is not deterministic")
    return 0
}

/// The entry point SwiftPM gives this executable (`fuzz_address_main`): libFuzzer's driver over `fuzzOne`.
@_cdecl("fuzz_address_main")
public func entry(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    runFuzzer(argc, argv) { data, size in
        guard let data else { return 0 }
        return fuzzOne(data, size)
    }
}
