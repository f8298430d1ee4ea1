import ArgumentParser
import Foundation
import GatehouseCore
import GatehouseStore

struct ReviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Find every past release that no longer stands under the rules and orders in force now.",
        discussion: """
            Replays every past release (or those of one agreement, or since a day): the stored \
            request row is decided again — sufficiency gate and match — with today's records and \
            the agreement's current profile (or --profile, for "what if"), and the released fields \
            go through the disclosure policy with the agreement's latest version and the court \
            orders in force today. Each release that would not be made today, or whose use an order \
            bars, is a finding with its reason codes. The review is stored and logged in the ledger; \
            draft the disposal notices with 'gatehouse disposal draft REVIEW_ID --out DIR'.
            Exit status: 0 reviewed (whatever it found), 2 bad input or a legacy profile without the flag.
            """)

    @OptionGroup var options: WorkspaceOptions

    @Option(name: .long, help: "Only releases under this agreement (its id).")
    var agreement: String?

    @Option(name: .long, help: ArgumentHelp("Only releases on or after this day.", valueName: "YYYY-MM-DD"))
    var since: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Decide under this profile instead of each agreement's own: a name (statutory) or a YAML file.",
            valueName: "statutory|FILE.yaml"))
    var profile: String?

    @Flag(name: .long, help: "Allow the flawed 'legacy-zip-only' profile (replay and demonstration only).")
    var allowLegacyProfile = false

    @Flag(name: .long, help: "Print the summary as JSON.")
    var json = false

    func run() async throws {
        try await runReviewCommand {
            let workspace = try options.open()
            let chosen = try profile.map { try ProfileFile.profile($0) }
            if let chosen, chosen.isLegacy, !allowLegacyProfile {
                throw ReviewError(
                    .legacyProfileRefused,
                    "the '\(chosen.name)' profile reproduces a flawed rule; it needs --allow-legacy-profile")
            }
            if allowLegacyProfile { printError(SufficiencyProfile.legacyWarning) }
            let start = ContinuousClock.now
            let review = RetroactiveReview(workspace: workspace)
            let progress = Progress("replaying releases", total: nil)
            let counter = Counter()
            let summary = try await review.run(
                .init(agreementID: agreement, since: since, profile: chosen, allowLegacyProfile: allowLegacyProfile),
                progress: { progress.update(counter.add($0)) })
            progress.finish()
            let elapsed = seconds(since: start)
            if json {
                print(ReviewSummaryJSON(summary, seconds: elapsed).encoded())
            } else {
                printReviewSummary(summary)
                print("  took \(elapsed)")
                if summary.findings > 0 {
                    print("Next: gatehouse disposal draft \(summary.reviewID) --out notices/")
                }
            }
        }
    }
}

/// Runs a review, disposal or report command body, mapping errors to messages and exit codes.
func runReviewCommand<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as ReviewError {
        printError("error: \(error)")
        throw ExitCode(error.code == .alreadyCertified ? 1 : 2)
    } catch let error as DocumentFileError {
        printError("error: \(error)")
        throw ExitCode(2)
    }
}

func printReviewSummary(_ s: RetroactiveReview.Summary) {
    func line(_ label: String, _ value: Int, indent: Int = 2) {
        let text = String(repeating: " ", count: indent) + label
        print(text.padding(toLength: 52, withPad: " ", startingAt: 0) + value.formatted())
    }
    print("review \(s.reviewID) — \(s.reviewedOn) — profile \(s.profile)")
    line("decisions replayed", s.decisionsReplayed)
    line("disclosures reviewed", s.disclosuresReviewed)
    line("no longer standing", s.findings)
    for (category, count) in s.byCategory.sorted(by: { $0.key < $1.key }) { line(category.rawValue, count, indent: 4) }
    if !s.byReason.isEmpty { print("  by reason code:") }
    for (reason, count) in s.byReason.sorted(by: { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }) {
        line(reason.rawValue, count, indent: 4)
    }
    if !s.byRecipient.isEmpty { print("  by recipient:") }
    for (recipient, count) in s.byRecipient.sorted(by: { $0.key < $1.key }) { line(recipient, count, indent: 4) }
    if !s.orders.isEmpty { print("  court orders cited: \(s.orders.joined(separator: ", "))") }
}

/// A review summary as JSON (sorted keys).
struct ReviewSummaryJSON: Encodable {
    var review_id: String
    var reviewed_on: String
    var profile: String
    var decisions_replayed: Int
    var disclosures_reviewed: Int
    var no_longer_standing: Int
    var by_category: [String: Int]
    var by_reason: [String: Int]
    var by_recipient: [String: Int]
    var orders: [String]
    var elapsed: String

    init(_ s: RetroactiveReview.Summary, seconds: String) {
        review_id = s.reviewID
        reviewed_on = s.reviewedOn
        profile = s.profile
        decisions_replayed = s.decisionsReplayed
        disclosures_reviewed = s.disclosuresReviewed
        no_longer_standing = s.findings
        by_category = Dictionary(uniqueKeysWithValues: s.byCategory.map { ($0.key.rawValue, $0.value) })
        by_reason = Dictionary(uniqueKeysWithValues: s.byReason.map { ($0.key.rawValue, $0.value) })
        by_recipient = s.byRecipient
        orders = s.orders
        elapsed = seconds
    }

    func encoded() -> String { documentJSON(self) }
}
