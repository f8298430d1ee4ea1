import ArgumentParser
import GatehouseStore

/// `--workspace DIR`, shared by every command that works on a workspace (`@OptionGroup`).
struct WorkspaceOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The workspace folder (default: $GATEHOUSE_WORKSPACE, else the current directory).",
            valueName: "DIR"))
    var workspace: String?

    /// The folder the command works on.
    var path: String { Workspace.resolve(workspace) }

    /// Opens the workspace; when there is none, says so and exits with status 2.
    func open() throws -> Workspace {
        do {
            return try Workspace.open(at: path)
        } catch let error as WorkspaceError {
            throw exitReporting(error)
        }
    }
}

/// Prints a workspace error and returns the exit code for it: 2 for a problem with the input
/// (a missing workspace, an unknown id, a stale version), 1 for a file that cannot be written.
func exitReporting(_ error: WorkspaceError) -> ExitCode {
    printError("error: \(error)")
    return error.code == .io ? ExitCode(1) : ExitCode(2)
}
