import ArgumentParser
import Foundation
import GatehouseCore
import GatehouseStore

struct DisposalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disposal",
        abstract: "Draft disposal notices from a review, record certifications, and track them.",
        subcommands: [DisposalDraft.self, DisposalAck.self, DisposalStatus.self])
}

struct DisposalDraft: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "draft",
        abstract: "Write one disposal notice per recipient of a review's findings.",
        discussion: """
            For each recipient: NOTICE_ID.md (Markdown) and NOTICE_ID.html (a printable page, \
            self-contained), plus notices.json (every notice, machine-readable). A notice cites the \
            agreement and any court order, lists the affected batches and request ids — never the \
            protected data — states the legal basis, and asks for certified destruction by the \
            deadline. Each notice is logged in the ledger; drafting again rewrites the same notices.
            """)

    @OptionGroup var options: WorkspaceOptions

    @Argument(help: "The review id (from 'gatehouse review').")
    var reviewID: String

    @Option(
        name: .long, help: ArgumentHelp("The folder to write the notices into (created if absent).", valueName: "DIR"))
    var out: String

    @Option(name: .long, help: "Days from today until certified destruction is due.")
    var deadlineDays = 30

    func run() async throws {
        try await runReviewCommand {
            let review = RetroactiveReview(workspace: try options.open())
            let notices = try review.draftNotices(reviewID: reviewID, deadlineDays: deadlineDays)
            if notices.isEmpty {
                print("review \(reviewID) found nothing that no longer stands: no notice to draft")
                return
            }
            let files = try NoticeFiles.write(notices, to: out)
            for notice in notices {
                print(
                    "\(notice.noticeID)  \(notice.recipient)  \(notice.requestCount.formatted()) requests in \(notice.batches.count) batches  due \(notice.deadline)"
                )
            }
            print("wrote \(files.count) files to \(out) (notices.json, and .md and .html per notice)")
        }
    }
}

/// Writes notices as files.
enum NoticeFiles {
    /// Writes NOTICE_ID.md and NOTICE_ID.html per notice and notices.json; returns the paths.
    static func write(_ notices: [DisposalNotice], to directory: String) throws -> [String] {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            var paths: [String] = []
            for notice in notices {
                let base = (directory as NSString).appendingPathComponent(safeName(notice.noticeID))
                try notice.markdown().write(toFile: base + ".md", atomically: true, encoding: .utf8)
                try notice.html().write(toFile: base + ".html", atomically: true, encoding: .utf8)
                paths += [base + ".md", base + ".html"]
            }
            let json = (directory as NSString).appendingPathComponent("notices.json")
            try (documentJSON(notices) + "\n").write(toFile: json, atomically: true, encoding: .utf8)
            return paths + [json]
        } catch {
            throw ReviewError(.invalidInput, "cannot write the notices into \(directory)")
        }
    }

    /// Letters, digits, `-`, `_` and `.` only.
    static func safeName(_ id: String) -> String {
        String(id.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "_" })
    }
}

struct DisposalAck: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ack",
        abstract: "Record a recipient's certification that a notice's data was destroyed.")

    @OptionGroup var options: WorkspaceOptions

    @Argument(help: "The notice id.")
    var noticeID: String

    @Option(name: .long, help: "Who certified (name and title, as signed).")
    var by: String

    @Option(name: .long, help: ArgumentHelp("The day the certificate is dated.", valueName: "YYYY-MM-DD"))
    var certifiedOn: String

    func run() async throws {
        try await runReviewCommand {
            let review = RetroactiveReview(workspace: try options.open())
            try review.certify(noticeID: noticeID, by: by, certifiedOn: certifiedOn)
            print("notice \(noticeID): destruction certified on \(certifiedOn)")
        }
    }
}

struct DisposalStatus: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "List disposal notices: open, acknowledged (certified) and overdue.")

    @OptionGroup var options: WorkspaceOptions

    @Flag(name: .long, help: "Print as JSON.")
    var json = false

    func run() async throws {
        try await runReviewCommand {
            let statuses = try RetroactiveReview(workspace: try options.open()).noticeStatuses()
            if json {
                print(documentJSON(statuses))
                return
            }
            if statuses.isEmpty { print("no disposal notices") }
            printDocumentTable(
                ["notice", "state", "recipient", "requests", "deadline", "certified"],
                statuses.map { status in
                    [
                        status.noticeID, status.state.rawValue, status.recipient, status.findings.formatted(),
                        status.deadline, status.certifiedOn.map { "\($0) by \(status.certifiedBy ?? "")" } ?? "",
                    ]
                })
            let counts = Dictionary(grouping: statuses, by: \.state).mapValues(\.count)
            print(
                "open \(counts[.open] ?? 0), acknowledged \(counts[.acknowledged] ?? 0), overdue \(counts[.overdue] ?? 0)"
            )
        }
    }
}
