import ArgumentParser
import GatehouseStore

struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a workspace: the database that holds records, agreements, court orders and batches.",
        discussion: """
            A workspace is a folder. It holds gatehouse.sqlite (the database), index/ (the match \
            index, rebuilt whenever the records change) and keys/ (the ledger's signing keys). \
            Every other command works on one workspace, chosen with --workspace DIR, else \
            $GATEHOUSE_WORKSPACE, else the current directory.

            The folder is created when absent. A folder that already holds a workspace is left \
            untouched.

            Exit status: 0 on success, 2 when the folder already holds a workspace, 1 when it \
            cannot be created.
            """
    )

    @Argument(
        help: ArgumentHelp(
            "The workspace folder (default: $GATEHOUSE_WORKSPACE, else the current directory).",
            valueName: "DIR"))
    var directory: String?

    func run() async throws {
        let path = Workspace.resolve(directory)
        do {
            let workspace = try Workspace.create(at: path)
            print("created a workspace at \(workspace.path)")
            print("next: gatehouse records import R.csv --workspace \(workspace.path)")
        } catch let error as WorkspaceError {
            throw exitReporting(error)
        }
    }
}
