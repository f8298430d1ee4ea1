/// The server's ledger events (kinds 10–19): every authenticated API call, key changes and
/// probe flags. Identifiers only: a key id, a role, a route pattern, an object id; never a
/// request's payload.
extension LedgerEvent {
    /// One authenticated API call, allowed or denied.
    public struct Access: Sendable, Hashable {
        /// Whether the call was let through to its handler.
        public enum Verdict: String, Sendable, Hashable, CaseIterable {
            case allowed
            case denied
        }

        /// The API key's id (never its secret).
        public var keyID: String
        /// The key's role (`requester`, `officer`, `auditor`, `admin`).
        public var role: String
        /// The end user the caller named in `Gatehouse-On-Behalf-Of`, or empty.
        public var onBehalfOf: String
        /// The method and route pattern, e.g. `GET /v1/batches/{id}` (never the concrete path).
        public var route: String
        /// The object the call named (a batch, agreement, order or review id), or empty.
        public var objectID: String
        public var verdict: Verdict
        /// The HTTP status answered.
        public var status: UInt64

        public init(
            keyID: String, role: String, onBehalfOf: String, route: String, objectID: String, verdict: Verdict,
            status: UInt64
        ) {
            self.keyID = keyID
            self.role = role
            self.onBehalfOf = onBehalfOf
            self.route = route
            self.objectID = objectID
            self.verdict = verdict
            self.status = status
        }
    }

    /// An API key was issued or revoked.
    public struct KeyChanged: Sendable, Hashable {
        public enum Change: String, Sendable, Hashable, CaseIterable {
            case created
            case revoked
        }

        public var keyID: String
        public var change: Change
        public var role: String
        /// The agreement a requester key is bound to, or empty.
        public var agreementID: String
        /// Who made the change (`cli`, or an admin key's id).
        public var actor: String

        public init(keyID: String, change: Change, role: String, agreementID: String, actor: String) {
            self.keyID = keyID
            self.change = change
            self.role = role
            self.agreementID = agreementID
            self.actor = actor
        }
    }

    /// A requester asked about one person more often than its agreement allows within a window;
    /// the request was refused with `PROBE_LIMIT`.
    public struct ProbeFlagged: Sendable, Hashable {
        public var agreementID: String
        public var keyID: String
        /// A keyed hash of the person's normalized name and birth date, or TIN (never the values).
        public var subjectHash: Hash32
        /// The number of times the person was asked about within the window, this one included.
        public var count: UInt64
        /// The window, in seconds.
        public var windowSeconds: UInt64

        public init(agreementID: String, keyID: String, subjectHash: Hash32, count: UInt64, windowSeconds: UInt64) {
            self.agreementID = agreementID
            self.keyID = keyID
            self.subjectHash = subjectHash
            self.count = count
            self.windowSeconds = windowSeconds
        }
    }
}

extension LedgerEvent.Access {
    func write(to writer: inout EntryWriter) {
        writer.string(keyID)
        writer.string(role)
        writer.string(onBehalfOf)
        writer.string(route)
        writer.string(objectID)
        writer.string(verdict.rawValue)
        writer.u64(status)
    }

    init(reading reader: inout EntryReader) throws(LedgerError) {
        let keyID = try reader.string("key id")
        let role = try reader.string("role")
        let onBehalfOf = try reader.string("on behalf of")
        let route = try reader.string("route")
        let objectID = try reader.string("object id")
        let verdictText = try reader.string("verdict")
        guard let verdict = Verdict(rawValue: verdictText) else {
            throw LedgerError(.invalidEntry, "unknown access verdict \"\(verdictText)\"")
        }
        self.init(
            keyID: keyID, role: role, onBehalfOf: onBehalfOf, route: route, objectID: objectID, verdict: verdict,
            status: try reader.u64("status"))
    }
}

extension LedgerEvent.KeyChanged {
    func write(to writer: inout EntryWriter) {
        writer.string(keyID)
        writer.string(change.rawValue)
        writer.string(role)
        writer.string(agreementID)
        writer.string(actor)
    }

    init(reading reader: inout EntryReader) throws(LedgerError) {
        let keyID = try reader.string("key id")
        let changeText = try reader.string("change")
        guard let change = Change(rawValue: changeText) else {
            throw LedgerError(.invalidEntry, "unknown key change \"\(changeText)\"")
        }
        self.init(
            keyID: keyID, change: change, role: try reader.string("role"),
            agreementID: try reader.string("agreement id"), actor: try reader.string("actor"))
    }
}

extension LedgerEvent.ProbeFlagged {
    func write(to writer: inout EntryWriter) {
        writer.string(agreementID)
        writer.string(keyID)
        writer.hash(subjectHash)
        writer.u64(count)
        writer.u64(windowSeconds)
    }

    init(reading reader: inout EntryReader) throws(LedgerError) {
        self.init(
            agreementID: try reader.string("agreement id"), keyID: try reader.string("key id"),
            subjectHash: try reader.hash("subject hash"), count: try reader.u64("count"),
            windowSeconds: try reader.u64("window seconds"))
    }
}
