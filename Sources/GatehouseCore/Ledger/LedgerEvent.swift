/// One event the ledger records. A closed set: each kind has a fixed byte code and a
/// fixed field order in the entry encoding (see `docs/ledger.md`).
///
/// Events hold identifiers and hashes only — never a name, an address, a TIN or a birth
/// date. A protected value that must be referred to is hashed with ``LedgerHash``.
public enum LedgerEvent: Sendable, Hashable {
    /// A batch of requests was received and stored.
    case batchReceived(BatchReceived)
    /// A request was decided.
    case decision(Decision)
    /// Fields were released to the requester for one request.
    case release(Release)
    /// An officer approved a batch for release.
    case approval(Approval)
    /// A data-sharing agreement was added or changed.
    case agreementChanged(AgreementChanged)
    /// A court order was added or changed.
    case orderChanged(OrderChanged)
    /// A review replayed past decisions under the rules and orders in force.
    case review(Review)
    /// A disposal notice was drafted for a recipient.
    case notice(Notice)
    /// Someone was shown protected data.
    case inspection(Inspection)
    /// An authenticated API call, allowed or denied (LedgerEvent+Server.swift).
    case access(Access)
    /// An API key was issued or revoked.
    case keyChanged(KeyChanged)
    /// A requester asked about one person more often than its agreement allows.
    case probeFlagged(ProbeFlagged)
    /// A step refused to act because a stored row differs from its ledger entry (hardening).
    case refusal(Refusal)
    /// A batch's request rows and responses were purged under the agreement's retention.
    case retention(Retention)

    /// The byte that identifies each kind in the encoding. Never renumber, only add.
    public enum Kind: UInt8, Sendable, Hashable, CaseIterable {
        case batchReceived = 1
        case decision = 2
        case release = 3
        case approval = 4
        case agreementChanged = 5
        case orderChanged = 6
        case review = 7
        case notice = 8
        case inspection = 9
        // Server: 10-19.
        case access = 10
        case keyChanged = 11
        case probeFlagged = 12
        // MARK: Hardening (20-29)
        /// A refusal: a stored row differs from the ledger.
        case refusal = 20
        /// A release that also binds the released values by a salted hash (`Release.valuesHash`).
        case releaseSealed = 21
        /// A retention purge.
        case retention = 22
    }

    /// The kind of this event.
    public var kind: Kind {
        switch self {
        case .batchReceived: .batchReceived
        case .decision: .decision
        case .release(let e): e.valuesHash == nil ? .release : .releaseSealed
        case .approval: .approval
        case .agreementChanged: .agreementChanged
        case .orderChanged: .orderChanged
        case .review: .review
        case .notice: .notice
        case .inspection: .inspection
        case .access: .access
        case .keyChanged: .keyChanged
        case .probeFlagged: .probeFlagged
        case .refusal: .refusal
        case .retention: .retention
        }
    }
}

extension LedgerEvent {
    public struct BatchReceived: Sendable, Hashable {
        public var batchID: String
        /// SHA-256 of the batch file's bytes.
        public var fileSHA256: Hash32
        public var agreementID: String
        public var agreementVersion: String
        /// SHA-256 of the batch manifest's bytes.
        public var manifestHash: Hash32
        public var rowCount: UInt64

        public init(
            batchID: String, fileSHA256: Hash32, agreementID: String, agreementVersion: String,
            manifestHash: Hash32, rowCount: UInt64
        ) {
            self.batchID = batchID
            self.fileSHA256 = fileSHA256
            self.agreementID = agreementID
            self.agreementVersion = agreementVersion
            self.manifestHash = manifestHash
            self.rowCount = rowCount
        }
    }

    public struct Decision: Sendable, Hashable {
        public var batchID: String
        public var requestID: String
        /// ``LedgerHash/of(requestRow:)`` of the request row as received.
        public var requestRowHash: Hash32
        public var outcome: Outcome
        public var reasons: [ReasonCode]
        /// ``LedgerHash/of(recordID:key:)`` of the matched record; set only when verified.
        public var recordIDHash: Hash32?
        public var agreementVersion: String
        /// The version of the rules (sufficiency profile, linkage and policy) that decided.
        public var rulesVersion: String

        public init(
            batchID: String, requestID: String, requestRowHash: Hash32, outcome: Outcome,
            reasons: [ReasonCode], recordIDHash: Hash32?, agreementVersion: String, rulesVersion: String
        ) {
            self.batchID = batchID
            self.requestID = requestID
            self.requestRowHash = requestRowHash
            self.outcome = outcome
            self.reasons = reasons
            self.recordIDHash = recordIDHash
            self.agreementVersion = agreementVersion
            self.rulesVersion = rulesVersion
        }
    }

