import ArgumentParser
import GatehouseCore
import GatehouseStore

struct OrderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "order",
        abstract: "Store and inspect court orders that limit disclosures (versioned YAML files).",
        discussion: """
            A court order names the agreements or requesters it covers and what it does while in \
            force: forbid fields (forbid_fields: [last_known_address]), suspend every disclosure \
            (suspend_disclosures: true), or bar use of releases made before a date \
            (bar_use_of_releases_before: DATE). Orders are checked when a request is decided and \
            again when a batch is released, so an order stored in between withholds at release.

            Every change is a new version; lifting an order stores its latest version with status \
            vacated. See examples/order-forbid-address.yaml for the format.
            """,
        subcommands: [Add.self, List.self, Show.self, Lift.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Store a court order file as a new version.",
            discussion: """
                The file's version must be higher than every stored version of the same id. The \
                file is checked first; a problem is reported with its place in the file.

                Exit status: 0 when stored, 2 when the file is invalid or its version is not new.
                """)

        @Argument(help: ArgumentHelp("The court order (YAML).", valueName: "FILE.yaml"))
        var file: String

        @OptionGroup var options: WorkspaceOptions

        func run() async throws {
            let order: CourtOrder
            do {
                order = try DocumentFiles.courtOrder(at: file)
            } catch {
                printError("error: \(error)")
                throw ExitCode(2)
            }
            let workspace = try options.open()
            do {
                let version = try workspace.addOrder(order)
                let stored = try workspace.orderVersions(id: order.id).last
                print("stored court order \(order.id) version \(version) (\(order.status.rawValue), sha256 \(stored?.sha256 ?? ""))")
            } catch let error as WorkspaceError {
                throw exitReporting(error)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the latest version of every court order, in force or not.")

        @OptionGroup var options: WorkspaceOptions

        func run() async throws {
            let workspace = try options.open()
            let orders: [CourtOrder]
            do {
                orders = try workspace.orders()
            } catch let error as WorkspaceError {
                throw exitReporting(error)
            }
            guard !orders.isEmpty else {
                print("no court orders")
                return
            }
            printDocumentTable(
                ["ID", "VERSION", "STATUS", "EFFECTIVE", "EFFECT", "SCOPE", "CASE"],
                orders.map { order in
                    [order.id, String(order.version), order.status.rawValue, order.effective, Self.effect(order),
                     Self.scope(order), "\(order.caseNumber), \(order.court)"]
                })
        }

        static func effect(_ order: CourtOrder) -> String {
            var parts: [String] = []
            if !order.effect.forbidFields.isEmpty {
                parts.append("forbid " + order.effect.forbidFields.map(\.rawValue).joined(separator: ","))
            }
            if order.effect.suspendDisclosures { parts.append("suspend disclosures") }
            if let date = order.effect.barUseOfReleasesBefore { parts.append("bar releases before \(date)") }
            return parts.joined(separator: "; ")
        }

        static func scope(_ order: CourtOrder) -> String {
            order.scope.coversEveryAgreement
                ? "every agreement" : (order.scope.agreements + order.scope.requesters).joined(separator: ",")
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a court order as stored (the latest version unless --version is given), and its history.")

        @Argument(help: "The order's id.")
        var id: String

        @Option(name: .long, help: "The version to show.")
        var version: Int?

        @OptionGroup var options: WorkspaceOptions

        func run() async throws {
            let workspace = try options.open()
            do {
                guard let order = try workspace.order(id: id, version: version) else {
                    throw WorkspaceError(
                        .unknownDocument, "no court order \(id)\(version.map { " version \($0)" } ?? "") in this workspace")
                }
                printDocumentHistory(try workspace.orderVersions(id: id), shown: order.version)
                print(documentJSON(order))
            } catch let error as WorkspaceError {
                throw exitReporting(error)
            }
        }
    }

    struct Lift: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Lift a court order: store it as vacated, so it no longer applies.",
            discussion: "Past decisions keep the orders they were made under; a review can replay them.")

        @Argument(help: "The order's id.")
        var id: String

        @OptionGroup var options: WorkspaceOptions

        func run() async throws {
            let workspace = try options.open()
            do {
                let order = try workspace.liftOrder(id: id)
                print("court order \(id) is vacated as of version \(order.version)")
            } catch let error as WorkspaceError {
                throw exitReporting(error)
            }
        }
    }
}
