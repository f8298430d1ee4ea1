import Foundation
import GatehouseCore
import GatehouseStore
import GRDB
import Hummingbird

/// Auditors (and officers): the accounting of disclosures for one person, the declaration and
/// incident reports, and the ledger entries, decoded.
enum AuditRoutes {
    static func endpoints(_ state: ServerState) -> [Endpoint] {
        [
            // A POST so that the record id travels in the body, never in a URL.
            Endpoint(.post, "/v1/accounting", .roles(.auditor, .officer)) { request, context in
                struct Body: Decodable { var recordId: String }
                let body = try await request.decodeJSON(Body.self, context: context)
                let caller = try context.caller()
                let entries = try state.pipeline.accounting(recordID: body.recordId, actor: "key:\(caller.keyID)")
                return try Reply.json(AccountingView(disclosures: entries.map(AccountingView.Entry.init)))
            },
            Endpoint(.get, "/v1/reports/declaration/{id}", .roles(.auditor, .officer)) { _, context in
                let id = try context.objectID("id")
                guard try state.workspace.latestAgreement(id: id) != nil else { throw Problem.notFound("agreement") }
                return try Reply.json(try await state.review.declaration(agreementID: id))
            },
            Endpoint(.get, "/v1/reports/incident/{id}", .roles(.auditor, .officer)) { _, context in
                let id = try context.objectID("id")
                guard try state.review.review(id: id) != nil else { throw Problem.notFound("review") }
                return try Reply.json(try state.review.incident(reviewID: id))
            },
            Endpoint(.get, "/v1/ledger/entries", .roles(.auditor, .officer)) { request, _ in
                let from = request.uri.queryParameters.get("from").flatMap { UInt64($0) } ?? 0
                let count = min(1000, request.uri.queryParameters.get("count").flatMap { Int($0) } ?? 100)
                guard count >= 0 else { throw Problem.badRequest("count must be 0 or more") }
                let (size, entries) = try await state.workspace.database.read { db in
                    let size = try LedgerStore.size(in: db)
                    var entries: [LedgerEntryView] = []
                    var sequence = from
                    while entries.count < count, sequence < UInt64(size) {
                        if let stored = try LedgerStore.entry(sequence: sequence, in: db) {
                            entries.append(try LedgerEntryView(stored))
                        }
                        sequence += 1
                    }
                    return (size, entries)
                }
                return try Reply.json(LedgerPage(size: size, entries: entries))
            },
            Endpoint(.get, "/v1/ledger/entries/{seq}", .roles(.auditor, .officer)) { _, context in
                let text = try context.objectID("seq")
                guard let sequence = UInt64(text),
                    let stored = try await state.workspace.database.read({ try LedgerStore.entry(sequence: sequence, in: $0) })
                else { throw Problem.notFound("ledger entry") }
                return try Reply.json(try LedgerEntryView(stored))
            },
        ]
    }
}

struct AccountingView: Encodable {
    struct Entry: Encodable {
        var releasedAt: String
        var batchId: String
        var requestId: String
        var recipient: String
        var purpose: String
        var legalBasis: [String]
        var agreementId: String
        var agreementVersion: Int
        var fields: [String]

        init(_ e: AccountingEntry) {
            releasedAt = e.releasedAt
            batchId = e.batchID
            requestId = e.requestID
            recipient = e.recipient
            purpose = e.purpose
            legalBasis = e.legalBasis
            agreementId = e.agreementID
            agreementVersion = e.agreementVersion
            fields = e.fields
        }
    }

    var disclosures: [Entry]
}

struct LedgerPage: Encodable {
    var size: Int
    var entries: [LedgerEntryView]
}

/// A ledger entry decoded: its sequence, time, kind, leaf hash, canonical bytes (hex) and fields.
struct LedgerEntryView: Encodable {
    var sequence: UInt64
    var timestamp: String
    var kind: String
    var leafHash: String
    var entry: String
    var fields: [String: String]

    init(_ stored: StoredLedgerEntry) throws {
        let decoded = try stored.decoded()
        sequence = stored.sequence
        timestamp = decoded.timestamp.description
        kind = "\(decoded.event.kind)"
        leafHash = stored.leafHash.hex
        entry = Hex.encode(stored.bytes)
        fields = LedgerEventFields.fields(of: decoded.event)
    }
}

/// An event's fields by name (its struct's properties), for the API: every kind, present and
/// future, without a table to keep in step. Hashes print as hex, lists joined with commas.
enum LedgerEventFields {
    static func fields(of event: LedgerEvent) -> [String: String] {
        var fields: [String: String] = [:]
        guard let payload = Mirror(reflecting: event).children.first?.value else { return fields }
        for child in Mirror(reflecting: payload).children {
            guard let label = child.label else { continue }
            fields[snakeCase(label)] = text(child.value)
        }
        return fields
    }

    static func text(_ value: Any) -> String {
        switch value {
        case let hash as Hash32: return hash.hex
        case let list as [any CustomStringConvertible]: return list.map { text($0) }.joined(separator: ",")
        case let code as ReasonCode: return code.rawValue
        case let outcome as Outcome: return outcome.rawValue
        case let raw as any RawRepresentable<String>: return raw.rawValue
        default:
            let mirror = Mirror(reflecting: value)
            if mirror.displayStyle == .optional {
                return mirror.children.first.map { text($0.value) } ?? ""
            }
            if mirror.displayStyle == .collection {
                return mirror.children.map { text($0.value) }.joined(separator: ",")
            }
            return String(describing: value)
        }
    }

    /// `agreementID` → `agreement_id`, `fileSHA256` → `file_sha256`, `recordIDHash` → `record_id_hash`.
    static func snakeCase(_ name: String) -> String {
        let characters = Array(name)
        var out = ""
        for (index, character) in characters.enumerated() {
            if character.isUppercase, index > 0 {
                let previous = characters[index - 1]
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                if previous.isLowercase || (previous.isUppercase && next?.isLowercase == true) { out += "_" }
            }
            out += character.lowercased()
        }
        return out
    }
}
