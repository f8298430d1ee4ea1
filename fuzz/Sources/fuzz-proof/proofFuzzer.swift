import FuzzSupport
import GatehouseCore

// Proof and entry parsers: the verify commands' arguments and the ledger entry decoder.
// A decoded entry encodes back to exactly its bytes (the encoding is canonical).
func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = FuzzInput(data, size)
    if let entry = try? LedgerEntry(decoding: input.bytes) {
        fuzzCheck(entry.encoded == input.bytes, "a decoded entry does not encode to its bytes")
    }
    let f = input.fields(5)
    _ = LedgerAudit.inclusion(leafHash: f[0], index: f[1], size: f[2], root: f[3], proof: f[4])
    _ = LedgerAudit.consistency(size1: f[1], size2: f[2], root1: f[0], root2: f[3], proof: f[4])
    return 0
}

/// The entry point SwiftPM gives this executable (`fuzz_proof_main`): libFuzzer's driver over `fuzzOne`.
@_cdecl("fuzz_proof_main")
public func entry(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    runFuzzer(argc, argv) { data, size in
        guard let data else { return 0 }
        return fuzzOne(data, size)
    }
}
