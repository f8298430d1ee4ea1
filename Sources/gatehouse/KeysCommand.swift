import ArgumentParser

/// The `keys` group. The server's API keys join it (issue 14); data keys are in
/// `KeysRotateDataCommand.swift`.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Manage the workspace's keys.",
        subcommands: [KeysRotateData.self]
    )
}
