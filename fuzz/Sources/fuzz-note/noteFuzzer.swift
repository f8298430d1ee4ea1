import FuzzSupport
import GatehouseCore

// Signed notes, checkpoints and note keys: parsed or refused; a parsed note, serialized and
// parsed again, is the same note.
func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = FuzzInput(data, size).text
    if let note = try? SignedNote(parsing: text) {
        let again = try? SignedNote(parsing: note.serialized)
        fuzzCheck(again?.serialized == note.serialized, "a signed note does not round-trip")
        _ = try? Checkpoint(parsing: note.text)
    }
    _ = try? Checkpoint(parsing: text)
    _ = try? NoteVerifier(parsing: text)
    _ = try? NoteSigner(parsing: text)
    _ = LedgerAudit.checkpoint(note: text, key: "example.gov/gatehouse+54e9b953+ASioYeXwgHLBd9uO5jJmGKRvtT9gxia1lv82bOaztPP4")
    return 0
}

/// The entry point SwiftPM gives this executable (`fuzz_note_main`): libFuzzer's driver over `fuzzOne`.
@_cdecl("fuzz_note_main")
public func entry(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    runFuzzer(argc, argv) { data, size in
        guard let data else { return 0 }
        return fuzzOne(data, size)
    }
}
