internal import Foundation
public import GatehouseCore
internal import Yams

/// Loads agreements, court orders and batch manifests from YAML, and renders documents as the
/// canonical JSON that is stored and hashed.
///
/// Keys are snake_case, dates `YYYY-MM-DD`. Unknown keys are an error (a misspelt key in a legal
/// document must not be dropped silently). Agreements and orders are also validated
/// (``GatehouseCore/Agreement/problems()``, ``GatehouseCore/CourtOrder/problems()``); a manifest is
/// checked against its agreement later, by ``GatehouseCore/ManifestCheck``.
public enum DocumentFiles {
    /// Reads and validates an agreement.
    /// - Throws: ``DocumentFileError`` naming the file and the problem.
    public static func agreement(at path: String) throws(DocumentFileError) -> Agreement {
        let agreement: Agreement = try decode(Agreement.self, yaml: try read(path), file: path)
        try validate(agreement.problems(), file: path)
        return agreement
    }

    /// Reads and validates a court order.
    /// - Throws: ``DocumentFileError`` naming the file and the problem.
    public static func courtOrder(at path: String) throws(DocumentFileError) -> CourtOrder {
        let order: CourtOrder = try decode(CourtOrder.self, yaml: try read(path), file: path)
        try validate(order.problems(), file: path)
        return order
    }

    /// Reads a batch manifest (shape only; ``GatehouseCore/ManifestCheck`` checks its content).
    /// - Throws: ``DocumentFileError`` naming the file and the problem.
    public static func manifest(at path: String) throws(DocumentFileError) -> BatchManifest {
        try decode(BatchManifest.self, yaml: try read(path), file: path)
    }

    /// Parses and validates an agreement from YAML text; `name` stands for the file in errors.
    public static func agreement(yaml: String, name: String) throws(DocumentFileError) -> Agreement {
        let agreement: Agreement = try decode(Agreement.self, yaml: yaml, file: name)
        try validate(agreement.problems(), file: name)
        return agreement
    }

    /// Parses and validates a court order from YAML text; `name` stands for the file in errors.
    public static func courtOrder(yaml: String, name: String) throws(DocumentFileError) -> CourtOrder {
        let order: CourtOrder = try decode(CourtOrder.self, yaml: yaml, file: name)
        try validate(order.problems(), file: name)
        return order
    }

    /// Parses a batch manifest from YAML text; `name` stands for the file in errors.
    public static func manifest(yaml: String, name: String) throws(DocumentFileError) -> BatchManifest {
        try decode(BatchManifest.self, yaml: yaml, file: name)
    }

    /// The canonical JSON of a document: keys sorted, no insignificant white space, slashes
    /// unescaped. Equal documents give byte-equal text, so its SHA-256 identifies the version.
    public static func canonicalJSON(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            // Agreements, orders and manifests hold only strings, integers, booleans and finite
            // or spelt-out doubles, none of which can fail to encode.
            preconditionFailure("canonical JSON encoding failed for \(type(of: value))")
        }
    }

    static func read(_ path: String) throws(DocumentFileError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DocumentFileError(kind: .unreadable, file: path, problems: ["the file cannot be read"])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DocumentFileError(kind: .unreadable, file: path, problems: ["the file is not UTF-8 text"])
        }
        return text
    }

    static func validate(_ problems: [String], file: String) throws(DocumentFileError) {
        guard problems.isEmpty else {
            throw DocumentFileError(kind: .invalidDocument, file: file, problems: problems)
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, yaml: String, file: String) throws(DocumentFileError) -> T {
        if let problem = YAMLLimits.textProblem(yaml) {
            throw DocumentFileError(kind: .syntax, file: file, problems: [problem])
        }
        do {
            // An empty file decodes as an empty scalar: "expected a mapping of keys".
            let node = try Yams.compose(yaml: yaml) ?? Node("")
            if let problem = YAMLLimits.nodeProblem(node) {
                throw DocumentFileError(kind: .syntax, file: file, problems: [problem])
            }
            return try YAMLDecoder().decode(type, from: node)
        } catch let error as DocumentFileError {
            throw error
        } catch let error as YamlError {
            throw DocumentFileError(kind: .syntax, file: file, problems: [syntaxProblem(error)])
        } catch let error as DecodingError {
            throw describe(error, file: file)
        } catch {
            throw DocumentFileError(kind: .syntax, file: file, problems: ["the file is not valid YAML"])
        }
    }
}
