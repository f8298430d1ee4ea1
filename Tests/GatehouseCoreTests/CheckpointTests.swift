import Foundation
import GatehouseCore
import Testing

enum TestKeys {
    /// A fixed key for golden files; never use it for a real log.
    static let signer = try! NoteSigner(
        name: "example.gov/gatehouse", seed: Hash32.sha256(utf8: "gatehouse ledger test key").bytes)
    static let other = try! NoteSigner(
        name: "example.gov/gatehouse", seed: Hash32.sha256(utf8: "another key").bytes)

    /// The signed-note example from the Go reference implementation (golang.org/x/mod/sumdb/note).
    static let goVerifier = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
    static let goSigner = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
    static let goText =
        "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n"
    static let goNote =
        goText
        + "\n\u{2014} PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"
}

func fixture(_ name: String, _ ext: String) throws -> String {
    let url = try #require(Bundle.module.url(forResource: "Fixtures/ledger/\(name)", withExtension: ext))
    return try String(contentsOf: url, encoding: .utf8)
}

@Suite struct CheckpointTests {
    let checkpoint = Checkpoint(
        origin: "example.gov/gatehouse", size: 8,
        root: Hash32(hex: "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328")!)

    @Test func bodyFormat() throws {
        #expect(checkpoint.text == "example.gov/gatehouse\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n")
        #expect(try Checkpoint(parsing: checkpoint.text) == checkpoint)
        let withExtension = Checkpoint(origin: "o", size: 0, root: Merkle.emptyRoot, extensions: ["note: x"])
        #expect(try Checkpoint(parsing: withExtension.text) == withExtension)
    }

    @Test func signsAndVerifies() throws {
        let note = try checkpoint.signed(by: TestKeys.signer).serialized
        #expect(try Checkpoint.verified(note: note, by: TestKeys.signer.verifier) == checkpoint)
    }

    /// The golden note pins the text format; Ed25519 here is deterministic (RFC 8032),
    /// but only the text and the signature line's prefix are compared to a fresh one,
    /// since platform crypto may randomize signatures.
    @Test func goldenNote() throws {
        let fresh = try checkpoint.signed(by: TestKeys.signer).serialized
        if let target = ProcessInfo.processInfo.environment["GATEHOUSE_WRITE_LEDGER_GOLDEN_NOTE"] {
            try fresh.write(toFile: target, atomically: true, encoding: .utf8)
        }
        let golden = try fixture("checkpoint", "note")
        let verifierKey = try fixture("checkpoint", "vkey").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(verifierKey == TestKeys.signer.verifier.keyString)
        let verifier = try NoteVerifier(parsing: verifierKey)
        #expect(try Checkpoint.verified(note: golden, by: verifier) == checkpoint)
        let prefix = checkpoint.text + "\n\u{2014} example.gov/gatehouse "
        #expect(golden.hasPrefix(prefix))
        #expect(fresh.hasPrefix(prefix))
        #expect(golden.utf8.count == fresh.utf8.count)
    }

