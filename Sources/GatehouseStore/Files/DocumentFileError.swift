/// An agreement, court order or manifest file that could not be loaded.
///
/// The description names the file, the place in it and the problem — never a value from the
/// file, so it is safe to print, log or return to a caller.
public struct DocumentFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: String, Sendable, Hashable {
        /// The file could not be read from disk, or is not UTF-8.
        case unreadable
        /// The file is not well-formed YAML (or holds several documents).
        case syntax
        /// A required key is absent.
        case missingKey
        /// A key is present but its value has the wrong shape (a list where a date belongs…).
        case typeMismatch
        /// A value is malformed or not one of the accepted names (a bad date, an unknown field name).
        case invalidValue
        /// The document decodes but fails validation (dates out of order, no permitted fields…).
        case invalidDocument
    }

    /// What went wrong.
    public var kind: Kind
    /// The file's path as given, or a name for a document read from memory.
    public var file: String
    /// Where in the document, as a key path (`effect.forbid_fields[1]`); empty for the whole file.
    public var location: String
    /// The problems, each in words; never includes a value from the file.
    public var problems: [String]

    /// Makes an error.
    public init(kind: Kind, file: String, location: String = "", problems: [String]) {
        self.kind = kind
        self.file = file
        self.location = location
        self.problems = problems
    }

    public var description: String {
        let place = location.isEmpty ? file : "\(file): \(location)"
        if problems.count == 1 { return "\(place): \(problems[0])" }
        return "\(place): \(problems.count) problems:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}
