import ArgumentParser
import Foundation
import GatehouseCSV
import GatehouseCore
import GatehouseStore

struct MatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Decide a batch of requests against a store of records, statelessly.",
        discussion: """
            Reads the protected records and a batch of requests (CSV, layouts as in DESIGN.md), \
            and writes one decision per request, in input order: \
            request_id,outcome,record_id,score,reasons.

            Outcomes: verified (exactly one person fits by name AND an address on file), \
            ambiguous (more than one person fits), not_found, insufficient (the request fails \
            the sufficiency gate and was never matched), rejected (the row itself is malformed).

            Profiles: 'statutory' (default) applies the gate and the legal conditions; \
            'linkage' runs the linkage engine alone — no gate, no address-on-file rule — and \
            verifies at a match probability of at least 0.99 with a clear best, for benchmarks \
            against general linkage tools and for data without case references or US addresses.

            Exit status: 0 on success, 2 when an input is not readable CSV or lacks a required column.
            """
    )

    @Option(name: .long, help: ArgumentHelp("The protected records (Records CSV).", valueName: "R.csv"))
    var records: String

    @Option(name: .long, help: ArgumentHelp("The batch to decide (Requests CSV).", valueName: "Q.csv"))
    var requests: String

    @Option(name: .long, help: ArgumentHelp("Where to write the decisions (CSV).", valueName: "D.csv"))
    var out: String

    @Option(name: .long, help: "statutory (gate + legal conditions) or linkage (identity only).")
    var profile: ProfileName = .statutory

    @Option(
        name: .long,
        help: ArgumentHelp("Also write one JSON line per request explaining its decision.", valueName: "E.jsonl"))
    var explain: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Rename columns of the requests file: NAME=COLUMN[,NAME=COLUMN…].", valueName: "mapping"))
    var map: [String] = []

    @Option(
        name: .long, help: ArgumentHelp("Rename columns of the records file: NAME=COLUMN[,…].", valueName: "mapping"))
    var recordsMap: [String] = []

    @Option(name: .long, help: "The match probability a verified outcome needs (default 0.99, or the agreement's).")
    var threshold: Double?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Decide under a data-sharing agreement (YAML): its sufficiency profile, required fields and match threshold.",
            valueName: "A.yaml"))
    var agreement: String?

    @Flag(
        name: .long, help: "Print the field weights (m, u, log2 m/u per level) used for this batch to standard error.")
    var showWeights = false

    enum ProfileName: String, ExpressibleByArgument, CaseIterable {
        case statutory, linkage
    }

    func validate() throws {
        if let threshold, !(0.5..<1).contains(threshold) {
            throw ValidationError("--threshold must be at least 0.5 and below 1.")
        }
        if agreement != nil && profile == .linkage {
            throw ValidationError("--agreement decides under the agreement's own profile; leave out --profile linkage.")
        }
    }

    func run() async throws {
        let start = ContinuousClock.now
        do {
            let recordsMapping = try ColumnMapping(parsing: recordsMap)
            let requestsMapping = try ColumnMapping(parsing: map)
            // The requests are read while the records load: the cores have room for them when the
            // index is being finished.
            async let requestsLoad = Loading.requests(path: requests, mapping: requestsMapping)
            // A statutory batch needs only the keys the statutory rule reads (about half of them).
            let (index, stats) = try await Loading.records(
                path: records, mapping: recordsMapping, keys: .needed(by: profile == .linkage ? .linkage : .statutory))
            for (line, detail) in stats.rejected.prefix(20) {
                printError("records line \(line): skipped, \(detail)")
            }
            if stats.rejected.count > 20 { printError("records: \(stats.rejected.count) rows skipped in all") }
            let loaded = seconds(since: start)
            let (sufficiency, agreedThreshold) = try sufficiencyProfile()
            let (rows, absent) = try await requestsLoad
            if profile == .statutory, absent.contains("case_reference") {
                printError(
                    "note: the requests file has no case_reference column: every request will be insufficient under the statutory profile"
                )
            }
            let policy = MatchPolicy(
                mode: profile == .statutory ? .statutory : .linkage, threshold: threshold ?? agreedThreshold)
            let readRequests = ContinuousClock.now
            var matcher = Matcher(index: index, modes: [policy.mode])
            if policy.mode == .linkage {
                // m is learned from the batch itself (EM) only under the linkage profile.
                let requestsToLearnFrom = rows.compactMap { row -> Request? in
                    if case .request(let request) = row { return request }
                    return nil
                }
                matcher = matcher.trained(on: requestsToLearnFrom, policy: policy)
            }
            let weighed = ContinuousClock.now
            if showWeights { printError(matcher.weights.table) }
            let engine = DecisionEngine(
                matcher: matcher, profile: sufficiency, policy: policy)
            let results = await Batch.decide(rows, engine: engine, explain: explain != nil)
            let decided = ContinuousClock.now
            try await Batch.writeDecisions(results, to: out)
            if let explain { try Batch.writeExplanations(results, index: index, to: explain) }
            var counts: [Outcome: Int] = [:]
            for result in results { counts[result.decision.outcome, default: 0] += 1 }
            print("records: \(stats.rows.formatted()) rows, \(index.count.formatted()) people, loaded in \(loaded)")
            print("requests: \(rows.count.formatted())")
            for outcome in Outcome.allCases {
                print(
                    "  \(outcome.rawValue.padding(toLength: 13, withPad: " ", startingAt: 0)) \((counts[outcome] ?? 0).formatted())"
                )
            }
            print(
                "weights estimated in \(seconds(since: readRequests, until: weighed)), decided in \(seconds(since: weighed, until: decided))"
            )
            print("decisions written to \(out) in \(seconds(since: start))")
        } catch let error as DocumentFileError {
            printError("error: \(error)")
            throw ExitCode(2)
        } catch let error as CSVError {
            printError("error: \(error)")
            throw ExitCode(2)
        }
    }

    /// The sufficiency profile and threshold: the agreement's when one is given, else the profile's.
    func sufficiencyProfile() throws -> (SufficiencyProfile, Double) {
        guard let agreement else { return (profile == .statutory ? .statutory : .linkage, 0.99) }
        let document = try DocumentFiles.agreement(at: agreement)
        guard let sufficiency = document.profile, sufficiency.addressRule == .completeStreet else {
            printError(
                "error: \(agreement): 'match' decides only under the statutory rules; its profile is \(document.sufficiencyProfile)"
            )
            throw ExitCode(2)
        }
        return (sufficiency, document.matchThreshold)
    }
}
