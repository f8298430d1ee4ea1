import ArgumentParser
import Foundation
import GatehouseCore
import GatehouseStore

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Counts for a court declaration, and the 24-hour incident report of a review.",
        subcommands: [ReportDeclaration.self, ReportIncident.self])
}

struct ReportDeclaration: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "declaration",
        abstract: "Print the counts a court declaration needs about one agreement's disclosures.",
        discussion: """
            Requests submitted, sufficient, verified, released, released with an address, and of \
            the address releases how many rested on an address the statutory gate finds \
            insufficient (by reason code) or on a requester's address not confirmed on file. Counts only.
            """)

    @OptionGroup var options: WorkspaceOptions

    @Option(name: .long, help: "The agreement (its id).")
    var agreement: String

    @Flag(name: .long, help: "Print as JSON.")
    var json = false

    func run() async throws {
        try await runReviewCommand {
            let report = try await RetroactiveReview(workspace: try options.open()).declaration(agreementID: agreement)
            print(json ? documentJSON(report) : report.text())
        }
    }
}

struct ReportIncident: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "incident",
        abstract: "Draft the 24-hour incident report of a review (dates, how found, data elements, counts).",
        discussion: "Markdown by default; no name, address, TIN or birth date appears in it.")

    @OptionGroup var options: WorkspaceOptions

    @Argument(help: "The review id.")
    var reviewID: String

    @Flag(name: .long, help: "Print as JSON.")
    var json = false

    func run() async throws {
        try await runReviewCommand {
            let report = try RetroactiveReview(workspace: try options.open()).incident(reviewID: reviewID)
            print(json ? documentJSON(report) : report.markdown())
        }
    }
}