    public struct Release: Sendable, Hashable {
        public var batchID: String
        public var requestID: String
        /// The names of the fields released (column names such as `address_line1`), never their values.
        public var fields: [String]
        /// ``LedgerHash/of(releasedValues:salt:)`` of the values released, under a random salt
        /// kept with the disclosure (not in the log): the values are bound without being
        /// guessable from the log. Set, the entry is of kind 21 (`releaseSealed`); nil, kind 3.
        public var valuesHash: Hash32?

        public init(batchID: String, requestID: String, fields: [String], valuesHash: Hash32? = nil) {
            self.batchID = batchID
            self.requestID = requestID
            self.fields = fields
            self.valuesHash = valuesHash
        }
    }

    public struct Approval: Sendable, Hashable {
        public var batchID: String
        public var officerID: String

        public init(batchID: String, officerID: String) {
            self.batchID = batchID
            self.officerID = officerID
        }
    }

    public struct AgreementChanged: Sendable, Hashable {
        public var agreementID: String
        public var version: String
        /// SHA-256 of the agreement file's bytes.
        public var hash: Hash32

        public init(agreementID: String, version: String, hash: Hash32) {
            self.agreementID = agreementID
            self.version = version
            self.hash = hash
        }
    }

    public struct OrderChanged: Sendable, Hashable {
        public var orderID: String
        public var version: String
        /// The order's status after the change, e.g. `in_force`, `stayed`, `vacated`.
        public var status: String
        /// SHA-256 of the order file's bytes.
        public var hash: Hash32

        public init(orderID: String, version: String, status: String, hash: Hash32) {
            self.orderID = orderID
            self.version = version
            self.status = status
            self.hash = hash
        }
    }

    public struct Review: Sendable, Hashable {
        public var reviewID: String
        /// Past decisions replayed.
        public var decisionsReplayed: UInt64
        /// Past disclosures examined.
        public var disclosuresReviewed: UInt64
        /// Disclosures that no longer stand under the rules and orders in force.
        public var disclosuresNoLongerStanding: UInt64
        /// Disposal notices drafted.
        public var noticesDrafted: UInt64

        public init(
            reviewID: String, decisionsReplayed: UInt64, disclosuresReviewed: UInt64,
            disclosuresNoLongerStanding: UInt64, noticesDrafted: UInt64
        ) {
            self.reviewID = reviewID
            self.decisionsReplayed = decisionsReplayed
            self.disclosuresReviewed = disclosuresReviewed
            self.disclosuresNoLongerStanding = disclosuresNoLongerStanding
            self.noticesDrafted = noticesDrafted
        }
    }

    public struct Notice: Sendable, Hashable {
        public var noticeID: String
        /// The recipient agency's identifier (a requester, never a person).
        public var recipient: String
        public var reviewID: String

        public init(noticeID: String, recipient: String, reviewID: String) {
            self.noticeID = noticeID
            self.recipient = recipient
            self.reviewID = reviewID
        }
    }

    public struct Inspection: Sendable, Hashable {
        /// Who looked: an officer or service account identifier.
        public var actor: String
        /// What was shown, e.g. the command or API route (`match explain`, `GET /records/:id`).
        public var action: String
        /// ``LedgerHash/of(subjectID:key:)`` of the record or request shown.
        public var subjectIDHash: Hash32

        public init(actor: String, action: String, subjectIDHash: Hash32) {
            self.actor = actor
            self.action = action
            self.subjectIDHash = subjectIDHash
        }
    }
}

extension LedgerEvent {
    /// A step that refused to act on stored rows that differ from the ledger: which step, on
    /// what (a batch id, or `workspace`), how many rows differ, and in which tables. The rows
    /// themselves are named by `gatehouse audit`, never here.
    public struct Refusal: Sendable, Hashable {
        /// The step that refused, e.g. `release`, `results`, `approve`, `decide`.
        public var step: String
        /// What it was asked to act on: a batch id, or `workspace`.
        public var subject: String
        /// The number of rows found to differ.
        public var mismatches: UInt64
        /// The tables those rows are in, sorted (`decisions`, `approvals`, …).
        public var tables: [String]

        public init(step: String, subject: String, mismatches: UInt64, tables: [String]) {
            self.step = step
            self.subject = subject
            self.mismatches = mismatches
            self.tables = tables
        }
    }
}

extension LedgerEvent {
    /// A batch's request rows and released values purged under its agreement's retention: the
    /// decisions, the disclosures' fields and result codes (the accounting) and the ledger stay.
    public struct Retention: Sendable, Hashable {
        public var batchID: String
        /// The agreement's retention in days, as applied.
        public var days: UInt64
        /// Request rows whose values were purged.
        public var requestRows: UInt64
        /// Disclosures whose released values were purged.
        public var disclosures: UInt64

        public init(batchID: String, days: UInt64, requestRows: UInt64, disclosures: UInt64) {
            self.batchID = batchID
            self.days = days
            self.requestRows = requestRows
            self.disclosures = disclosures
        }
    }
}
