/// A value in an agreement, order or manifest that decodes but is not acceptable.
///
/// Thrown as the `underlyingError` of a `DecodingError.dataCorrupted`; its `message` never
/// repeats the offending value, so an adapter may show it as is.
public struct DocumentValueError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, in words a person can act on, without the value itself.
    public var message: String

    /// Makes an error with `message`.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

/// A coding key that accepts any name, to list every key a mapping actually holds.
struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
        self.intValue = nil
    }

    init?(intValue: Int) {
        self.stringValue = String(intValue)
        self.intValue = intValue
    }
}

extension Decoder {
    /// Throws when the mapping holds a key that `Key` does not name.
    ///
    /// A misspelt key in a legal document (`forbid_field:` for `forbid_fields:`) would otherwise
    /// be dropped silently and the document would say less than its author meant.
    func rejectUnknownKeys<Key: CodingKey & CaseIterable>(_: Key.Type) throws {
        let container = try self.container(keyedBy: AnyCodingKey.self)
        let known = Set(Key.allCases.map(\.stringValue))
        for key in container.allKeys where !known.contains(key.stringValue) {
            let expected = Key.allCases.map(\.stringValue).sorted().joined(separator: ", ")
            throw DocumentValueError.corrupted(
                at: codingPath + [key], "unknown key; expected one of: \(expected)")
        }
    }
}

extension DocumentValueError {
    /// A `DecodingError.dataCorrupted` carrying a `DocumentValueError` with `message`.
    static func corrupted(at path: [any CodingKey], _ message: String) -> DecodingError {
        .dataCorrupted(
            DecodingError.Context(
                codingPath: path, debugDescription: message, underlyingError: DocumentValueError(message)))
    }
}

extension KeyedDecodingContainer {
    /// Decodes a required `YYYY-MM-DD` date, rejecting anything that is not a real calendar date.
    func decodeISODate(forKey key: Key) throws -> String {
        let text = try decode(String.self, forKey: key)
        guard ISODate.isValid(text) else {
            throw DocumentValueError.corrupted(at: codingPath + [key], "not a calendar date written YYYY-MM-DD")
        }
        return text
    }

    /// Decodes an optional `YYYY-MM-DD` date.
    func decodeISODateIfPresent(forKey key: Key) throws -> String? {
        guard let text = try decodeIfPresent(String.self, forKey: key) else { return nil }
        guard ISODate.isValid(text) else {
            throw DocumentValueError.corrupted(at: codingPath + [key], "not a calendar date written YYYY-MM-DD")
        }
        return text
    }
}

/// Decodes a closed set of snake_case names without echoing an unknown one.
protocol DocumentEnum: RawRepresentable<String>, CaseIterable, Decodable {
    /// What the value is, for the error message ("disclosure field").
    static var documentName: String { get }
}

extension DocumentEnum {
    /// Decodes `self` from its raw value, or throws naming the accepted values.
    static func decodeNamed(from decoder: any Decoder) throws -> Self {
        let raw = try decoder.singleValueContainer().decode(String.self)
        if let value = Self(rawValue: raw) { return value }
        let expected = allCases.map(\.rawValue).joined(separator: ", ")
        throw DocumentValueError.corrupted(
            at: decoder.codingPath, "unknown \(documentName); expected one of: \(expected)")
    }
}
