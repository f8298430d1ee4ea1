import ArgumentParser
import GatehouseStore

struct KeysRotateData: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate-data",
        abstract: "Seal every protected value again under a new data key, then retire the old one.",
        discussion: """
            The request rows and released values of a workspace are sealed with AES-256-GCM under \
            the data key (keys/data.key, or the file $GATEHOUSE_DATA_KEY names), kept apart from \
            the database. This adds a new key version to that file, seals every value again in \
            short transactions (other commands and the server go on meanwhile, reading either \
            version), and removes the old versions once nothing uses them. Rows stored in the \
            clear by an older Gatehouse are sealed on the way. The ledger holds only hashes: it \
            verifies with or without the key.

            Exit status: 0 done; 1 the old key could not be retired yet (a value was sealed with \
            it meanwhile: run it again); 2 no workspace, no key file, or a value that does not open.
            """)

    @OptionGroup var options: WorkspaceOptions

    func run() async throws {
        let workspace = try options.open()
        let progress = Progress("sealing")
        let rotation: Workspace.DataKeyRotation
        do {
            rotation = try workspace.rotateDataKey { progress.update($0) }
        } catch let error as WorkspaceError {
            progress.finish()
            printError("error: \(error)")
            throw ExitCode(2)
        }
        progress.finish()
        print(
            "data key version \(rotation.version): \(rotation.requestRows.formatted()) request rows and \(rotation.disclosures.formatted()) disclosures sealed again"
        )
        if rotation.retired {
            print("older key versions retired from \(workspace.dataKeyPath)")
        } else {
            printError("the older key versions are still in use (a value was sealed meanwhile); run it again")
            throw ExitCode(1)
        }
    }
}
