/// The offline checks an auditor runs with nothing but hashes, a checkpoint and a public
/// key: the logic behind `gatehouse ledger verify-inclusion`, `verify-consistency` and
/// `verify-checkpoint`, taking the arguments as typed.
public enum LedgerAudit {
    /// The outcome of one check, with the process exit code it maps to.
    public enum Verdict: Sendable, Hashable {
        /// The proof or signature holds; the lines say what was established.
        case valid([String])
        /// Well-formed input that does not verify, and why.
        case invalid(String)
        /// Input that could not be read, and why.
        case malformed(String)

        /// 0 valid, 1 invalid, 2 malformed.
        public var exitCode: Int32 {
            switch self {
            case .valid: 0
            case .invalid: 1
            case .malformed: 2
            }
        }

        /// What to print: `valid` and its details, `invalid: why`, or `malformed input: why`.
        public var message: String {
            switch self {
            case .valid(let lines): (["valid"] + lines).joined(separator: "\n")
            case .invalid(let why): "invalid: \(why)"
            case .malformed(let why): "malformed input: \(why)"
            }
        }

        init(_ error: LedgerError) {
            self = error.isMalformed ? .malformed(error.context) : .invalid(error.context)
        }
    }

    /// Checks an inclusion proof given as command-line text.
    public static func inclusion(
        leafHash: String, index: String, size: String, root: String, proof: String
    ) -> Verdict {
        do throws(LedgerError) {
            let leaf = try parseHash(leafHash, option: "--leaf-hash")
            let index = try parseCount(index, option: "--index")
            let size = try parseCount(size, option: "--size")
            let root = try parseHash(root, option: "--root")
            let proof = try parseProof(proof)
            try Merkle.verifyInclusion(leafHash: leaf, index: index, size: size, proof: proof, root: root)
            return .valid([
                "entry \(index) with leaf hash \(leaf.hex) is in the tree of \(size) entries with root \(root.hex)"
            ])
        } catch {
            return Verdict(error)
        }
    }

    /// Checks a consistency proof given as command-line text.
    public static func consistency(
        size1: String, size2: String, root1: String, root2: String, proof: String
    ) -> Verdict {
        do throws(LedgerError) {
            let size1 = try parseCount(size1, option: "--size1")
            let size2 = try parseCount(size2, option: "--size2")
            let root1 = try parseHash(root1, option: "--root1")
            let root2 = try parseHash(root2, option: "--root2")
            let proof = try parseProof(proof)
            try Merkle.verifyConsistency(size1: size1, size2: size2, proof: proof, root1: root1, root2: root2)
            return .valid([
                "the tree of \(size2) entries with root \(root2.hex) extends the tree of \(size1) entries with root \(root1.hex)"
            ])
        } catch {
            return Verdict(error)
        }
    }

    /// Checks a signed checkpoint note against a verifier key string.
    public static func checkpoint(note: String, key: String) -> Verdict {
        do throws(LedgerError) {
            let verifier: NoteVerifier
            do throws(LedgerError) {
                verifier = try NoteVerifier(parsing: key.trimmingASCIIWhitespace())
            } catch {
                throw LedgerError(.malformed, "--key: \(error.context)")
            }
            let checkpoint = try Checkpoint.verified(note: note, by: verifier)
            return .valid([
                "origin \(checkpoint.origin)",
                "size \(checkpoint.size)",
                "root \(checkpoint.root.hex)",
                "signed by \(verifier.name)+\(NoteKeyName.hexID(verifier.keyID))",
            ])
        } catch {
            return Verdict(error)
        }
    }

    /// Parses a 64-digit hexadecimal hash.
    public static func parseHash(_ text: String, option: String) throws(LedgerError) -> Hash32 {
        let trimmed = text.trimmingASCIIWhitespace()
        guard trimmed.utf8.count == 64 else {
            throw LedgerError(
                .malformed,
                "\(option) must be 64 hexadecimal digits (a SHA-256 hash), not \(trimmed.utf8.count) characters")
        }
        guard let hash = Hash32(hex: trimmed) else {
            throw LedgerError(.malformed, "\(option) holds a character that is not a hexadecimal digit")
        }
        return hash
    }

    /// Parses a non-negative decimal number.
    public static func parseCount(_ text: String, option: String) throws(LedgerError) -> Int {
        let trimmed = text.trimmingASCIIWhitespace()
        guard !trimmed.isEmpty, trimmed.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let value = Int(trimmed) else {
            throw LedgerError(.malformed, "\(option) must be a whole number of 0 or more")
        }
        return value
    }

    /// Parses a proof: hashes in hexadecimal separated by commas; `""` is the empty proof.
    public static func parseProof(_ text: String) throws(LedgerError) -> [Hash32] {
        let trimmed = text.trimmingASCIIWhitespace()
        if trimmed.isEmpty { return [] }
        var result: [Hash32] = []
        for (position, part) in trimmed.split(separator: ",", omittingEmptySubsequences: false).enumerated() {
            result.append(try parseHash(String(part), option: "--proof element \(position + 1)"))
        }
        return result
    }
}

extension String {
    /// The string without leading and trailing ASCII spaces, tabs and line breaks.
    func trimmingASCIIWhitespace() -> String {
        let utf8 = Array(self.utf8)
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0a || b == 0x0d }
        guard let first = utf8.firstIndex(where: { !isSpace($0) }),
            let last = utf8.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(decoding: utf8[first...last], as: UTF8.self)
    }
}
