public import GatehouseCore
import Foundation

/// The ledger's signing key pair in a workspace's `keys/` folder:
/// `ledger.key` (the signer key string, secret, mode 0600) and `ledger.pub` (the verifier
/// key string, public). The key's name is the log's origin, e.g. `gatehouse.local/<id>`.
public enum LedgerKeys {
    /// The signer key's file name.
    public static let signerFileName = "ledger.key"
    /// The verifier key's file name.
    public static let verifierFileName = "ledger.pub"

    /// Makes a new Ed25519 key pair named `name` and writes both files into `directory`
    /// (created, mode 0700, when absent).
    ///
    /// - Returns: The signer.
    /// - Throws: ``LedgerStoreError/Code/keyExists`` when either file exists (keys are never
    ///   overwritten); ``LedgerStoreError/Code/keyInvalid`` for a name with `+` or spaces;
    ///   ``LedgerStoreError/Code/keyMissing`` when the files cannot be written.
    @discardableResult
    public static func create(in directory: String, name: String) throws -> NoteSigner {
        let signer: NoteSigner
        do {
            signer = try NoteSigner.generate(name: name)
        } catch {
            throw LedgerStoreError(.keyInvalid, "cannot make a ledger key named \(name): \(error.context)")
        }
        let files = FileManager.default
        let secret = path(directory, signerFileName)
        let verifier = path(directory, verifierFileName)
        for file in [secret, verifier] where files.fileExists(atPath: file) {
            throw LedgerStoreError(.keyExists, "\(file) already exists; a ledger key is never overwritten")
        }
        do {
            try files.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw LedgerStoreError(.keyMissing, "cannot create \(directory): \(error.localizedDescription)")
        }
        // The secret file is created with mode 0600, never readable by others even briefly.
        guard
            files.createFile(
                atPath: secret, contents: Data((signer.keyString + "\n").utf8), attributes: [.posixPermissions: 0o600]),
            files.createFile(
                atPath: verifier, contents: Data((signer.verifier.keyString + "\n").utf8),
                attributes: [.posixPermissions: 0o644])
        else {
            throw LedgerStoreError(.keyMissing, "cannot write the ledger key files in \(directory)")
        }
        return signer
    }

    /// Reads the signer key from `directory`.
    ///
    /// - Throws: ``LedgerStoreError/Code/keyMissing`` when `ledger.key` is absent;
    ///   ``LedgerStoreError/Code/keyInvalid`` when it is not a signer key string or does
    ///   not match `ledger.pub`.
    public static func load(from directory: String) throws -> NoteSigner {
        let text = try read(path(directory, signerFileName))
        let signer: NoteSigner
        do {
            signer = try NoteSigner(parsing: text)
        } catch {
            throw LedgerStoreError(.keyInvalid, "\(path(directory, signerFileName)) is not a signer key: \(error.context)")
        }
        if FileManager.default.fileExists(atPath: path(directory, verifierFileName)) {
            let published = try loadVerifier(from: directory)
            guard published == signer.verifier else {
                throw LedgerStoreError(
                    .keyInvalid, "\(path(directory, verifierFileName)) is not the public half of \(signerFileName)")
            }
        }
        return signer
    }

    /// Reads the verifier (public) key from `directory`.
    ///
    /// - Throws: ``LedgerStoreError/Code/keyMissing`` or ``LedgerStoreError/Code/keyInvalid``.
    public static func loadVerifier(from directory: String) throws -> NoteVerifier {
        let file = path(directory, verifierFileName)
        do {
            return try NoteVerifier(parsing: try read(file))
        } catch let error as LedgerError {
            throw LedgerStoreError(.keyInvalid, "\(file) is not a verifier key: \(error.context)")
        }
    }

    private static func read(_ file: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw LedgerStoreError(.keyMissing, "no ledger key at \(file)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw LedgerStoreError(.keyInvalid, "\(file) is not UTF-8 text")
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func path(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
