import Foundation

/// Given names and their nicknames or hypocoristics, in English and Spanish.
///
/// Two names are variants of each other when the table pairs them directly (WILLIAM/BILL,
/// JOSE/PEPE), or when both are nicknames of one longer formal name (BILL and WILL, both of
/// WILLIAM). Names are compared in their folded form (`TextFolding.fold`).
public struct NicknameTable: Sendable {
    private let neighbours: [String: Set<String>]
    private let formal: [String: Set<String>]

    /// English names from the Apache-2.0 `nicknames` table plus Spanish hypocoristics.
    public static let standard: NicknameTable = {
        var table = NicknameTable(pairs: [])
        for file in ["nicknames", "nicknames-es"] {
            guard let url = Bundle.module.url(forResource: file, withExtension: "csv", subdirectory: "Resources"),
                let text = try? String(contentsOf: url, encoding: .utf8)
            else { continue }
            table = table.adding(pairs: parse(text))
        }
        return table
    }()

    /// Makes a table from (name, nickname) pairs.
    public init(pairs: [(String, String)]) {
        var neighbours: [String: Set<String>] = [:]
        var formal: [String: Set<String>] = [:]
        for (rawName, rawNick) in pairs {
            let name = TextFolding.fold(rawName)
            let nick = TextFolding.fold(rawNick)
            guard !name.isEmpty, !nick.isEmpty, name != nick else { continue }
            neighbours[name, default: []].insert(nick)
            neighbours[nick, default: []].insert(name)
            if name.utf8.count > nick.utf8.count { formal[nick, default: []].insert(name) }
        }
        self.neighbours = neighbours
        self.formal = formal
    }

    private init(neighbours: [String: Set<String>], formal: [String: Set<String>]) {
        self.neighbours = neighbours
        self.formal = formal
    }

    private func adding(pairs: [(String, String)]) -> NicknameTable {
        let other = NicknameTable(pairs: pairs)
        return NicknameTable(
            neighbours: neighbours.merging(other.neighbours) { $0.union($1) },
            formal: formal.merging(other.formal) { $0.union($1) }
        )
    }

    /// The names the table pairs directly with `name` (nicknames of a formal name, or the
    /// formal names of a nickname), folded and sorted.
    public func nicknames(of name: String) -> [String] {
        neighbours[TextFolding.fold(name)].map { $0.sorted() } ?? []
    }

    /// Calls `body` with each direct variant of `name`, which is folded already (a token of a
    /// `PersonName`), in no particular order: `nicknames(of:)` without folding, sorting or an array.
    func forEachNickname(ofFolded name: String, _ body: (String) -> Void) {
        guard let variants = neighbours[name] else { return }
        for variant in variants { body(variant) }
    }

    /// Whether two folded names are the same, direct variants, or nicknames of one formal name.
    public func areVariants(_ lhs: String, _ rhs: String) -> Bool {
        if lhs == rhs { return true }
        if neighbours[lhs]?.contains(rhs) == true { return true }
        guard let lhsFormal = formal[lhs], let rhsFormal = formal[rhs] else { return false }
        return !lhsFormal.isDisjoint(with: rhsFormal)
    }

    /// Every name the table knows, folded.
    public var names: Set<String> { Set(neighbours.keys) }

    static func parse(_ text: String) -> [(String, String)] {
        var pairs: [(String, String)] = []
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            guard cells.count == 3, cells[1] == "has_nickname" else { continue }
            pairs.append((String(cells[0]), String(cells[2])))
        }
        return pairs
    }
}
