import ArgumentParser
import Foundation
import GatehouseStore

struct AccountingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accounting",
        abstract: "List every disclosure made about one person.",
        discussion: """
            The accounting of disclosures that privacy law requires a holder to keep: for each release \
            about the person, the date, the recipient, the purpose, the legal basis and the fields. \
            Looking is itself recorded in the ledger (who looked, at whom — by hashed id).
            """
    )

    @OptionGroup var options: WorkspaceOptions

    @Argument(help: "The person's record_id in the store.")
    var recordID: String

    @Option(name: .long, help: "Who is looking (recorded in the ledger; default: $USER).")
    var actor: String = ProcessInfo.processInfo.environment["USER"] ?? "unknown"

    @Flag(name: .long, help: "Print JSON instead of a table.")
    var json = false

    func run() async throws {
        try await runBatchCommand {
            let pipeline = BatchPipeline(workspace: try options.open())
            let entries = try pipeline.accounting(recordID: recordID, actor: actor)
            if json {
                let objects = entries.map {
                    [
                        "released_at": $0.releasedAt, "batch": $0.batchID, "request_id": $0.requestID,
                        "recipient": $0.recipient,
                        "purpose": $0.purpose, "legal_basis": $0.legalBasis.joined(separator: "; "),
                        "agreement": "\($0.agreementID) v\($0.agreementVersion)",
                        "fields": $0.fields.joined(separator: ", "),
                    ]
                }
                let data = try JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys])
                print(String(decoding: data, as: UTF8.self))
                return
            }
            if entries.isEmpty { print("no disclosures about \(recordID)") }
            for entry in entries {
                print("\(entry.releasedAt)  batch \(entry.batchID)  request \(entry.requestID)")
                print("  recipient:   \(entry.recipient)")
                print("  purpose:     \(entry.purpose)")
                print("  legal basis: \(entry.legalBasis.joined(separator: "; "))")
                print("  agreement:   \(entry.agreementID) v\(entry.agreementVersion)")
                print("  fields:      \(entry.fields.joined(separator: ", "))")
            }
        }
    }
}
