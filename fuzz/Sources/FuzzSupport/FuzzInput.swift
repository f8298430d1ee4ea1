/// The bytes libFuzzer hands a target, and ways to cut them into the values a parser takes.
public struct FuzzInput {
    public let bytes: [UInt8]

    public init(_ data: UnsafePointer<UInt8>, _ size: Int) {
        bytes = Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// The bytes as text (invalid UTF-8 repaired, as a file read leniently would be).
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The text cut at 0x1F (unit separator) into exactly `count` fields (missing ones empty).
    public func fields(_ count: Int) -> [String] {
        var parts = bytes.split(separator: 0x1F, omittingEmptySubsequences: false).map {
            String(decoding: $0, as: UTF8.self)
        }
        while parts.count < count { parts.append("") }
        return Array(parts.prefix(count))
    }
}

/// Stops the process with a message libFuzzer reports as a crash, when a property fails.
public func fuzzCheck(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("fuzz property failed: \(message())") }
}

/// libFuzzer's driver (`-sanitize=fuzzer` links it). SwiftPM makes an executable's entry point
/// `<module>_main`; each target defines that symbol and hands the process to the driver.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

/// Runs libFuzzer over `body` with the process's arguments.
public func runFuzzer(
    _ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>,
    _ body: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32 {
    var count = argc
    var vector: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return LLVMFuzzerRunDriver(&count, &vector, body)
}
