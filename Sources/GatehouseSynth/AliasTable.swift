/// Constant-time weighted sampling over a fixed set of weights (Vose's alias method).
struct AliasTable: Sendable {
    private let probability: [Double]
    private let alias: [Int32]

    /// Builds the table; weights must be non-negative with a positive sum.
    init(weights: [Double]) {
        let count = weights.count
        precondition(count > 0, "an alias table needs at least one weight")
        let total = weights.reduce(0, +)
        precondition(total > 0, "an alias table needs a positive total weight")
        var scaled = weights.map { $0 * Double(count) / total }
        var probability = [Double](repeating: 1, count: count)
        var alias = [Int32](repeating: 0, count: count)
        var small: [Int] = []
        var large: [Int] = []
        for (index, value) in scaled.enumerated() {
            if value < 1 { small.append(index) } else { large.append(index) }
        }
        while let less = small.popLast(), let more = large.last {
            probability[less] = scaled[less]
            alias[less] = Int32(more)
            scaled[more] -= 1 - scaled[less]
            if scaled[more] < 1 {
                large.removeLast()
                small.append(more)
            }
        }
        for index in large { probability[index] = 1 }
        for index in small { probability[index] = 1 }
        self.probability = probability
        self.alias = alias
    }

    /// The number of outcomes.
    var count: Int { probability.count }

    /// One outcome index, drawn with probability proportional to its weight.
    @inline(__always)
    func sample(_ random: inout SynthRandom) -> Int {
        let column = random.below(probability.count)
        return random.unit() < probability[column] ? column : Int(alias[column])
    }
}

/// Values with weights, sampled in constant time.
struct WeightedList<Element: Sendable>: Sendable {
    let items: [Element]
    private let table: AliasTable

    init(_ pairs: [(Element, Double)]) {
        items = pairs.map(\.0)
        table = AliasTable(weights: pairs.map(\.1))
    }

    @inline(__always)
    func sample(_ random: inout SynthRandom) -> Element {
        items[table.sample(&random)]
    }
}
