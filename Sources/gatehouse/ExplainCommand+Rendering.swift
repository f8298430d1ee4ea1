import Foundation
import GatehouseCore

/// The text and JSON forms of a `DecisionExplanation`.
enum ExplainRendering {
    static func text(_ e: DecisionExplanation, index: RecordIndex, engine: DecisionEngine, source: String) -> String {
        var lines: [String] = []
        func line(_ label: String, _ value: String) {
            lines.append(label.padding(toLength: 20, withPad: " ", startingAt: 0) + value)
        }
        func dash(_ text: String) -> String { text.isEmpty ? "—" : text }
        let name = e.person.name
        lines.append("Request \(e.request.requestID)")
        line("  name as read", "given \(dash(name.given)) · middle \(dash(name.middle.joined(separator: " "))) · surname \(dash(name.surname.joined(separator: " "))) · suffix \(name.suffix == .none ? "—" : "\(name.suffix)")")
        let p = e.parsedAddress
        line("  address as read", "\(p.kind.rawValue): house \(dash(p.houseNumber)) · street \(dash([p.predirectional, p.streetName, p.suffix, p.postdirectional].filter { !$0.isEmpty }.joined(separator: " "))) · unit \(dash(p.unit))\(p.isPrivateMailbox ? " (private mailbox)" : "")")
        if let address = e.person.addresses.first {
            let zip = address.zip == 0 ? "—" : String(format: "%05u", address.zip & 0x7FFF_FFFF)
            line("  standardized", "\(dash(p.streetKey)) · \(dash(address.city)) \(address.state) · ZIP \(zip)")
        }
        lines.append("")
        if e.findings.isEmpty {
            line("Gate (\(engine.profile.name))", "sufficient")
        } else {
            line("Gate (\(engine.profile.name))", "insufficient — never matched")
            for code in e.findings { lines += reason(code) }
        }
        let weights = engine.matcher.weights
        line("Store", "\(source): \(weights.people.formatted()) people")
        let storeShare = Double(weights.people) / (Double(weights.people) + MatchWeights.populationStrength)
        line(
            "Name weights",
            "the store's counts blended with Census shares (the store counts for \(percent(storeShare)) of the blend"
                + (storeShare < 0.5 ? "; too small to say how common a name is alone)" : ")"))
        lines.append("")
        if e.findings.isEmpty {
            if e.candidateCount == 0 {
                line("Candidates", "none: no record shares a blocking key with the request")
            } else {
                line("Candidates", "\(e.candidateCount) found by the blocking keys; \(e.candidates.count) shown, those that fit the rule first:")
            }
            for (n, candidate) in e.candidates.enumerated() {
                lines += self.candidate(candidate, rank: n + 1, index: index)
            }
            lines.append("")
        }
        let d = e.result.decision
        var decision = d.outcome.rawValue
        if let record = d.recordID { decision += " \(record)" }
        if let score = d.score { decision += String(format: " (score %.2f bits, p %.6f)", score, weights.probability(weight: score)) }
        line("Decision", decision)
        for code in d.reasons where !code.isGateFinding { lines += reason(code) }
        return lines.joined(separator: "\n")
    }

    static func reason(_ code: ReasonCode) -> [String] {
        var lines = ["    \(code.rawValue)  \(code.explanation)"]
        if !code.citation.isEmpty { lines.append("    " + String(repeating: " ", count: code.rawValue.count + 2) + code.citation) }
        return lines
    }

    static func candidate(_ c: CandidateScore, rank: Int, index: RecordIndex) -> [String] {
        var lines = [
            String(
                format: "  %d. %@  weight %.2f  p %.6f  %@", rank, index.recordIDs[c.person], c.weight, c.probability,
                c.fits ? "fits the rule" : "does not fit")
        ]
        for field in c.fields where field.level != .missing {
            lines.append(
                "       " + field.field.rawValue.padding(toLength: 13, withPad: " ", startingAt: 0)
                    + field.level.rawValue.padding(toLength: 16, withPad: " ", startingAt: 0)
                    + String(format: "%+7.2f", field.weight))
        }
        var facts = [c.nameAgrees ? "name agrees" : "name does not agree", c.addressOnFile ? "address on file" : "address not on file"]
        switch c.unit {
        case .agrees: facts.append("unit agrees")
        case .conflicts: facts.append("another unit on file")
        case .unknown: break
        }
        if c.birthConflict { facts.append("birth date conflicts") }
        if c.tinConflict { facts.append("TIN conflicts") }
        if c.suffixConflict { facts.append("suffix conflicts") }
        if c.swapped { facts.append("given name and surname exchanged") }
        lines.append("       " + facts.joined(separator: " · "))
        return lines
    }

    static func percent(_ share: Double) -> String {
        share < 0.001 ? String(format: "%.3f%%", share * 100) : String(format: "%.1f%%", share * 100)
    }

    struct JSONForm: Encodable {
        struct Address: Encodable {
            var kind: String
            var house_number: String
            var predirectional: String
            var street_name: String
            var suffix: String
            var postdirectional: String
            var unit: String
            var private_mailbox: Bool
            var standardized: String
        }
        struct Name: Encodable {
            var given: String
            var middle: [String]
            var surname: [String]
            var suffix: String
        }
        struct Reason: Encodable {
            var code: String
            var explanation: String
            var citation: String
        }
        struct Candidate: Encodable {
            var candidate: Batch.Explanation.Candidate
            var fits: Bool
        }
        var request_id: String
        var name: Name
        var address: Address
        var findings: [Reason]
        var candidate_count: Int
        var candidates: [Candidate]
        var outcome: String
        var record_id: String?
        var score: Double?
        var reasons: [Reason]
    }

    static func json(_ e: DecisionExplanation, index: RecordIndex) -> String {
        func reasons(_ codes: [ReasonCode]) -> [JSONForm.Reason] {
            codes.map { JSONForm.Reason(code: $0.rawValue, explanation: $0.explanation, citation: $0.citation) }
        }
        let p = e.parsedAddress
        let form = JSONForm(
            request_id: e.request.requestID,
            name: .init(
                given: e.person.name.given, middle: e.person.name.middle, surname: e.person.name.surname,
                suffix: e.person.name.suffix == .none ? "" : "\(e.person.name.suffix)"),
            address: .init(
                kind: p.kind.rawValue, house_number: p.houseNumber, predirectional: p.predirectional,
                street_name: p.streetName, suffix: p.suffix, postdirectional: p.postdirectional, unit: p.unit,
                private_mailbox: p.isPrivateMailbox, standardized: p.streetKey),
            findings: reasons(e.findings), candidate_count: e.candidateCount,
            candidates: e.candidates.map { .init(candidate: Batch.Explanation.Candidate($0, index: index), fits: $0.fits) },
            outcome: e.result.decision.outcome.rawValue, record_id: e.result.decision.recordID,
            score: e.result.decision.score.map { ($0 * 1000).rounded() / 1000 },
            reasons: reasons(e.result.decision.reasons.filter { !$0.isGateFinding }))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(form)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
