import ArgumentParser

struct MatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "(not yet implemented)"
    )

    func run() async throws {
        throw ExitCode(2)
    }
}
