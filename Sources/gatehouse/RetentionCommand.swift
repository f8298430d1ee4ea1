import ArgumentParser
import GatehouseStore

struct RetentionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention",
        abstract: "Apply the agreements' retention: purge request rows and responses kept past it.",
        subcommands: [RetentionRun.self]
    )
}

struct RetentionRun: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Purge every batch whose agreement's retention_days have passed since its release.",
        discussion: """
            An agreement's retention_days says how long a batch's request rows and the values \
            released to the requester are kept after the release (after the submission for a batch \
            never released). This purges them, one batch per transaction with a 'retention' ledger \
            entry. The decisions, the disclosures' fields and result codes (the accounting of \
            disclosures, 'gatehouse accounting') and the ledger are kept. The server runs the same \
            once a day. 'gatehouse batch show' tells each batch's retention.

            Exit status: 0 (whether anything was purged or not); 2 no workspace or key.
            """)

    @OptionGroup var options: WorkspaceOptions

    func run() async throws {
        let purges = try Retention(workspace: try options.open()).run()
        for purge in purges {
            print(
                "batch \(purge.batchID): \(purge.requestRows.formatted()) request rows and \(purge.disclosures.formatted()) released values purged (retention \(purge.days) days)"
            )
        }
        print(purges.isEmpty ? "nothing to purge" : "\(purges.count) batch(es) purged")
    }
}
