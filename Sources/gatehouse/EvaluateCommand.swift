import ArgumentParser
import Foundation
import GatehouseCSV

struct EvaluateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Score a decisions file against a truth file.",
        discussion: """
            The truth file (written by 'gatehouse synth') has request_id,true_record_id,sufficient,kind: \
            true_record_id is the one record a correct system verifies, empty when none should be. \
            Prints precision (correct verifications / verifications), recall (correct verifications / \
            sufficient requests whose person is in the store), false verifications, verifications of \
            insufficient requests, gate recall (insufficient requests called insufficient), sufficient \
            requests wrongly called insufficient, and a breakdown by kind.
            """
    )

    @Option(name: .long, help: ArgumentHelp("Decisions CSV from 'gatehouse match'.", valueName: "D.csv"))
    var decisions: String

    @Option(name: .long, help: ArgumentHelp("Truth CSV from 'gatehouse synth'.", valueName: "T.csv"))
    var truth: String

    @Flag(name: .long, help: "Print the figures as one JSON object instead of a table.")
    var json = false

    struct Truth {
        var record: String
        var sufficient: Bool
        var kind: String
    }

    func run() async throws {
        do {
            let truthRows = try readTable(truth, columns: ["request_id", "true_record_id", "sufficient", "kind"])
            var truthByID: [String: Truth] = [:]
            for row in truthRows {
                truthByID[row[0]] = Truth(record: row[1], sufficient: row[2].lowercased() == "true", kind: row[3])
            }
            let decisionRows = try readTable(decisions, columns: ["request_id", "outcome", "record_id"])
            var figures = Figures()
            var kinds: [String: KindFigures] = [:]
            var decided = Set<String>()
            for row in decisionRows {
                let (id, outcome, record) = (row[0], row[1], row[2])
                guard let expected = truthByID[id] else {
                    figures.unknownRequests += 1
                    continue
                }
                decided.insert(id)
                figures.add(expected: expected, outcome: outcome, record: record)
                kinds[expected.kind, default: KindFigures()].add(expected: expected, outcome: outcome, record: record)
            }
            figures.missingDecisions = truthByID.keys.filter { !decided.contains($0) }.count
            if json {
                var object = figures.dictionary
                object["kinds"] = kinds.mapValues(\.dictionary)
                let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted])
                print(String(decoding: data, as: UTF8.self))
            } else {
                figures.printTable()
                print("")
                print(
                    "by kind                                   requests  verified   correct     wrong ambiguous not_found insuff."
                )
                for (kind, k) in kinds.sorted(by: { $0.key < $1.key }) {
                    print(
                        [
                            kind.padding(toLength: 40, withPad: " ", startingAt: 0),
                            pad(k.requests), pad(k.verified), pad(k.correct), pad(k.wrong), pad(k.ambiguous),
                            pad(k.notFound), pad(k.insufficient),
                        ].joined(separator: " "))
                }
            }
        } catch let error as CSVError {
            printError("error: \(error)")
            throw ExitCode(2)
        }
    }

    func pad(_ value: Int) -> String {
        let text = String(value)
        return String(repeating: " ", count: max(0, 9 - text.count)) + text
    }

    func readTable(_ path: String, columns: [String]) throws -> [[String]] {
        let reader = try CSVReader(path: path)
        let indices = try ColumnMapping().bind(
            columns: columns, required: Set(columns), header: reader.header, path: path)
        var rows: [[String]] = []
        while let row = reader.next() {
            guard row.problem == nil else { continue }
            rows.append(indices.map { index in index.flatMap { $0 < row.cells.count ? row.cells[$0] : nil } ?? "" })
        }
        try reader.finish()
        return rows
    }
}

struct KindFigures {
    var requests = 0, verified = 0, correct = 0, wrong = 0, ambiguous = 0, notFound = 0, insufficient = 0

