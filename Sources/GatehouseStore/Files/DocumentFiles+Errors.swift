internal import Foundation
internal import GatehouseCore
internal import Yams

extension DocumentFiles {
    /// Turns a decoding error into a ``DocumentFileError`` without repeating any value from the file.
    static func describe(_ error: DecodingError, file: String) -> DocumentFileError {
        switch error {
        case .keyNotFound(let key, let context):
            return DocumentFileError(
                kind: .missingKey, file: file, location: keyPath(context.codingPath + [key]),
                problems: ["required key is missing"])
        case .valueNotFound(let type, let context):
            return DocumentFileError(
                kind: .missingKey, file: file, location: keyPath(context.codingPath),
                problems: ["a value is required here (\(shape(of: type)))"])
        case .typeMismatch(let type, let context):
            let location = keyPath(context.codingPath)
            let expected = location.isEmpty ? "a mapping of keys" : shape(of: type)
            return DocumentFileError(
                kind: .typeMismatch, file: file, location: location,
                problems: ["expected \(expected)"])
        case .dataCorrupted(let context):
            if let valueError = context.underlyingError as? DocumentValueError {
                return DocumentFileError(
                    kind: .invalidValue, file: file, location: keyPath(context.codingPath),
                    problems: [valueError.message])
            }
            if let yamlError = context.underlyingError as? YamlError {
                return DocumentFileError(kind: .syntax, file: file, problems: [syntaxProblem(yamlError)])
            }
            return DocumentFileError(
                kind: .invalidValue, file: file, location: keyPath(context.codingPath),
                problems: ["the value cannot be read"])
        @unknown default:
            return DocumentFileError(kind: .invalidValue, file: file, problems: ["the document cannot be read"])
        }
    }

    /// The problem and position of a YAML syntax error, without the quoted line Yams includes.
    static func syntaxProblem(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return "not valid YAML: \(problem) at line \(mark.line), column \(mark.column)"
        case .duplicatedKeysInMapping(let duplicates, let context):
            return "a key appears twice in one mapping (\(duplicates.joined(separator: ", "))) "
                + "near line \(context.mark.line)"
        case .reader:
            return "the file is not readable UTF-8 text"
        default:
            return "not valid YAML"
        }
    }

    /// `effect.forbid_fields[1]` for a coding path.
    static func keyPath(_ path: [any CodingKey]) -> String {
        var text = ""
        for key in path {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text
    }

    static func shape(of type: Any.Type) -> String {
        switch type {
        case is Node.Sequence.Type: "a list"
        case is Node.Mapping.Type: "a mapping of keys"
        case is Node.Scalar.Type: "a single value, not a list or mapping"
        case is String.Type: "a text value"
        case is Int.Type: "a whole number"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        case is [String].Type, is [DisclosureField].Type, is [Signer].Type: "a list"
        default: "a mapping of keys"
        }
    }
}
