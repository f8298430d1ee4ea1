import ArgumentParser
import GatehouseStore

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check every table the ledger covers against its entries, and name each row that differs.",
        discussion: """
            First the whole log is verified as 'gatehouse ledger verify' does. Then every stored \
            agreement and court-order version, batch, request row, decision, approval and \
            disclosure is compared with the ledger entry that recorded it, and those entries with \
            the latest signed checkpoint. A row edited, added or deleted behind the pipeline's back \
            (for instance by someone who dropped the triggers) is named by its table and key, with \
            what differs: identifiers, codes and field names, never a person's data.

            Release, results, approval and deciding run the same checks on the rows they act on \
            and refuse on any difference (a 'refusal' ledger entry).

            Exit status: 0 every row agrees with the ledger; 1 a row differs or the log is not \
            intact; 2 no workspace or key.
            """)

    @OptionGroup var options: WorkspaceOptions

    func run() async throws {
        let workspace = try options.open()
        let report: WorkspaceAudit.Report
        do {
            report = try WorkspaceAudit(workspace: workspace).run()
        } catch let error as LedgerStoreError {
            printError("error: \(error)")
            throw ExitCode(2)
        }
        print(report)
        if !report.isClean { throw ExitCode(1) }
    }
}
