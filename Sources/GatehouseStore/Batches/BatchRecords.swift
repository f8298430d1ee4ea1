public import GatehouseCore

/// A batch as stored.
public struct BatchInfo: Sendable, Hashable {
    public var id: String
    public var agreementID: String
    public var agreementVersion: Int
    public var fileSHA256: String
    public var fileName: String
    public var state: BatchLifecycle.State
    public var problems: [ReasonCode]
    public var rowCount: Int
    public var profile: String
    public var submittedAt: String
    public var submittedOn: String
    public var releasedAt: String?
    public var approvals: [String]
}

/// The funnel of one batch: what came in and what went out.
public struct BatchFunnel: Sendable, Hashable {
    public var submitted = 0
    public var decided = 0
    public var rejectedRows = 0
    public var insufficient = 0
    public var insufficientByReason: [ReasonCode: Int] = [:]
    public var notFound = 0
    public var notFoundByReason: [ReasonCode: Int] = [:]
    public var ambiguous = 0
    public var verified = 0
    public var released = 0
    public var releasedWithAddress = 0
    public var withheld = 0
    public var withheldByReason: [ReasonCode: Int] = [:]
}

/// One disclosure about one person, for the accounting of disclosures.
public struct AccountingEntry: Sendable, Hashable {
    public var releasedAt: String
    public var batchID: String
    public var requestID: String
    public var recipient: String
    public var purpose: String
    public var legalBasis: [String]
    public var agreementID: String
    public var agreementVersion: Int
    public var fields: [String]
}

/// Why a batch command could not go ahead. Never carries a person's data.
public struct BatchError: Error, CustomStringConvertible, Sendable {
    public enum Code: Sendable {
        case unknownAgreement, unknownBatch, manifestRejected, quotaExceeded, notAllowed, notReleased, inputUnreadable
        /// A stored row differs from its ledger entry: the step refused (and said so in the ledger).
        case tampered
    }

    public var code: Code
    public var message: String
    public var reasons: [ReasonCode]

    public init(_ code: Code, _ message: String, reasons: [ReasonCode] = []) {
        self.code = code
        self.message = message
        self.reasons = reasons
    }

    public var description: String {
        reasons.isEmpty
            ? message : message + "\n" + reasons.map { "  \($0.rawValue): \($0.explanation)" }.joined(separator: "\n")
    }
}