    @Test func tamperedBodyFails() throws {
        let note = try checkpoint.signed(by: TestKeys.signer).serialized
        for (from, to) in [
            ("\n8\n", "\n9\n"), ("Xcnae", "Ycnae"), ("example.gov/gatehouse\n8", "example.org/gatehouse\n8"),
        ] {
            let tampered = note.replacingOccurrences(of: from, with: to)
            let error = #expect(throws: LedgerError.self) {
                try Checkpoint.verified(note: tampered, by: TestKeys.signer.verifier)
            }
            #expect(error?.code == .invalidSignature)
        }
    }

    @Test func wrongKeyFails() throws {
        let note = try checkpoint.signed(by: TestKeys.other).serialized
        // Same name, different key: another key ID, so no known signature.
        let error = #expect(throws: LedgerError.self) {
            try Checkpoint.verified(note: note, by: TestKeys.signer.verifier)
        }
        #expect(error?.code == .noKnownSignature)
        // A forged line that claims the right key ID but carries another key's signature.
        let forged = try SignedNote(parsing: note)
        var lines = forged.signatures
        lines[0].keyID = TestKeys.signer.keyID
        let forgedText = forged.text + "\n" + lines.map(\.line).joined()
        let forgedError = #expect(throws: LedgerError.self) {
            try Checkpoint.verified(note: forgedText, by: TestKeys.signer.verifier)
        }
        #expect(forgedError?.code == .invalidSignature)
    }

    @Test func unknownSignaturesAreIgnored() throws {
        let note = try SignedNote.sign(text: checkpoint.text, with: [TestKeys.goSignerKey, TestKeys.signer]).serialized
        #expect(try Checkpoint.verified(note: note, by: TestKeys.signer.verifier) == checkpoint)
        let goOnly = try SignedNote.sign(text: checkpoint.text, with: [TestKeys.goSignerKey]).serialized
        let error = #expect(throws: LedgerError.self) {
            try Checkpoint.verified(note: goOnly, by: TestKeys.signer.verifier)
        }
        #expect(error?.code == .noKnownSignature)
    }

    @Test func goReferenceNoteVerifies() throws {
        let verifier = try NoteVerifier(parsing: TestKeys.goVerifier)
        #expect(verifier.keyString == TestKeys.goVerifier)
        let signer = try NoteSigner(parsing: TestKeys.goSigner)
        #expect(signer.keyString == TestKeys.goSigner)
        #expect(signer.verifier == verifier)
        let note = try SignedNote(parsing: TestKeys.goNote)
        #expect(note.text == TestKeys.goText)
        try note.verify(with: verifier)
        #expect(note.serialized == TestKeys.goNote)
        let resigned = try SignedNote.sign(text: TestKeys.goText, with: [signer])
        try resigned.verify(with: verifier)
        #if os(Linux)
            #expect(resigned.serialized == TestKeys.goNote)
        #endif
    }

    @Test(arguments: [
        (
            "no blank line",
            "example.gov/gatehouse\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n\u{2014} a AAAAAAA=\n"
        ),
        ("no signatures", "o\n1\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n\n"),
        ("hyphen, not em dash", "o\n1\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n\n- a AAAAAAA=\n"),
        ("short signature", "o\n1\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n\n\u{2014} a AAAA\n"),
        ("bad base64", "o\n1\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n\n\u{2014} a AAAA!AAA\n"),
        ("no final newline", "o\n1\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n\n\u{2014} a AAAAAAA="),
        ("size with leading zero", "o\n08\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n\n\u{2014} a AAAAAAA=\n"),
        ("negative size", "o\n-8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n\n\u{2014} a AAAAAAA=\n"),
        ("short root", "o\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQ==\n\n\u{2014} a AAAAAAA=\n"),
        ("two lines", "o\n8\n\n\u{2014} a AAAAAAA=\n"),
        ("carriage return", "o\r\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n\n\u{2014} a AAAAAAA=\n"),
    ])
    func malformedNotesAreRejected(label: String, note: String) {
        let error = #expect(throws: LedgerError.self, "\(label)") {
            try Checkpoint.verified(note: note, by: TestKeys.signer.verifier)
        }
        #expect(error?.code == .malformed, "\(label): \(error?.context ?? "")")
    }

    @Test(arguments: [
        "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",  // wrong id
        "PeterNeumann+c74f20a3+ApGc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",  // wrong algorithm
        "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10T",  // bad base64
        "PeterNeumann+c74f20a3",
        "Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz",
    ])
    func malformedVerifierKeysAreRejected(key: String) {
        let error = #expect(throws: LedgerError.self) { try NoteVerifier(parsing: key) }
        #expect(error?.code == .malformed)
    }

    @Test func generatedKeysRoundTripAndNeverPrintTheSecret() throws {
        let signer = try NoteSigner.generate(name: "tax.example.gov/gatehouse")
        let parsed = try NoteSigner(parsing: signer.keyString)
        #expect(parsed.verifier == signer.verifier)
        #expect(try NoteVerifier(parsing: signer.verifier.keyString) == signer.verifier)
        let secret = String(signer.keyString.split(separator: "+").last!)
        #expect(!"\(signer)".contains(secret))
        #expect(!String(reflecting: signer).contains(secret))
        #expect(throws: LedgerError.self) { try NoteSigner.generate(name: "has space") }
    }
}

extension TestKeys {
    static var goSignerKey: NoteSigner { try! NoteSigner(parsing: goSigner) }
}
