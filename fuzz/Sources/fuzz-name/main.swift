import FuzzSupport
import GatehouseCore

// Name parsing (given, middle, surname as a requester writes them): no crash, deterministic.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let fields = FuzzInput(data, size).fields(3)
    let first = PersonName(given: fields[0], middle: fields[1], surname: fields[2])
    let second = PersonName(given: fields[0], middle: fields[1], surname: fields[2])
    fuzzCheck("\(first)" == "\(second)", "the name parser is not deterministic")
    return 0
}
