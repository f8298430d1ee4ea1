import Foundation
import GatehouseCore
import Testing

/// One event of each kind, with fixed values, for the golden file and round trips.
enum SampleEvents {
    static func hash(_ label: String) -> Hash32 { Hash32.sha256(utf8: label) }

    static let timestamp = LedgerTimestamp(millisecondsSince1970: 1_752_485_400_123)

    static let all: [LedgerEvent] = [
        .batchReceived(
            .init(
                batchID: "B-2025-0001", fileSHA256: hash("file"), agreementID: "AGR-DHS-2025",
                agreementVersion: "3", manifestHash: hash("manifest"), rowCount: 1_280_000)),
        .decision(
            .init(
                batchID: "B-2025-0001", requestID: "R-000017", requestRowHash: hash("row"),
                outcome: .verified, reasons: [.narrowMargin], recordIDHash: LedgerHash.of(recordID: "P-00042"),
                agreementVersion: "3", rulesVersion: "rules-2025.07")),
        .decision(
            .init(
                batchID: "B-2025-0001", requestID: "R-000018", requestRowHash: hash("row 2"),
                outcome: .insufficient, reasons: [.addressPlaceholder, .addressZipOnly], recordIDHash: nil,
                agreementVersion: "3", rulesVersion: "rules-2025.07")),
        .release(
            .init(
                batchID: "B-2025-0001", requestID: "R-000017", fields: ["address_line1", "city", "state", "postcode"])),
        .approval(.init(batchID: "B-2025-0001", officerID: "officer:jdoe")),
        .agreementChanged(.init(agreementID: "AGR-DHS-2025", version: "4", hash: hash("agreement v4"))),
        .orderChanged(.init(orderID: "ORD-DDC-25-1234", version: "1", status: "in_force", hash: hash("order"))),
        .review(
            .init(
                reviewID: "REV-7", decisionsReplayed: 1_280_000, disclosuresReviewed: 47_000,
                disclosuresNoLongerStanding: 42_700, noticesDrafted: 1)),
        .notice(.init(noticeID: "N-1", recipient: "AGR-DHS-2025/requester", reviewID: "REV-7")),
        .inspection(
            .init(actor: "officer:jdoe", action: "match explain", subjectIDHash: LedgerHash.of(subjectID: "R-000017"))),
        .refusal(.init(step: "release", subject: "B-2025-0001", mismatches: 2, tables: ["approvals", "decisions"])),
        .release(
            .init(
                batchID: "B-2025-0001", requestID: "R-000019", fields: ["address_line1", "postcode"],
                valuesHash: LedgerHash.of(releasedValues: "{}", salt: Array(repeating: 7, count: 16)))),
        .access(
            .init(
                keyID: "K7Q2", role: "requester", onBehalfOf: "agent-4411", route: "GET /v1/batches/{id}",
                objectID: "B-2025-0001", verdict: .allowed, status: 200)),
        .keyChanged(.init(keyID: "K7Q2", change: .created, role: "requester", agreementID: "AGR-DHS-2025", actor: "cli")),
        .probeFlagged(
            .init(
                agreementID: "AGR-DHS-2025", keyID: "K7Q2", subjectHash: hash("subject"), count: 4,
                windowSeconds: 86_400)),
        .retention(.init(batchID: "B-2025-0001", days: 365, requestRows: 1_280_000, disclosures: 47_000)),
    ]

    static var entries: [LedgerEntry] {
        all.enumerated().map { LedgerEntry(sequence: UInt64($0.offset), timestamp: timestamp, event: $0.element) }
    }
}

@Suite struct LedgerEntryEncodingTests {
    @Test(arguments: SampleEvents.entries)
    func roundTrips(entry: LedgerEntry) throws {
        let bytes = entry.encoded
        #expect(bytes[0] == 1)
        #expect(bytes[1] == entry.event.kind.rawValue)
        #expect(try LedgerEntry(decoding: bytes) == entry)
    }

    @Test func everyKindHasASample() {
        #expect(Set(SampleEvents.all.map(\.kind)) == Set(LedgerEvent.Kind.allCases))
    }

