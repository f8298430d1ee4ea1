import FuzzSupport
import GatehouseCore

// The address parser on any two lines: no crash, and the same answer twice.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let fields = FuzzInput(data, size).fields(2)
    let first = AddressParser.parse(line1: fields[0], line2: fields[1])
    let second = AddressParser.parse(line1: fields[0], line2: fields[1])
    fuzzCheck("\(first)" == "\(second)", "the parser is not deterministic")
    return 0
}