    mutating func add(expected: EvaluateCommand.Truth, outcome: String, record: String) {
        requests += 1
        switch outcome {
        case "verified":
            verified += 1
            if !expected.record.isEmpty && record == expected.record { correct += 1 } else { wrong += 1 }
        case "ambiguous": ambiguous += 1
        case "not_found": notFound += 1
        case "insufficient": insufficient += 1
        default: break
        }
    }

    var dictionary: [String: Int] {
        [
            "requests": requests, "verified": verified, "correct": correct, "wrong": wrong, "ambiguous": ambiguous,
            "not_found": notFound, "insufficient": insufficient,
        ]
    }
}

struct Figures {
    var requests = 0
    var verified = 0
    var correctVerified = 0
    var falseVerified = 0
    var verifiedInsufficient = 0
    var verifiedAmbiguousFatherSon = 0
    var sufficientInStore = 0
    var truthInsufficient = 0
    var gateCaught = 0
    var truthSufficient = 0
    var sufficientCalledInsufficient = 0
    var unknownRequests = 0
    var missingDecisions = 0

    mutating func add(expected: EvaluateCommand.Truth, outcome: String, record: String) {
        requests += 1
        if expected.sufficient {
            truthSufficient += 1
            if !expected.record.isEmpty { sufficientInStore += 1 }
            if outcome == "insufficient" { sufficientCalledInsufficient += 1 }
        } else {
            truthInsufficient += 1
            if outcome == "insufficient" { gateCaught += 1 }
        }
        guard outcome == "verified" else { return }
        verified += 1
        if !expected.sufficient { verifiedInsufficient += 1 }
        if !expected.record.isEmpty && record == expected.record && expected.sufficient {
            correctVerified += 1
        } else {
            falseVerified += 1
            if expected.kind.contains("father_son") && expected.record.isEmpty { verifiedAmbiguousFatherSon += 1 }
        }
    }

    var precision: Double { verified == 0 ? 1 : Double(correctVerified) / Double(verified) }
    var recall: Double { sufficientInStore == 0 ? 1 : Double(correctVerified) / Double(sufficientInStore) }
    var gateRecall: Double { truthInsufficient == 0 ? 1 : Double(gateCaught) / Double(truthInsufficient) }
    var falseInsufficientRate: Double {
        truthSufficient == 0 ? 0 : Double(sufficientCalledInsufficient) / Double(truthSufficient)
    }

    var dictionary: [String: Any] {
        [
            "requests": requests, "verified": verified, "correct_verifications": correctVerified,
            "false_verifications": falseVerified, "verified_insufficient": verifiedInsufficient,
            "verified_ambiguous_father_son": verifiedAmbiguousFatherSon, "sufficient_in_store": sufficientInStore,
            "precision": precision, "recall": recall, "gate_recall": gateRecall,
            "sufficient_called_insufficient": sufficientCalledInsufficient,
            "sufficient_called_insufficient_rate": falseInsufficientRate,
            "unknown_requests": unknownRequests, "requests_without_decision": missingDecisions,
        ]
    }

    func printTable() {
        func line(_ label: String, _ value: String) {
            print(label.padding(toLength: 44, withPad: " ", startingAt: 0) + value)
        }
        line("requests", "\(requests)")
        line("verified", "\(verified)")
        line("precision", String(format: "%.5f", precision))
        line(
            "recall (sufficient, in store)",
            String(format: "%.5f  (%d of %d)", recall, correctVerified, sufficientInStore))
        line("false verifications", "\(falseVerified)")
        line("verifications of insufficient requests", "\(verifiedInsufficient)")
        line("verified ambiguous father/son requests", "\(verifiedAmbiguousFatherSon)")
        line("gate recall", String(format: "%.5f  (%d of %d)", gateRecall, gateCaught, truthInsufficient))
        line(
            "sufficient called insufficient",
            String(
                format: "%d of %d (%.3f%%)", sufficientCalledInsufficient, truthSufficient, falseInsufficientRate * 100)
        )
        if unknownRequests > 0 { line("decisions with no truth row", "\(unknownRequests)") }
        if missingDecisions > 0 { line("truth rows with no decision", "\(missingDecisions)") }
    }
}
