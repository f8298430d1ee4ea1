/// A resource of a C2SP tlog-tiles log below its prefix: a tile of hashes
/// (`tile/<L>/<N>[.p/<W>]`) or an entry bundle (`tile/entries/<N>[.p/<W>]`).
///
/// `<N>` is the index in groups of three decimal digits, all but the last prefixed with
/// `x` (1234067 is `x001/x234/067`); `.p/<W>` marks a partial tile of `W` (1–255) hashes
/// or entries. Parsing accepts exactly the canonical spelling, so that one resource has
/// one path (and one cache entry, and one file in an exported folder).
public enum TileResource: Sendable, Hashable, CustomStringConvertible {
    /// A tile of Merkle tree hashes.
    case hashes(Tile)
    /// The entries whose leaf hashes are the level-0 tile of the same index and width.
    case entries(Tile)

    /// The tile (for entries: the level-0 tile they hash to).
    public var tile: Tile {
        switch self {
        case .hashes(let tile), .entries(let tile): tile
        }
    }

    /// The path below the log's prefix, without a leading slash.
    public var path: String {
        switch self {
        case .hashes(let tile): tile.path
        case .entries(let tile): tile.entriesPath
        }
    }

    public var description: String { path }

    /// Parses a path below the log's prefix, e.g. `tile/1/x001/002.p/17` or
    /// `tile/entries/005`; nil unless it is the canonical path of a tile or an entry bundle.
    public init?(path: some StringProtocol) {
        var parts = Substring(path).split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 3, parts[0] == "tile" else { return nil }
        let isEntries = parts[1] == "entries"
        let level: Int
        if isEntries {
            level = 0
        } else {
            guard let parsed = Self.decimal(parts[1]), parsed <= Tile.maximumLevel else { return nil }
            level = parsed
        }
        parts.removeFirst(2)
        var width = Tile.fullWidth
        if parts.count >= 2, parts[parts.count - 2].hasSuffix(".p") {
            guard let parsed = Self.decimal(parts[parts.count - 1]), (1..<Tile.fullWidth).contains(parsed) else {
                return nil
            }
            width = parsed
            parts.removeLast()
            parts[parts.count - 1] = parts[parts.count - 1].dropLast(2)
        }
        guard let index = Self.index(parts), let tile = try? Tile(level: level, index: index, width: width) else {
            return nil
        }
        self = isEntries ? .entries(tile) : .hashes(tile)
    }

    /// A decimal number without leading zeros (or "0").
    private static func decimal(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            text == "0" || text.first != "0"
        else { return nil }
        return Int(text)
    }

    /// The index from its path elements: `xDDD` … `xDDD` `DDD`, no leading `x000`.
    private static func index(_ elements: [Substring]) -> Int? {
        guard !elements.isEmpty else { return nil }
        var value = 0
        for (position, element) in elements.enumerated() {
            let isLast = position == elements.count - 1
            var digits = element
            if !isLast {
                guard digits.first == "x" else { return nil }
                digits = digits.dropFirst()
            }
            guard digits.utf8.count == 3, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                let group = Int(digits)
            else { return nil }
            if position == 0, elements.count > 1, group == 0 { return nil }
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 1000)
            guard !overflow, shifted <= Int.max - group else { return nil }
            value = shifted + group
        }
        return value
    }
}

extension Tile {
    /// The tile's path below the log's prefix: `tile/<L>/<N>` for a full tile,
    /// `tile/<L>/<N>.p/<W>` for a partial one.
    public var path: String { "tile/\(level)/\(Self.indexPath(index))\(widthSuffix)" }

    /// The path of the entry bundle that hashes to this (level-0) tile:
    /// `tile/entries/<N>[.p/<W>]`.
    public var entriesPath: String { "tile/entries/\(Self.indexPath(index))\(widthSuffix)" }

    private var widthSuffix: String { isFull ? "" : ".p/\(width)" }

    /// An index as path elements of three digits, all but the last prefixed with `x`:
    /// 5 is `005`, 1000 is `x001/000`, 1234067 is `x001/x234/067`.
    public static func indexPath(_ index: Int) -> String {
        precondition(index >= 0, "a tile index is not negative")
        var groups: [Int] = []
        var rest = index
        repeat {
            groups.append(rest % 1000)
            rest /= 1000
        } while rest > 0
        return groups.reversed().enumerated().map { position, group in
            let digits = String(group)
            let padded = String(repeating: "0", count: 3 - digits.count) + digits
            return position == groups.count - 1 ? padded : "x" + padded
        }.joined(separator: "/")
    }
}
