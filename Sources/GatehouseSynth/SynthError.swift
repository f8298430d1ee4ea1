/// An error from the synthetic data generator: a stable code plus context (never personal data).
public struct SynthError: Error, CustomStringConvertible, Sendable {
    /// What went wrong.
    public enum Code: String, Sendable {
        case resourceMissing = "SYNTH_RESOURCE_MISSING"
        case invalidConfiguration = "SYNTH_INVALID_CONFIGURATION"
        case cannotWrite = "SYNTH_CANNOT_WRITE"
    }

    /// The stable code.
    public let code: Code
    /// A human-readable explanation.
    public let detail: String

    /// Creates an error with `code` and `detail`.
    public init(code: Code, detail: String) {
        self.code = code
        self.detail = detail
    }

    /// `CODE: detail`.
    public var description: String { "\(code.rawValue): \(detail)" }
}
