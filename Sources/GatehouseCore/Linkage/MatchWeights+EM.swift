import Foundation

extension MatchWeights {
    /// Re-estimates the m-probabilities by expectation–maximisation over compared pairs (the
    /// candidates of a batch), keeping u from the store.
    ///
    /// Each pair's match probability is computed from the current weights and a mixing share λ;
    /// then each field's m becomes the probability-weighted share of each level among the pairs
    /// where the field was compared. A level never seen keeps a small floor, so no agreement
    /// becomes impossible. When the batch holds too few likely matches to learn from, the priors
    /// are kept.
    /// - Complexity: O(iterations × pairs).
    func trained(on pairs: [RawComparison], iterations: Int = 8) -> MatchWeights {
        guard pairs.count >= 200 else { return self }
        var current = self
        var lambda = 0.01
        for _ in 0..<iterations {
            var sums: [MatchField: [AgreementLevel: Double]] = [:]
            var totals: [MatchField: Double] = [:]
            var matchMass = 0.0
            let priorLogOdds = log2(lambda / (1 - lambda))
            for pair in pairs {
                var weight = priorLogOdds
                for (field, level, frequency, ceiling) in pair.weighedLevels where pair.parts == nil || !field.isAddressPart {
                    weight += current.weight(field, level, frequency: frequency, ceiling: ceiling)
                }
                if let parts = pair.parts { weight += parts.weight(current) }
                let p = 1 / (1 + exp2(-min(max(weight, -60), 60)))
                matchMass += p
                for (field, level, _, _) in pair.weighedLevels where level != .missing {
                    sums[field, default: [:]][level, default: 0] += p
                    totals[field, default: 0] += p
                }
            }
            guard matchMass >= 20 else { return self }
            var m = current.mTable
            for (field, levels) in MatchWeights.defaultM {
                guard let total = totals[field], total >= 20 else { continue }
                var column: [AgreementLevel: Double] = [:]
                for level in levels.keys {
                    column[level] = max((sums[field]?[level] ?? 0) / total, 1e-4)
                }
                // Summed in a fixed order (a dictionary's order changes from run to run, and
                // with it the last bit of the sum).
                let norm = AgreementLevel.allCases.reduce(0) { $0 + (column[$1] ?? 0) }
                m[field] = column.mapValues { $0 / norm }
            }
            current = MatchWeights(
                m: m, u: current.uTable, sources: current.sourceTable, log2PriorOdds: log2PriorOdds, floor: floor,
                people: people)
            lambda = min(max(matchMass / Double(pairs.count), 1e-6), 0.5)
        }
        return current
    }
}

extension RawComparison {
    /// Each field's level with the term frequency its weight uses and the share of the record's
    /// value that caps it (0 when none; see `MatchWeights.weight`). The address counts once: part
    /// by part when the parts were compared, else as one level.
    var weighedLevels: [(MatchField, AgreementLevel, Double, Double)] {
        var levels: [(MatchField, AgreementLevel, Double, Double)] = [
            (.given, given, givenFrequency, givenCeiling), (.surname, surname, surnameFrequency, surnameCeiling),
            (.middle, middle, 0, 0), (.suffix, suffix, 0, 0), (.birthDate, birth, 0, 0), (.tin, tin, 0, 0),
        ]
        if let parts { levels += parts.weighedLevels } else { levels.append((.address, address, addressFrequency, 0)) }
        return levels
    }
}

extension Matcher {
    /// A matcher whose m-probabilities are learned by EM from a sample of `requests`' candidate
    /// pairs (at most `sample` requests, spread over the batch) — for the linkage profile.
    ///
    /// Under the statutory profile the documented priors are kept: in a batch where most people
    /// are not in the store, EM settles on households (same surname, same address) rather than
    /// on identity, and the statutory decision must not rest on that.
    public func trained(on requests: [Request], sample: Int = 20_000, policy: MatchPolicy) -> Matcher {
        guard !requests.isEmpty, policy.mode == .linkage else { return self }
        let step = max(1, requests.count / sample)
        let comparer = FieldComparer(index: index)
        var pairs: [RawComparison] = []
        for position in stride(from: 0, to: requests.count, by: step) {
            let person = NormalizedPerson(request: requests[position])
            let prepared = PreparedRequest(person, index: index, nicknames: nicknames)
            for candidate in candidates(for: person, policy: policy) {
                pairs.append(comparer.compare(prepared, person: candidate, parts: true, weights: weights))
            }
        }
        return Matcher(index: index, weights: weights.trained(on: pairs), nicknames: nicknames)
    }
}

extension MatchWeights {
    /// The weights as a table a person can read: field, level, m, u, the weight the table gives
    /// (log2 m/u, then held in order), and where u came from; with a header saying how much the
    /// store's own counts and pairs count for beside the population's.
    public var table: String {
        let storeShare = Double(people) / (Double(people) + Self.populationStrength)
        var lines = [
            "store: \(people) people. Names are weighed by their share of people, the store's own counts blended with the",
            String(
                format: "Census shares (the store counts for %.1f%% of the blend%@). Levels marked 'store pairs' blend the store's",
                storeShare * 100, storeShare < 0.5 ? "; the store is too small to tell alone" : ""),
            "random pairs with population priors; 'value share' levels are weighed by the agreeing value at each comparison",
            "(the u shown is the store-wide average); 'prior' levels take the population prior alone.",
            "field        level            m          u          weight  u from",
        ]
        for field in MatchField.allCases {
            for level in AgreementLevel.allCases {
                guard let (mValue, uValue) = probabilities(field, level) else { continue }
                let cells = [
                    field.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0),
                    level.rawValue.padding(toLength: 16, withPad: " ", startingAt: 0),
                    String(format: "%-10.5f", mValue), String(format: "%-10.7f", uValue),
                    String(format: "%7.2f", weight(field, level)),
                    " " + (sourceTable[field]?[level]?.rawValue ?? ""),
                ]
                lines.append(cells.joined(separator: " "))
            }
        }
        return lines.joined(separator: "\n")
    }
}
