extension LedgerEntry {
    /// The version byte that starts every entry in this encoding.
    public static let formatVersion: UInt8 = 1

    /// The canonical bytes of the entry (documented in `docs/ledger.md`):
    ///
    ///     u8 version (1) ‖ u8 kind ‖ u64 sequence ‖ i64 timestamp ms ‖ fields…
    ///
    /// Integers are big-endian; a string is a u32 byte length then its UTF-8 bytes; a
    /// hash is 32 bytes; an optional hash is 0x00, or 0x01 then 32 bytes; a list is a
    /// u32 count then its items. Fields come in the fixed order of each kind.
    public var encoded: [UInt8] {
        var writer = EntryWriter()
        writer.u8(Self.formatVersion)
        writer.u8(event.kind.rawValue)
        writer.u64(sequence)
        writer.u64(UInt64(bitPattern: timestamp.millisecondsSince1970))
        switch event {
        case .batchReceived(let e):
            writer.string(e.batchID)
            writer.hash(e.fileSHA256)
            writer.string(e.agreementID)
            writer.string(e.agreementVersion)
            writer.hash(e.manifestHash)
            writer.u64(e.rowCount)
        case .decision(let e):
            writer.string(e.batchID)
            writer.string(e.requestID)
            writer.hash(e.requestRowHash)
            writer.string(e.outcome.rawValue)
            writer.strings(e.reasons.map(\.rawValue))
            writer.optionalHash(e.recordIDHash)
            writer.string(e.agreementVersion)
            writer.string(e.rulesVersion)
        case .release(let e):
            writer.string(e.batchID)
            writer.string(e.requestID)
            writer.strings(e.fields)
            if let valuesHash = e.valuesHash { writer.hash(valuesHash) }
        case .approval(let e):
            writer.string(e.batchID)
            writer.string(e.officerID)
        case .agreementChanged(let e):
            writer.string(e.agreementID)
            writer.string(e.version)
            writer.hash(e.hash)
        case .orderChanged(let e):
            writer.string(e.orderID)
            writer.string(e.version)
            writer.string(e.status)
            writer.hash(e.hash)
        case .review(let e):
            writer.string(e.reviewID)
            writer.u64(e.decisionsReplayed)
            writer.u64(e.disclosuresReviewed)
            writer.u64(e.disclosuresNoLongerStanding)
            writer.u64(e.noticesDrafted)
        case .notice(let e):
            writer.string(e.noticeID)
            writer.string(e.recipient)
            writer.string(e.reviewID)
        case .inspection(let e):
            writer.string(e.actor)
            writer.string(e.action)
            writer.hash(e.subjectIDHash)
        case .access(let e): e.write(to: &writer)
        case .keyChanged(let e): e.write(to: &writer)
        case .probeFlagged(let e): e.write(to: &writer)
        case .refusal(let e):
            writer.string(e.step)
            writer.string(e.subject)
            writer.u64(e.mismatches)
            writer.strings(e.tables)
        case .retention(let e):
            writer.string(e.batchID)
            writer.u64(e.days)
            writer.u64(e.requestRows)
            writer.u64(e.disclosures)
        }
        return writer.bytes
    }

    /// Decodes an entry from its canonical bytes.
    ///
    /// - Throws: ``LedgerError/Code/invalidEntry`` for an unknown version or kind, a
    ///   truncated field, invalid UTF-8, an unknown outcome or reason code, a presence
    ///   byte other than 0 or 1, or bytes left over after the last field.
    public init(decoding bytes: some Collection<UInt8>) throws(LedgerError) {
        var reader = EntryReader(Array(bytes))
        let version = try reader.u8("version")
        guard version == Self.formatVersion else {
            throw LedgerError(.invalidEntry, "unknown entry format version \(version)")
        }
        let kindByte = try reader.u8("kind")
        guard let kind = LedgerEvent.Kind(rawValue: kindByte) else {
            throw LedgerError(.invalidEntry, "unknown event kind \(kindByte)")
        }
        let sequence = try reader.u64("sequence")
        let timestamp = LedgerTimestamp(
            millisecondsSince1970: Int64(bitPattern: try reader.u64("timestamp")))
        let event: LedgerEvent
        switch kind {
        case .batchReceived:
            event = .batchReceived(
                .init(
                    batchID: try reader.string("batch id"), fileSHA256: try reader.hash("file hash"),
                    agreementID: try reader.string("agreement id"),
                    agreementVersion: try reader.string("agreement version"),
                    manifestHash: try reader.hash("manifest hash"), rowCount: try reader.u64("row count")))
        case .decision:
            let batchID = try reader.string("batch id")
            let requestID = try reader.string("request id")
            let rowHash = try reader.hash("request row hash")
            let outcomeText = try reader.string("outcome")
            guard let outcome = Outcome(rawValue: outcomeText) else {
                throw LedgerError(.invalidEntry, "unknown outcome \"\(outcomeText)\"")
            }
            var reasons: [ReasonCode] = []
            for text in try reader.strings("reason codes") {
                guard let code = ReasonCode(rawValue: text) else {
                    throw LedgerError(.invalidEntry, "unknown reason code \"\(text)\"")
                }
                reasons.append(code)
            }
            event = .decision(
                .init(
                    batchID: batchID, requestID: requestID, requestRowHash: rowHash, outcome: outcome,
                    reasons: reasons, recordIDHash: try reader.optionalHash("record id hash"),
                    agreementVersion: try reader.string("agreement version"),
                    rulesVersion: try reader.string("rules version")))
        case .release:
            event = .release(
                .init(
                    batchID: try reader.string("batch id"), requestID: try reader.string("request id"),
                    fields: try reader.strings("fields")))
        case .releaseSealed:
            event = .release(
                .init(
                    batchID: try reader.string("batch id"), requestID: try reader.string("request id"),
                    fields: try reader.strings("fields"), valuesHash: try reader.hash("values hash")))
        case .approval:
            event = .approval(
                .init(batchID: try reader.string("batch id"), officerID: try reader.string("officer id")))
        case .agreementChanged:
            event = .agreementChanged(
                .init(
                    agreementID: try reader.string("agreement id"), version: try reader.string("version"),
                    hash: try reader.hash("agreement hash")))
        case .orderChanged:
            event = .orderChanged(
                .init(
                    orderID: try reader.string("order id"), version: try reader.string("version"),
                    status: try reader.string("status"), hash: try reader.hash("order hash")))
        case .review:
            event = .review(
                .init(
                    reviewID: try reader.string("review id"),
                    decisionsReplayed: try reader.u64("decisions replayed"),
                    disclosuresReviewed: try reader.u64("disclosures reviewed"),
                    disclosuresNoLongerStanding: try reader.u64("disclosures no longer standing"),
                    noticesDrafted: try reader.u64("notices drafted")))
        case .notice:
            event = .notice(
                .init(
                    noticeID: try reader.string("notice id"), recipient: try reader.string("recipient"),
                    reviewID: try reader.string("review id")))
        case .inspection:
            event = .inspection(
                .init(
                    actor: try reader.string("actor"), action: try reader.string("action"),
                    subjectIDHash: try reader.hash("subject id hash")))
        case .access: event = .access(try .init(reading: &reader))
        case .keyChanged: event = .keyChanged(try .init(reading: &reader))
        case .probeFlagged: event = .probeFlagged(try .init(reading: &reader))
        case .refusal:
            event = .refusal(
                .init(
                    step: try reader.string("step"), subject: try reader.string("subject"),
                    mismatches: try reader.u64("mismatches"), tables: try reader.strings("tables")))
        case .retention:
            event = .retention(
                .init(
                    batchID: try reader.string("batch id"), days: try reader.u64("days"),
                    requestRows: try reader.u64("request rows"), disclosures: try reader.u64("disclosures")))
        }
        guard reader.isAtEnd else {
            throw LedgerError(
                .invalidEntry, "\(reader.remaining) bytes left over after a \(kind) entry")
        }
        self.init(sequence: sequence, timestamp: timestamp, event: event)
    }
}

