public import GatehouseCore

/// An API key as stored: who holds it, in which role, until when. The secret itself is never
/// stored, only its SHA-256.
public struct APIKey: Sendable, Hashable, Codable {
    /// What a key may do (DESIGN.md, "Between agencies: the server").
    public enum Role: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
        /// Bound to one agreement: submits its own batches and verifications, reads only its own.
        case requester
        /// Documents, approvals, release, review and disposal.
        case officer
        /// Read-only: funnels, reports, accounting, ledger entries.
        case auditor
        /// Keys.
        case admin

        public static func < (lhs: Role, rhs: Role) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// The key's public id (`K` and 12 hex digits); it is also the first part of the secret.
    public var id: String
    /// Who holds the key, as the issuer wrote it (a system or an officer's name).
    public var name: String
    public var role: Role
    /// The agreement a requester key is bound to; nil for the other roles.
    public var agreementID: String?
    /// SHA-256 (hex) of the DER client certificate the key is bound to, when the server requires one.
    public var clientCertificateSHA256: String?
    /// When the key was issued (ISO 8601 UTC).
    public var createdAt: String
    /// The last day the key works (`YYYY-MM-DD`, inclusive), or nil.
    public var expiresOn: String?
    /// When the key was revoked, or nil.
    public var revokedAt: String?

    /// Whether the key may be used on `day` (`YYYY-MM-DD`): not revoked and not expired.
    public func isUsable(on day: String) -> Bool {
        guard revokedAt == nil else { return false }
        guard let expiresOn else { return true }
        return ISODate.isOnOrBefore(day, expiresOn)
    }
}

/// A newly issued key with its secret, which is shown once and never stored.
public struct IssuedKey: Sendable {
    public var key: APIKey
    /// `gh_<id>_<64 hex digits>`: the bearer token.
    public var secret: String
}

/// Why a key operation failed. Never carries a secret.
public struct KeyError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Code: Sendable {
        case invalid, unknownKey, unknownAgreement, alreadyRevoked
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
