import Foundation
public import GatehouseCore
import GRDB

/// API keys: issued with a random secret shown once, looked up by the hash of the secret on
/// every request (so a revocation takes effect on the next request), revoked, never deleted.
/// Each issue and revocation is a ledger event.
extension Workspace {
    /// Issues a key.
    ///
    /// - Parameters:
    ///   - role: The key's role.
    ///   - name: Who holds it (a system or a person's role name; not a protected value).
    ///   - agreementID: The agreement a requester key is bound to; required for requesters, refused for others.
    ///   - expiresOn: The last day it works (`YYYY-MM-DD`), or nil.
    ///   - clientCertificateSHA256: The SHA-256 (hex) of the client certificate it is bound to, or nil.
    ///   - actor: Who issued it, for the ledger (`cli`, or an admin key's id).
    /// - Returns: The key and its secret (the only time the secret exists outside the holder).
    /// - Throws: `KeyError` `.invalid` or `.unknownAgreement`.
    public func createKey(
        role: APIKey.Role, name: String, agreementID: String? = nil, expiresOn: String? = nil,
        clientCertificateSHA256: String? = nil, actor: String = "cli"
    ) throws -> IssuedKey {
        let name = name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw KeyError(.invalid, "a key needs a name (--name)") }
        if role == .requester, agreementID == nil {
            throw KeyError(.invalid, "a requester key is bound to one agreement: give --agreement ID")
        }
        if role != .requester, agreementID != nil {
            throw KeyError(.invalid, "only a requester key is bound to an agreement")
        }
        if let expiresOn, !ISODate.isValid(expiresOn) {
            throw KeyError(.invalid, "--expires must be a date YYYY-MM-DD")
        }
        if let certificate = clientCertificateSHA256,
            certificate.utf8.count != 64 || !certificate.utf8.allSatisfy({ Self.isHexDigit($0) })
        {
            throw KeyError(.invalid, "a client certificate fingerprint is 64 hex digits (SHA-256 of the DER)")
        }
        let id = "K" + Self.randomHex(bytes: 6).uppercased()
        let secret = "gh_\(id)_\(Self.randomHex(bytes: 32))"
        let key = APIKey(
            id: id, name: name, role: role, agreementID: agreementID,
            clientCertificateSHA256: clientCertificateSHA256?.lowercased(), createdAt: Self.timestamp(),
            expiresOn: expiresOn, revokedAt: nil)
        try database.write { db in
            if let agreementID, try Self.agreement(id: agreementID, in: db) == nil {
                throw KeyError(.unknownAgreement, "no agreement '\(agreementID)' in this workspace")
            }
            try db.execute(
                sql: """
                    INSERT INTO api_keys (id, name, role, agreement_id, secret_sha256, client_cert_sha256, created_at, expires_on)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    id, name, role.rawValue, agreementID, Self.secretHash(secret), key.clientCertificateSHA256,
                    key.createdAt, expiresOn,
                ])
            try LedgerStore.append(
                [
                    .keyChanged(
                        .init(keyID: id, change: .created, role: role.rawValue, agreementID: agreementID ?? "", actor: actor))
                ], at: .now, in: db)
        }
        return IssuedKey(key: key, secret: secret)
    }

    /// Every key, oldest first.
    public func keys() throws -> [APIKey] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.keyColumns) FROM api_keys ORDER BY created_at, id").map(Self.key)
        }
    }

    /// The key with `id`, or nil.
    public func key(id: String) throws -> APIKey? {
        try database.read { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.keyColumns) FROM api_keys WHERE id = ?", arguments: [id]).map(Self.key)
        }
    }

    /// Revokes a key; it stops working on the next request.
    /// - Throws: `KeyError` `.unknownKey` or `.alreadyRevoked`.
    @discardableResult
    public func revokeKey(id: String, actor: String = "cli") throws -> APIKey {
        try database.write { db in
            guard let key = try Row.fetchOne(
                db, sql: "SELECT \(Self.keyColumns) FROM api_keys WHERE id = ?", arguments: [id]
            ).map(Self.key) else {
                throw KeyError(.unknownKey, "no key \(id)")
            }
            guard key.revokedAt == nil else { throw KeyError(.alreadyRevoked, "key \(id) was already revoked") }
            let now = Self.timestamp()
            try db.execute(sql: "UPDATE api_keys SET revoked_at = ? WHERE id = ?", arguments: [now, id])
            try LedgerStore.append(
                [
                    .keyChanged(
                        .init(
                            keyID: id, change: .revoked, role: key.role.rawValue, agreementID: key.agreementID ?? "",
                            actor: actor))
                ], at: .now, in: db)
            var revoked = key
            revoked.revokedAt = now
            return revoked
        }
    }

    /// The key a bearer secret belongs to, whatever its state (the caller checks
    /// ``APIKey/isUsable(on:)``); nil when the secret is not one this workspace issued.
    ///
    /// - Complexity: one indexed read.
    public func key(forSecret secret: String) throws -> APIKey? {
        guard secret.hasPrefix("gh_"), secret.utf8.count < 128 else { return nil }
        return try database.read { db in
            try Row.fetchOne(
                db, sql: "SELECT \(Self.keyColumns) FROM api_keys WHERE secret_sha256 = ?",
                arguments: [Self.secretHash(secret)]
            ).map(Self.key)
        }
    }

    static let keyColumns =
        "id, name, role, agreement_id, client_cert_sha256, created_at, expires_on, revoked_at"

    static func key(_ row: Row) -> APIKey {
        APIKey(
            id: row[0], name: row[1], role: APIKey.Role(rawValue: row[2]) ?? .requester, agreementID: row[3],
            clientCertificateSHA256: row[4], createdAt: row[5], expiresOn: row[6], revokedAt: row[7])
    }

    /// SHA-256 of the secret, hex. The secret carries 256 random bits, so a plain hash is enough
    /// (a slow password hash protects guessable secrets; these are not guessable).
    static func secretHash(_ secret: String) -> String {
        Hash32.sha256(utf8: secret).hex
    }

    static func randomHex(bytes count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(count * 2)
        for _ in 0..<count {
            let byte = UInt8.random(in: 0...255, using: &generator)
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    static func isHexDigit(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
    }
}
