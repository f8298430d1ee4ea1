import FuzzSupport
import GatehouseCore

// The gate on any request, under every built-in profile: no crash; a request without a given
// name or a surname is never sufficient under the statutory profile.
func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let f = FuzzInput(data, size).fields(11)
    let request = Request(
        requestID: "F", tin: f[0], givenName: f[1], middleName: f[2], surname: f[3], birthDate: f[4],
        address: PostalAddress(line1: f[5], line2: f[6], city: f[7], state: f[8], postcode: f[9]),
        caseReference: f[10])
    let statutory = Gate.findings(for: request, profile: .statutory)
    if f[1].allSatisfy({ $0 == " " }) || f[3].allSatisfy({ $0 == " " }) {
        fuzzCheck(!statutory.isEmpty, "a request without a name passed the statutory gate")
    }
    for name in ["linkage", "legacy-zip-only"] {
        if let profile = SufficiencyProfile.named(name) { _ = Gate.findings(for: request, profile: profile) }
    }
    return 0
}

/// The entry point SwiftPM gives this executable (`fuzz_gate_main`): libFuzzer's driver over `fuzzOne`.
@_cdecl("fuzz_gate_main")
public func entry(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    runFuzzer(argc, argv) { data, size in
        guard let data else { return 0 }
        return fuzzOne(data, size)
    }
}