    /// The golden file pins the encoding: changing it breaks every existing log.
    @Test func matchesTheGoldenFile() throws {
        let lines = SampleEvents.entries.map { "\($0.event.kind) \(Hex.encode($0.encoded))" }
        let actual = lines.joined(separator: "\n") + "\n"
        if let target = ProcessInfo.processInfo.environment["GATEHOUSE_WRITE_LEDGER_GOLDEN"] {
            try actual.write(toFile: target, atomically: true, encoding: .utf8)
        }
        let url = try #require(Bundle.module.url(forResource: "Fixtures/ledger/entries", withExtension: "golden"))
        let golden = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == golden)
    }

    /// The approval entry spelled out byte by byte, as docs/ledger.md describes it.
    @Test func approvalBytesByHand() {
        let entry = LedgerEntry(
            sequence: 258, timestamp: LedgerTimestamp(millisecondsSince1970: 1_752_485_400_123),
            event: .approval(.init(batchID: "B1", officerID: "o")))
        let expected: [UInt8] =
            [0x01, 0x04]  // version 1, kind 4 (approval)
            + [0, 0, 0, 0, 0, 0, 0x01, 0x02]  // sequence 258
            + [0x00, 0x00, 0x01, 0x98, 0x08, 0x45, 0x0e, 0x3b]  // 1752485400123 ms
            + [0, 0, 0, 2, 0x42, 0x31]  // "B1"
            + [0, 0, 0, 1, 0x6f]  // "o"
        #expect(entry.encoded == expected)
    }

    @Test(arguments: [
        ("", "version"),
        ("02", "format version 2"),
        ("0163", "kind 99"),
        ("0104000000000000000000000000000000", "ends inside"),
    ])
    func rejectsMalformedBytes(hex: String, fragment: String) {
        let error = #expect(throws: LedgerError.self) { try LedgerEntry(decoding: Hex.decode(hex)!) }
        #expect(error?.code == .invalidEntry)
        #expect(error?.context.contains(fragment) == true, "\(error?.context ?? "")")
    }

    @Test func rejectsTrailingBytesTruncationAndBadFlags() throws {
        for entry in SampleEvents.entries {
            let bytes = entry.encoded
            #expect(throws: LedgerError.self) { try LedgerEntry(decoding: bytes + [0]) }
            for cut in [1, 5, 17, bytes.count - 1] {
                #expect(throws: LedgerError.self) { try LedgerEntry(decoding: bytes.prefix(cut)) }
            }
        }
        // The decision without a record id hash: its presence byte set to 2.
        let decision = SampleEvents.entries[2]
        var bytes = decision.encoded
        let flagOffset = bytes.count - (4 + 1 + 4 + 13) - 1
        #expect(bytes[flagOffset] == 0)
        bytes[flagOffset] = 2
        #expect(throws: LedgerError.self) { try LedgerEntry(decoding: bytes) }
    }

    @Test func rejectsInvalidUTF8AndUnknownCodes() {
        var approval = LedgerEntry(
            sequence: 0, timestamp: SampleEvents.timestamp, event: .approval(.init(batchID: "B", officerID: "o"))
        ).encoded
        approval[approval.count - 1] = 0xff
        #expect(throws: LedgerError.self) { try LedgerEntry(decoding: approval) }
        let decision = LedgerEntry(sequence: 0, timestamp: SampleEvents.timestamp, event: SampleEvents.all[1]).encoded
        let patched = Hex.decode(
            Hex.encode(decision).replacingOccurrences(
                of: Hex.encode(Array("NARROW_MARGIN".utf8)), with: Hex.encode(Array("NARROW_MARGIX".utf8))))!
        let error = #expect(throws: LedgerError.self) { try LedgerEntry(decoding: patched) }
        #expect(error?.context.contains("unknown reason code") == true)
    }

    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00.000Z"),
        (1_752_485_400_123, "2025-07-14T09:30:00.123Z"),
        (-1, "1969-12-31T23:59:59.999Z"),
        (951_782_400_000, "2000-02-29T00:00:00.000Z"),
    ])
    func timestampsPrintAsISO8601(milliseconds: Int64, text: String) {
        #expect(LedgerTimestamp(millisecondsSince1970: milliseconds).description == text)
    }

    @Test func domainHashesAreSeparatedAndKeyed() {
        let record = LedgerHash.of(recordID: "P-1")
        #expect(record == Hash32.sha256(Array("gatehouse.ledger.record-id.v1".utf8) + [0] + Array("P-1".utf8)))
        #expect(record != LedgerHash.of(subjectID: "P-1"))
        #expect(record != Hash32.sha256(utf8: "P-1"))
        let key = Hash32.sha256(utf8: "deployment secret")
        #expect(LedgerHash.of(recordID: "P-1", key: key) != record)
        #expect(LedgerHash.of(recordID: "P-1", key: key) == LedgerHash.of(recordID: "P-1", key: key))
    }

    @Test func appenderNumbersEntriesAndMatchesTheTree() throws {
        var appender = LedgerAppender()
        var tree = InMemoryMerkleTree()
        for event in SampleEvents.all {
            let append = appender.append(event, at: SampleEvents.timestamp)
            #expect(append.entry.sequence == UInt64(tree.size))
            #expect(append.leafHash == Merkle.leafHash(append.encoded))
            #expect(append.nodeWrites.first?.hash == append.leafHash)
            #expect(try LedgerEntry(decoding: append.encoded) == append.entry)
            tree.append(leafHash: append.leafHash)
        }
        #expect(appender.root == tree.root)
        #expect(appender.root == Merkle.root(leafHashes: SampleEvents.entries.map(\.leafHash)))
    }
}
