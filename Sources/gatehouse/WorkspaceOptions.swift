import ArgumentParser
import Foundation
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

/// Prints rows under a header, in columns padded to the widest cell.
func printDocumentTable(_ header: [String], _ rows: [[String]]) {
    var widths = header.map(\.count)
    for row in rows {
        for (column, cell) in row.enumerated() where column < widths.count { widths[column] = max(widths[column], cell.count) }
    }
    for row in [header] + rows {
        let cells = row.enumerated().map { column, cell in
            column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
        }
        print(cells.joined(separator: "  "))
    }
}

/// Prints a document's versions, marking the one shown.
func printDocumentHistory(_ versions: [DocumentVersion], shown: Int) {
    for version in versions {
        let mark = version.version == shown ? "*" : " "
        let status = version.status.padding(toLength: 9, withPad: " ", startingAt: 0)
        print("\(mark) version \(version.version)  \(status)  \(version.createdAt)  sha256 \(version.sha256)")
    }
    print("")
}

/// A document as indented JSON with sorted keys, for reading.
func documentJSON(_ value: some Encodable) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(value) else { return "" }
    return String(decoding: data, as: UTF8.self)
}
