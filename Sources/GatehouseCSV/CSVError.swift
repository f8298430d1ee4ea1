/// Why a CSV file could not be read or written as a whole. Row-level problems are not errors:
/// they are reported per row so that no row vanishes.
public enum CSVError: Error, CustomStringConvertible, Equatable {
    case cannotOpen(path: String)
    case empty(path: String)
    case notCSV(path: String, detail: String)
    case missingColumns(path: String, columns: [String])
    case badMapping(String)
    /// Reading the file failed part way; the rows before `line` were read.
    case readFailed(path: String, line: Int, detail: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path): "cannot open \(path)"
        case .empty(let path): "\(path) is empty: a header row is required"
        case .notCSV(let path, let detail): "\(path) is not a CSV file: \(detail)"
        case .missingColumns(let path, let columns):
            "\(path) lacks required column(s): \(columns.joined(separator: ", ")) (use --map NAME=COLUMN for a file laid out differently)"
        case .badMapping(let text): "bad --map entry '\(text)': expected NAME=COLUMN[,NAME=COLUMN…]"
        case .readFailed(let path, let line, let detail): "reading \(path) failed at line \(line): \(detail)"
        }
    }
}
