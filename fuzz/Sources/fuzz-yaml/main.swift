import FuzzSupport
import GatehouseStore

// The document loaders (agreements, court orders, manifests) on any text: a document or a
// DocumentFileError, never a crash, a hang or unbounded memory (YAMLLimits).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = FuzzInput(data, size).text
    _ = try? DocumentFiles.agreement(yaml: text, name: "fuzz.yaml")
    _ = try? DocumentFiles.courtOrder(yaml: text, name: "fuzz.yaml")
    _ = try? DocumentFiles.manifest(yaml: text, name: "fuzz.yaml")
    return 0
}
