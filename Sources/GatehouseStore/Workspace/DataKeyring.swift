import Crypto
import Synchronization
public import Foundation

/// The keys that encrypt protected values at rest (request rows and released values): a key
/// file of its own, outside the database, `keys/data.key` unless `GATEHOUSE_DATA_KEY` names
/// another path (a mounted secret, say). Whoever holds the database file alone reads no name,
/// address, TIN or birth date of a request, and none of what was released.
///
/// The file holds one line per key version, newest last: `gatehouse-data-key <version> <base64 of
/// 32 bytes>`. Values are sealed with the newest; a value sealed with an older version is read
/// with it until `gatehouse keys rotate-data` has sealed everything again and retired it.
///
/// A sealed value is `version (1 byte) ‖ nonce (12) ‖ ciphertext ‖ tag (16)`, AES-256-GCM, with
/// the table, the batch and the row as associated data: a ciphertext moved to another row does
/// not open.
public final class DataKeyring: Sendable {
    /// The file's path.
    public let path: String
    private let state: Mutex<State>

    private struct State: Sendable {
        var keys: [UInt8: SymmetricKey]
        var current: UInt8
        var modified: Date?
    }

    /// The environment variable that names the key file (default `WORKSPACE/keys/data.key`).
    public static let environmentVariable = "GATEHOUSE_DATA_KEY"
    static let fileName = "data.key"
    static let prefix = "gatehouse-data-key"

    /// Reads the key file at `path`.
    /// - Throws: `WorkspaceError` `.keyMissing` or `.keyInvalid`.
    public init(path: String) throws {
        self.path = path
        state = Mutex(try Self.read(path))
    }

    /// The key file a workspace uses: `$GATEHOUSE_DATA_KEY`, else `keysDirectory/data.key`.
    public static func defaultPath(keysDirectory: String) -> String {
        if let named = ProcessInfo.processInfo.environment[environmentVariable], !named.isEmpty { return named }
        return keysDirectory + "/" + fileName
    }

    /// Makes a key file with one new key (version 1), mode 0600; never overwrites one.
    /// - Throws: `WorkspaceError` `.keyExists` or `.io`.
    @discardableResult
    public static func create(at path: String) throws -> DataKeyring {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw WorkspaceError(.keyExists, "\(path) already exists; a data key is never overwritten")
        }
        try write([(1, SymmetricKey(size: .bits256))], to: path)
        return try DataKeyring(path: path)
    }

    /// The version new values are sealed with.
    public var currentVersion: UInt8 { state.withLock { $0.current } }

    /// The versions the file holds, oldest first.
    public var versions: [UInt8] { state.withLock { $0.keys.keys.sorted() } }

    /// Seals `plaintext` with the newest key, bound to `context` (table, batch, row).
    public func seal(_ plaintext: [UInt8], context: [UInt8]) throws -> Data {
        let (version, key) = try state.withLock { state -> (UInt8, SymmetricKey) in
            try Self.refresh(&state, path: path)
            return (state.current, state.keys[state.current]!)
        }
        let box = try AES.GCM.seal(plaintext, using: key, authenticating: context)
        var out = Data([version])
        out.reserveCapacity(1 + 12 + plaintext.count + 16)
        out.append(contentsOf: box.nonce)
        out.append(box.ciphertext)
        out.append(box.tag)
        return out
    }

    /// Opens a value sealed by `seal(_:context:)` with the same `context`.
    /// - Throws: `WorkspaceError` `.keyMissing` when its key version is not in the file (retired,
    ///   or the wrong file), `.corrupt` when it does not open (edited, or moved from another row).
    public func open(_ sealed: Data, context: [UInt8]) throws -> [UInt8] {
        guard sealed.count >= 1 + 12 + 16 else { throw WorkspaceError(.corrupt, "a sealed value is too short") }
        let version = sealed[sealed.startIndex]
        let key = try state.withLock { state -> SymmetricKey in
            if state.keys[version] == nil { try Self.refresh(&state, path: path, force: true) }
            guard let key = state.keys[version] else {
                throw WorkspaceError(
                    .keyMissing, "the data key version \(version) is not in \(path) (retired, or another workspace's key)")
            }
            return key
        }
        let body = sealed.dropFirst()
        do {
            let box = try AES.GCM.SealedBox(
                nonce: try AES.GCM.Nonce(data: body.prefix(12)), ciphertext: body.dropFirst(12).dropLast(16),
                tag: body.suffix(16))
            return [UInt8](try AES.GCM.open(box, using: key, authenticating: context))
        } catch {
            throw WorkspaceError(.corrupt, "a sealed value does not open with its key (it was edited or moved)")
        }
    }

    /// The version byte of a sealed value.
    public static func version(of sealed: Data) -> UInt8? { sealed.first }

    /// Adds a new newest key; values sealed from now on use it.
    /// - Returns: the new version.
    public func addVersion() throws -> UInt8 {
        try state.withLock { state in
            try Self.refresh(&state, path: path, force: true)
            guard state.current < UInt8.max else { throw WorkspaceError(.keyInvalid, "no key version is left") }
            let next = state.current + 1
            var keys = state.keys.map { ($0.key, $0.value) }
            keys.append((next, SymmetricKey(size: .bits256)))
            try Self.write(keys, to: path)
            try Self.refresh(&state, path: path, force: true)
            return next
        }
    }

    /// Removes every version but the newest from the file.
    public func retireOlderVersions() throws {
        try state.withLock { state in
            try Self.refresh(&state, path: path, force: true)
            try Self.write([(state.current, state.keys[state.current]!)], to: path)
            try Self.refresh(&state, path: path, force: true)
        }
    }

    // MARK: The file

    private static func read(_ path: String) throws -> State {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else {
            throw WorkspaceError(
                .keyMissing, "no data key at \(path): the protected values cannot be read or written without it")
        }
        var keys: [UInt8: SymmetricKey] = [:]
        var current: UInt8 = 0
        for line in text.split(separator: "\n") where !line.isEmpty {
            let parts = line.split(separator: " ")
            guard parts.count == 3, parts[0] == prefix, let version = UInt8(parts[1]), version > 0,
                let bytes = Data(base64Encoded: String(parts[2])), bytes.count == 32
            else {
                throw WorkspaceError(.keyInvalid, "\(path) is not a Gatehouse data key file")
            }
            keys[version] = SymmetricKey(data: bytes)
            current = max(current, version)
        }
        guard current > 0 else { throw WorkspaceError(.keyInvalid, "\(path) holds no key") }
        let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
        return State(keys: keys, current: current, modified: modified)
    }

    /// Reads the file again when it changed (another process rotated the key).
    private static func refresh(_ state: inout State, path: String, force: Bool = false) throws {
        let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
        if force || modified != state.modified { state = try read(path) }
    }

    /// Writes the file atomically (a new file, mode 0600, renamed over the old one).
    private static func write(_ keys: [(UInt8, SymmetricKey)], to path: String) throws {
        let text = keys.sorted { $0.0 < $1.0 }.map { version, key in
            "\(prefix) \(version) \(key.withUnsafeBytes { Data($0).base64EncodedString() })"
        }.joined(separator: "\n") + "\n"
        let temporary = path + ".new"
        try? FileManager.default.removeItem(atPath: temporary)
        guard
            FileManager.default.createFile(
                atPath: temporary, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        else { throw WorkspaceError(.io, "cannot write the data key file \(temporary)") }
        guard rename(temporary, path) == 0 else { throw WorkspaceError(.io, "cannot replace \(path)") }
    }
}
