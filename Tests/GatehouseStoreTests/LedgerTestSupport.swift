import Foundation
import GRDB
import GatehouseCore
import GatehouseStore

/// Helpers shared by the ledger store tests.
enum LedgerFixture {
    /// A fresh workspace in a temporary folder, removed after `body`.
    static func withWorkspace<T>(_ body: (Workspace) throws -> T) throws -> T {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("gatehouse-ledger-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let workspace = try Workspace.create(at: path)
        return try body(workspace)
    }

    /// A decision event for request `n` of `batch`, as the pipeline writes it.
    static func decision(_ n: Int, batch: String = "B-2025-0001") -> LedgerEvent {
        let outcomes: [Outcome] = [.verified, .notFound, .insufficient, .ambiguous, .verified]
        let outcome = outcomes[n % outcomes.count]
        let reasons: [ReasonCode] =
            switch outcome {
            case .insufficient: [.addressPlaceholder]
            case .notFound, .ambiguous, .rejected: [.addressMissing]
            case .verified: []
            }
        return .decision(
            .init(
                batchID: batch, requestID: "REQ-\(n)",
                requestRowHash: LedgerHash.of(requestRow: Array("row \(n),given,surname,addr".utf8)),
                outcome: outcome, reasons: reasons,
                recordIDHash: outcome == .verified ? LedgerHash.of(recordID: "R\(n * 7)") : nil,
                agreementVersion: "ice-irs-2025@1", rulesVersion: "gatehouse-0.1"))
    }

    /// A mix of every kind, for round trips.
    static func event(_ n: Int) -> LedgerEvent {
        switch n % 6 {
        case 0: .batchReceived(
                .init(batchID: "B\(n)", fileSHA256: .sha256(utf8: "file \(n)"), agreementID: "a",
                      agreementVersion: "1", manifestHash: .sha256(utf8: "m"), rowCount: UInt64(n)))
        case 1: .release(.init(batchID: "B", requestID: "REQ-\(n)", fields: ["address_line1", "postcode"]))
        case 2: .approval(.init(batchID: "B", officerID: "officer-\(n % 3)"))
        case 3: .inspection(.init(actor: "o", action: "match explain", subjectIDHash: LedgerHash.of(subjectID: "R\(n)")))
        default: decision(n)
        }
    }

    static let time = LedgerTimestamp(millisecondsSince1970: 1_752_485_400_123)

    /// Appends `count` events in chunks of `chunk`, writing a checkpoint after each size
    /// in `checkpoints`.
    static func fill(_ workspace: Workspace, count: Int, chunk: Int = 50, checkpoints: Set<Int> = []) throws {
        let signer = try LedgerKeys.load(from: workspace.keysDirectory)
        var next = 0
        while next < count {
            var end = min(next + chunk, count)
            if let stop = checkpoints.filter({ $0 > next && $0 < end }).min() { end = stop }
            let events = (next..<end).map(event)
            try workspace.database.write { db throws in
                try LedgerStore.append(events, at: time, in: db)
                if checkpoints.contains(end) {
                    try LedgerStore.checkpoint(in: db, signer: signer, at: time)
                }
            }
            next = end
        }
    }

    /// Rewrites `table` as an attacker holding the database file would: copies its rows,
    /// drops it (its triggers go with it), recreates it without triggers and inserts the
    /// edited rows.
    static func rewrite(_ workspace: Workspace, table: String, _ edit: (inout [[DatabaseValue]]) throws -> Void) throws {
        try workspace.database.writeWithoutTransaction { db throws in
            let create = try String.fetchOne(
                db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", arguments: [table])!
            var rows = try Row.fetchAll(db, sql: "SELECT * FROM \(table)").map { Array($0.databaseValues) }
            try edit(&rows)
            try db.inTransaction {
                try db.execute(sql: "DROP TABLE \(table)")
                try db.execute(sql: create)
                for row in rows {
                    let marks = Array(repeating: "?", count: row.count).joined(separator: ", ")
                    try db.execute(sql: "INSERT INTO \(table) VALUES (\(marks))", arguments: StatementArguments(row))
                }
                return .commit
            }
        }
    }

    /// Where a verify report says the log differs: "entry 5", "node (1, 2)", "checkpoint 64", or "intact".
    static func location(_ report: LedgerStore.VerifyReport) -> String {
        switch report.problem {
        case nil: "intact"
        case .entry(let sequence, _): "entry \(sequence)"
        case .node(let id, _): "node \(id)"
        case .checkpoint(let size, _): "checkpoint \(size)"
        }
    }
}
