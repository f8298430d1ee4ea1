import ArgumentParser
import Foundation
import GatehouseCore
import GatehouseStore

struct AgreementCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agreement",
        abstract: "Store and inspect data-sharing agreements (versioned YAML files).",
        discussion: """
            An agreement says who may ask, under which statutes, how requests are judged and what a \
            verified outcome may release. Every change is a new version and old versions are kept: \
            a decision is always read with the version it was made under. Suspending or resuming \
            an agreement stores the latest version, with its status changed, as the next version.

            See examples/agreement.yaml for the format.
            """,
        subcommands: [Add.self, List.self, Show.self, Suspend.self, Resume.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Store an agreement file as a new version.",
            discussion: """
                The file's version must be higher than every stored version of the same id (the \
                file is the legal text, so Gatehouse never renumbers it). The file is checked \
                first; a problem is reported with its place in the file.

                Exit status: 0 when stored, 2 when the file is invalid or its version is not new.
                """)

        @Argument(help: ArgumentHelp("The agreement (YAML).", valueName: "FILE.yaml"))
        var file: String

        @OptionGroup var options: WorkspaceOptions

        func run() async throws {
            let agreement: Agreement
            do {
                agreement = try DocumentFiles.agreement(at: file)
            } catch {
                printError("error: \(error)")
                throw ExitCode(2)
            }
            let workspace = try options.open()
            do {
                let version = try workspace.addAgreement(agreement)
                let stored = try workspace.agreementVersions(id: agreement.id).last
                print("stored agreement \(agreement.id) version \(version) (\(agreement.status.rawValue), sha256 \(stored?.sha256 ?? ""))")
            } catch let error as WorkspaceError {
                throw exitReporting(error)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the latest version of every agreement.")

        @OptionGroup var options: WorkspaceOptions

        func run() async throws {
            let agreements = try options.open().agreements()
            guard !agreements.isEmpty else {
                print("no agreements; add one with gatehouse agreement add FILE.yaml")
                return
            }
            printDocumentTable(
                ["ID", "VERSION", "STATUS", "VALID", "REQUESTER"],
                agreements.map {
                    [$0.id, String($0.version), $0.status.rawValue, "\($0.validFrom)…\($0.validUntil)", $0.requester.agency]
                })
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show an agreement as stored (the latest version unless --version is given), and its history.")

        @Argument(help: "The agreement's id.")
        var id: String

        @Option(name: .long, help: "The version to show.")
        var version: Int?

        @OptionGroup var options: WorkspaceOptions

        func run() async throws {
            let workspace = try options.open()
            do {
                guard let agreement = try workspace.agreement(id: id, version: version) else {
                    throw WorkspaceError(
                        .unknownDocument, "no agreement \(id)\(version.map { " version \($0)" } ?? "") in this workspace")
                }
                printDocumentHistory(try workspace.agreementVersions(id: id), shown: agreement.version)
                print(documentJSON(agreement))
            } catch let error as WorkspaceError {
                throw exitReporting(error)
            }
        }
    }

    struct Suspend: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Suspend an agreement: no batch is accepted and nothing is released under it.")

        @Argument(help: "The agreement's id.")
        var id: String

        @OptionGroup var options: WorkspaceOptions

        func run() async throws {
            try AgreementCommand.changeStatus(id: id, to: .suspended, options: options)
        }
    }

    struct Resume: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Resume a suspended agreement.")

        @Argument(help: "The agreement's id.")
        var id: String

        @OptionGroup var options: WorkspaceOptions

        func run() async throws {
            try AgreementCommand.changeStatus(id: id, to: .active, options: options)
        }
    }

    static func changeStatus(id: String, to status: Agreement.Status, options: WorkspaceOptions) throws {
        let workspace = try options.open()
        do {
            let agreement = try workspace.setAgreementStatus(id: id, status)
            print("agreement \(id) is \(status.rawValue) as of version \(agreement.version)")
        } catch let error as WorkspaceError {
            throw exitReporting(error)
        }
    }
}
