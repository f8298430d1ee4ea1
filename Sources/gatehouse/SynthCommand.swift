import ArgumentParser

struct SynthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "(not yet implemented)"
    )

    func run() async throws {
        throw ExitCode(2)
    }
}
