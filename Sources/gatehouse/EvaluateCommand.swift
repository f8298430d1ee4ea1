import ArgumentParser

struct EvaluateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "(not yet implemented)"
    )

    func run() async throws {
        throw ExitCode(2)
    }
}
