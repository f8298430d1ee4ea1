import ArgumentParser
import Foundation
import GatehouseCSV
import GatehouseCore
import GatehouseStore

struct ExplainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain why one request was (or was not) verified.",
        discussion: """
            Decides one request exactly as `match` and `batch submit` do, and prints each step: how \
            its name was split and its address parsed and standardized (USPS Publication 28), every \
            sufficiency-gate finding with its citation, the candidates the blocking keys found with \
            each field's agreement level and weight (log2 m/u), whether each fits the rule, and the \
            decision. The tool an officer or an auditor uses to answer "why was this person (not) \
            verified?".

            The request comes from flags (--given, --surname, --line1, …) or from one row of a \
            Requests CSV (--requests Q.csv --request-id ID). The store is a Records CSV (--records) \
            or, without --records, the workspace's imported store; in a workspace the look-up is an \
            inspection event in the ledger, since it shows who in the store resembles the request.

            Examples:
              gatehouse explain --records records.csv --given David --surname Klein \\
                  --line1 "707 Elm St" --city Omaha --state NE --case-reference K-1
              gatehouse explain --workspace ws --agreement ice-irs-2025 --requests batch.csv --request-id Q-17

            Exit status: 0 when the request was explained, 2 when an input cannot be read or the \
            request is not in the file.
            """
    )

    @OptionGroup var workspaceOptions: WorkspaceOptions

    @Option(name: .long, help: ArgumentHelp("Explain against this Records CSV instead of a workspace.", valueName: "R.csv"))
    var records: String?

    @Option(name: .long, help: ArgumentHelp("Read the request from this Requests CSV.", valueName: "Q.csv"))
    var requests: String?

    @Option(name: .customLong("request-id"), help: "The request_id of the row to explain (with --requests).")
    var requestID: String?

    @Option(name: .long, help: "The given name (first name), as the requester wrote it.") var given: String = ""
    @Option(name: .long, help: "The middle name.") var middle: String = ""
    @Option(name: .long, help: "The surname (last name).") var surname: String = ""
    @Option(name: .customLong("birth-date"), help: "The birth date (YYYY-MM-DD).") var birthDate: String = ""
    @Option(name: .long, help: "The TIN (nine digits).") var tin: String = ""
    @Option(name: .long, help: "Address line 1.") var line1: String = ""
    @Option(name: .long, help: "Address line 2.") var line2: String = ""
    @Option(name: .long, help: "City.") var city: String = ""
    @Option(name: .long, help: "State.") var state: String = ""
    @Option(name: .long, help: "ZIP code.") var postcode: String = ""
    @Option(name: .customLong("case-reference"), help: "The case reference (the statutory gate requires one).")
    var caseReference: String = ""

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Decide under an agreement: its id in the workspace, or with --records an agreement YAML file.",
            valueName: "ID|A.yaml"))
    var agreement: String?

    @Option(name: .long, help: "statutory (gate + legal conditions) or linkage (identity only), without --agreement.")
    var profile: MatchCommand.ProfileName = .statutory

    @Option(name: .long, help: "How many candidates to show, best first.")
    var candidates: Int = 5

    @Option(name: .long, help: "Who is looking (recorded in the workspace's ledger; default: $USER).")
    var actor: String = ProcessInfo.processInfo.environment["USER"] ?? "unknown"

    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false

    func validate() throws {
        if requests != nil && requestID == nil { throw ValidationError("--requests needs --request-id.") }
        if requests == nil && requestID != nil { throw ValidationError("--request-id needs --requests.") }
        if requests == nil && given.isEmpty && surname.isEmpty && line1.isEmpty {
            throw ValidationError("Give the request with --given, --surname, --line1 … or --requests Q.csv --request-id ID.")
        }
        if candidates < 0 { throw ValidationError("--candidates must be 0 or more.") }
    }

    func run() async throws {
        do {
            let request = try readRequest()
            let (index, engine, source) = try await loadEngine()
            let explanation = engine.explain(request, candidates: candidates)
            if records == nil {
                // What the store holds about people resembling the request was shown.
                let pipeline = BatchPipeline(workspace: try workspaceOptions.open())
                try pipeline.recordInspection(actor: actor, action: "explain", subjectID: request.requestID)
            }
            if json {
                print(ExplainRendering.json(explanation, index: index))
            } else {
                print(ExplainRendering.text(explanation, index: index, engine: engine, source: source))
            }
        } catch let error as CSVError {
            printError("error: \(error)")
            throw ExitCode(2)
        } catch let error as DocumentFileError {
            printError("error: \(error)")
            throw ExitCode(2)
        } catch let error as WorkspaceError {
            throw exitReporting(error)
        }
    }

    /// The request from the flags, or the named row of --requests.
    func readRequest() throws -> Request {
        guard let requests, let requestID else {
            return Request(
                requestID: "explain", tin: tin, givenName: given, middleName: middle, surname: surname,
                birthDate: birthDate,
                address: PostalAddress(line1: line1, line2: line2, city: city, state: state, postcode: postcode),
                caseReference: caseReference)
        }
        let reader = try RequestsReader(path: requests)
        while let row = reader.next() {
            switch row {
            case .request(let request) where request.requestID == requestID: return request
            case .rejected(let line, let id, let code, let detail) where id == requestID:
                printError("error: \(requests) line \(line): request \(requestID) is malformed (\(code.rawValue)): \(detail)")
                throw ExitCode(2)
            default: continue
            }
        }
        try reader.finish()
        printError("error: \(requests) has no request with request_id \(requestID)")
        throw ExitCode(2)
    }

    /// The store's index and the engine that decides under the profile or agreement asked for,
    /// with a line saying where the store came from.
    func loadEngine() async throws -> (RecordIndex, DecisionEngine, String) {
        var sufficiency: SufficiencyProfile = profile == .statutory ? .statutory : .linkage
        var mode: MatchPolicy.Mode = profile == .statutory ? .statutory : .linkage
        var threshold = 0.99
        let index: RecordIndex
        let source: String
        if let records {
            if let agreement {
                let document = try DocumentFiles.agreement(at: agreement)
                sufficiency = document.profile ?? .statutory
                mode = sufficiency.matchMode
                threshold = document.matchThreshold
            }
            (index, _) = try await Loading.records(path: records, mapping: ColumnMapping(), keys: .needed(by: mode))
            source = "records file \(records)"
        } else {
            let workspace = try workspaceOptions.open()
            if let agreement {
                guard let document = try workspace.latestAgreement(id: agreement) else {
                    printError("error: the workspace has no agreement \(agreement)")
                    throw ExitCode(2)
                }
                sufficiency = document.profile ?? .statutory
                mode = sufficiency.matchMode
                threshold = document.matchThreshold
            }
            index = try await workspace.loadIndex(keys: .needed(by: mode))
            source = "workspace \(workspaceOptions.path)"
        }
        let matcher = Matcher(index: index, modes: [mode])
        return (index, DecisionEngine(matcher: matcher, profile: sufficiency, policy: MatchPolicy(mode: mode, threshold: threshold)), source)
    }
}