/// Appends big-endian integers, length-prefixed strings and hashes.
struct EntryWriter {
    var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(192) }

    mutating func u8(_ value: UInt8) { bytes.append(value) }

    mutating func u32(_ value: UInt32) {
        for shift in stride(from: 24, through: 0, by: -8) {
            bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift)))
        }
    }

    mutating func u64(_ value: UInt64) {
        for shift in stride(from: 56, through: 0, by: -8) {
            bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
        }
    }

    mutating func string(_ value: String) {
        let utf8 = value.utf8
        precondition(utf8.count <= Int(UInt32.max), "a ledger string must fit a u32 length")
        u32(UInt32(utf8.count))
        bytes.append(contentsOf: utf8)
    }

    mutating func strings(_ values: [String]) {
        u32(UInt32(values.count))
        for value in values { string(value) }
    }

    mutating func hash(_ value: Hash32) {
        value.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }

    mutating func optionalHash(_ value: Hash32?) {
        if let value {
            u8(1)
            hash(value)
        } else {
            u8(0)
        }
    }
}

/// Reads what ``EntryWriter`` writes, naming the field when the bytes run out.
struct EntryReader {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var remaining: Int { bytes.count - offset }
    var isAtEnd: Bool { offset == bytes.count }

    private mutating func take(_ count: Int, _ field: String) throws(LedgerError) -> ArraySlice<UInt8> {
        guard count <= remaining else {
            throw LedgerError(
                .invalidEntry, "the entry ends inside its \(field) (needs \(count) bytes, has \(remaining))")
        }
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }

    mutating func u8(_ field: String) throws(LedgerError) -> UInt8 {
        try take(1, field).first!
    }

    mutating func u32(_ field: String) throws(LedgerError) -> UInt32 {
        try take(4, field).reduce(0) { $0 << 8 | UInt32($1) }
    }

    mutating func u64(_ field: String) throws(LedgerError) -> UInt64 {
        try take(8, field).reduce(0) { $0 << 8 | UInt64($1) }
    }

    mutating func string(_ field: String) throws(LedgerError) -> String {
        let length = Int(try u32(field))
        let slice = try take(length, field)
        guard let text = String(validating: slice, as: UTF8.self) else {
            throw LedgerError(.invalidEntry, "the entry's \(field) is not valid UTF-8")
        }
        return text
    }

    mutating func strings(_ field: String) throws(LedgerError) -> [String] {
        let count = Int(try u32(field))
        // Each string needs at least its 4-byte length: refuse counts the bytes cannot hold.
        guard count <= remaining / 4 else {
            throw LedgerError(.invalidEntry, "the entry's \(field) count (\(count)) exceeds its bytes")
        }
        var result: [String] = []
        result.reserveCapacity(count)
        for _ in 0..<count { result.append(try string(field)) }
        return result
    }

    mutating func hash(_ field: String) throws(LedgerError) -> Hash32 {
        Hash32(bytes: try take(32, field))!
    }

    mutating func optionalHash(_ field: String) throws(LedgerError) -> Hash32? {
        switch try u8(field) {
        case 0: return nil
        case 1: return try hash(field)
        case let other:
            throw LedgerError(.invalidEntry, "the entry's \(field) has presence byte \(other), not 0 or 1")
        }
    }
}
