import Crypto

/// Hashes that stand in for protected or internal values in ledger entries.
///
/// Each purpose has its own domain, so a hash made for one purpose never matches
/// another: the message is `domain ‖ 0x00 ‖ value`. Without a key the hash is
/// SHA-256 of that message; with a key (a secret the deployment keeps, made at `init`)
/// it is HMAC-SHA256, which stops anyone who holds the log from confirming a guessed
/// value. Use the key for anything a guess could find (a record id that is a running
/// number, for instance); never put a name, address, TIN or birth date in an entry,
/// hashed or not.
public enum LedgerHash {
    /// The domain of record ids: `gatehouse.ledger.record-id.v1`.
    public static let recordIDDomain = "gatehouse.ledger.record-id.v1"
    /// The domain of inspected subjects: `gatehouse.ledger.subject-id.v1`.
    public static let subjectIDDomain = "gatehouse.ledger.subject-id.v1"
    /// The domain of request rows: `gatehouse.ledger.request-row.v1`.
    public static let requestRowDomain = "gatehouse.ledger.request-row.v1"

    /// The domain of released values: `gatehouse.ledger.released-values.v1`.
    public static let releasedValuesDomain = "gatehouse.ledger.released-values.v1"

    /// The hash of the values one release disclosed, for ``LedgerEvent/Release/valuesHash``:
    /// over `salt ‖ canonical JSON of the values`. The salt (16 random bytes, kept with the
    /// disclosure, never in the log) stops whoever holds the log from confirming a guessed
    /// address; given the salt, a court can check the values disclosed.
    public static func of(releasedValues canonicalJSON: String, salt: [UInt8], key: Hash32? = nil) -> Hash32 {
        of(salt + Array(canonicalJSON.utf8), domain: releasedValuesDomain, key: key)
    }

    /// The hash of a protected record's id, for ``LedgerEvent/Decision/recordIDHash``.
    public static func of(recordID: String, key: Hash32? = nil) -> Hash32 {
        of(Array(recordID.utf8), domain: recordIDDomain, key: key)
    }

    /// The hash of the id of a record or request someone was shown, for
    /// ``LedgerEvent/Inspection/subjectIDHash``.
    public static func of(subjectID: String, key: Hash32? = nil) -> Hash32 {
        of(Array(subjectID.utf8), domain: subjectIDDomain, key: key)
    }

    /// The hash of a request row's bytes as received, for ``LedgerEvent/Decision/requestRowHash``.
    public static func of(requestRow: some Sequence<UInt8>, key: Hash32? = nil) -> Hash32 {
        of(Array(requestRow), domain: requestRowDomain, key: key)
    }

    /// The hash of `value` in `domain`: SHA-256, or HMAC-SHA256 under `key`, of
    /// `domain ‖ 0x00 ‖ value`.
    ///
    /// - Precondition: `domain` contains no zero byte.
    public static func of(_ value: [UInt8], domain: String, key: Hash32? = nil) -> Hash32 {
        precondition(!domain.utf8.contains(0), "a hash domain contains no zero byte")
        var message = Array(domain.utf8)
        message.append(0)
        message.append(contentsOf: value)
        guard let key else { return Hash32.sha256(message) }
        let mac = key.withUnsafeBytes { keyBytes in
            HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: keyBytes))
        }
        return mac.withUnsafeBytes { Hash32(rawBytes: $0) }
    }
}
