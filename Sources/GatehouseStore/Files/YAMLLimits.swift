import Yams

/// What a Gatehouse document (agreement, court order, manifest) may be, checked before it is
/// decoded: small, shallow, and without YAML anchors or aliases. An agreement has a few dozen
/// values nested three deep; a "billion laughs" file of nested aliases, or ten thousand nested
/// brackets, is refused with a message instead of exhausting memory or the stack.
enum YAMLLimits {
    /// The largest document, in bytes.
    static let maximumBytes = 1 << 20
    /// The deepest nesting of collections.
    static let maximumDepth = 32
    /// The most values (scalars and collections) a document may hold.
    static let maximumNodes = 10_000

    /// The problem with `text` as a document, or nil. Runs before any YAML is composed.
    ///
    /// A conservative depth per line (its indentation, each `- ` or `? ` that opens a
    /// collection at its start, and the brackets opened outside quotes and comments) bounds the
    /// nesting the parser would build, so that nothing deep reaches its recursion.
    static func textProblem(_ text: String) -> String? {
        let bytes = text.utf8
        if bytes.count > maximumBytes {
            return "the document is \(bytes.count) bytes; the limit is \(maximumBytes)"
        }
        var flow = 0
        var deepest = 0
        var quote: UInt8? = nil
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            var index = line.startIndex
            var depth = 0
            if quote == nil {
                // Indentation, then each `- ` or `? ` that opens a nested collection on this line.
                var spaces = 0
                while index < line.endIndex, line[index] == 0x20 {
                    spaces += 1
                    index = line.index(after: index)
                }
                depth = spaces / 2
                while index < line.endIndex, line[index] == UInt8(ascii: "-") || line[index] == UInt8(ascii: "?") {
                    let next = line.index(after: index)
                    guard next == line.endIndex || line[next] == 0x20 else { break }
                    depth += 1
                    index = next
                    while index < line.endIndex, line[index] == 0x20 { index = line.index(after: index) }
                }
            }
            var previous: UInt8 = 0x20
            while index < line.endIndex {
                let byte = line[index]
                index = line.index(after: index)
                defer { previous = byte }
                if let open = quote {
                    if byte == open { quote = nil }
                    continue
                }
                switch byte {
                case UInt8(ascii: "#") where previous == 0x20 || previous == 0x09:
                    index = line.endIndex  // a comment runs to the end of the line
                case UInt8(ascii: "'"), UInt8(ascii: "\""):
                    quote = byte
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    flow += 1
                    deepest = max(deepest, depth + flow)
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    flow = max(0, flow - 1)
                default:
                    break
                }
            }
            deepest = max(deepest, depth + flow)
        }
        if deepest > maximumDepth {
            return "the document nests deeper than \(maximumDepth) levels"
        }
        return nil
    }

    /// The problem with a composed document, or nil: an anchor (and so any alias), more than
    /// `maximumNodes` values, or nesting deeper than `maximumDepth`.
    /// - Complexity: O(min(n, maximumNodes)): the walk stops at the limit, so an alias bomb that
    ///   would expand to billions of values costs at most that many steps.
    static func nodeProblem(_ root: Node) -> String? {
        let aliases = "YAML anchors and aliases (&name, *name) are not accepted in Gatehouse documents"
        var count = 0
        var stack: [(Node, Int)] = [(root, 1)]
        // An alias is composed as a copy of its anchor's node, with the anchor's positions: a
        // scalar position seen twice is an alias (a collection shares its first key's position).
        var positions = Set<Int>()
        while let (node, depth) = stack.popLast() {
            count += 1
            if count > maximumNodes { return "the document holds more than \(maximumNodes) values" }
            if depth > maximumDepth { return "the document nests deeper than \(maximumDepth) levels" }
            if node.anchor != nil { return aliases }
            if case .scalar = node, let mark = node.mark, !positions.insert(mark.line << 32 | mark.column).inserted {
                return aliases
            }
            switch node {
            case .mapping(let mapping):
                for (key, value) in mapping {
                    stack.append((key, depth + 1))
                    stack.append((value, depth + 1))
                }
            case .sequence(let sequence):
                for item in sequence { stack.append((item, depth + 1)) }
            case .alias:
                return "YAML anchors and aliases (&name, *name) are not accepted in Gatehouse documents"
            case .scalar:
                break
            }
        }
        return nil
    }
}
