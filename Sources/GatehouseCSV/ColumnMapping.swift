import Foundation

/// Binds the columns a format expects to the columns of one file.
///
/// Column names are matched case-insensitively and extra columns are ignored. A mapping such as
/// `given_name=FIRST,surname=LAST` reads the format's `given_name` from the file's `FIRST` column,
/// for a file laid out differently.
public struct ColumnMapping: Sendable, Equatable {
    /// Format column → file column, both lowercased.
    public private(set) var renames: [String: String] = [:]

    public init() {}

    /// Parses `NAME=COLUMN[,NAME=COLUMN…]`.
    /// - Throws: `CSVError.badMapping` for an entry without `=` or with an empty side.
    public init(parsing text: String) throws {
        for entry in text.split(separator: ",") {
            let parts = entry.split(separator: "=", maxSplits: 1).map {
                $0.trimmingCharacters(in: .whitespaces).lowercased()
            }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw CSVError.badMapping(String(entry))
            }
            renames[parts[0]] = parts[1]
        }
    }

    /// Combines several `--map` options.
    public init(parsing texts: [String]) throws {
        for text in texts {
            let one = try ColumnMapping(parsing: text)
            renames.merge(one.renames) { _, new in new }
        }
    }

    /// For each of `columns`, its index in `header`, or nil when absent.
    /// - Throws: `CSVError.missingColumns` naming every absent column of `required`.
    public func bind(columns: [String], required: Set<String>, header: [String], path: String) throws -> [Int?] {
        var positions: [String: Int] = [:]
        for (index, name) in header.enumerated() {
            let key = name.lowercased()
            if positions[key] == nil { positions[key] = index }
        }
        var missing: [String] = []
        let indices: [Int?] = columns.map { column in
            let fileColumn = renames[column] ?? column
            let index = positions[fileColumn]
            if index == nil, required.contains(column) {
                missing.append(renames[column].map { "\(column) (mapped to \($0))" } ?? column)
            }
            return index
        }
        if !missing.isEmpty { throw CSVError.missingColumns(path: path, columns: missing) }
        return indices
    }
}
