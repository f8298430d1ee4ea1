import ArgumentParser

struct LedgerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger",
        abstract: "(not yet implemented)"
    )

    func run() async throws {
        throw ExitCode(2)
    }
}
