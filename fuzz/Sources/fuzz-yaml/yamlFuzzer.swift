import FuzzSupport
import GatehouseStore

// The document loaders (agreements, court orders, manifests) on any text: a document or a
// DocumentFileError, never a crash, a hang or unbounded memory (YAMLLimits).
func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = FuzzInput(data, size).text
    _ = try? DocumentFiles.agreement(yaml: text, name: "fuzz.yaml")
    _ = try? DocumentFiles.courtOrder(yaml: text, name: "fuzz.yaml")
    _ = try? DocumentFiles.manifest(yaml: text, name: "fuzz.yaml")
    return 0
}

/// The entry point SwiftPM gives this executable (`fuzz_yaml_main`): libFuzzer's driver over `fuzzOne`.
@_cdecl("fuzz_yaml_main")
public func entry(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    runFuzzer(argc, argv) { data, size in
        guard let data else { return 0 }
        return fuzzOne(data, size)
    }
}
