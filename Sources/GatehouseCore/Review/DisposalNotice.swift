/// A disposal notice to one recipient: which of its received releases no longer stand, on what
/// basis, and the certified destruction asked for by a deadline.
///
/// It lists batches and request ids — identifiers the recipient already holds — never the
/// protected data again.
public struct DisposalNotice: Sendable, Hashable, Codable {
    /// An agreement the releases were made under.
    public struct AgreementReference: Sendable, Hashable, Codable {
        public var id: String
        public var versions: [Int]
        public var legalBasis: [String]
        public var purpose: String

        public init(id: String, versions: [Int], legalBasis: [String], purpose: String) {
            self.id = id
            self.versions = versions
            self.legalBasis = legalBasis
            self.purpose = purpose
        }
    }

    /// A court order behind some findings.
    public struct OrderReference: Sendable, Hashable, Codable {
        public var id: String
        public var court: String
        public var caseNumber: String

        public init(id: String, court: String, caseNumber: String) {
            self.id = id
            self.court = court
            self.caseNumber = caseNumber
        }
    }

    /// The affected requests of one batch.
    public struct AffectedBatch: Sendable, Hashable, Codable {
        public var batchID: String
        public var agreementID: String
        /// The first and last day releases of the batch were made.
        public var releasedFrom: String
        public var releasedUntil: String
        /// The fields to destroy for these requests.
        public var fields: [DisclosureField]
        /// The affected request ids, in row order.
        public var requestIDs: [String]
        /// How many requests fall under each reason code.
        public var reasons: [String: Int]

        public init(
            batchID: String, agreementID: String, releasedFrom: String, releasedUntil: String,
            fields: [DisclosureField], requestIDs: [String], reasons: [String: Int]
        ) {
            self.batchID = batchID
            self.agreementID = agreementID
            self.releasedFrom = releasedFrom
            self.releasedUntil = releasedUntil
            self.fields = fields
            self.requestIDs = requestIDs
            self.reasons = reasons
        }
    }

    public var noticeID: String
    public var reviewID: String
    /// The holder sending the notice (the workspace's log origin).
    public var holder: String
    public var recipient: String
    public var recipientContact: String
    public var recipientAddress: String
    public var draftedOn: String
    /// The day certified destruction is due.
    public var deadline: String
    public var agreements: [AgreementReference]
    public var orders: [OrderReference]
    public var batches: [AffectedBatch]

    public init(
        noticeID: String, reviewID: String, holder: String, recipient: String, recipientContact: String,
        recipientAddress: String, draftedOn: String, deadline: String, agreements: [AgreementReference],
        orders: [OrderReference], batches: [AffectedBatch]
    ) {
        self.noticeID = noticeID
        self.reviewID = reviewID
        self.holder = holder
        self.recipient = recipient
        self.recipientContact = recipientContact
        self.recipientAddress = recipientAddress
        self.draftedOn = draftedOn
        self.deadline = deadline
        self.agreements = agreements
        self.orders = orders
        self.batches = batches
    }

    /// How many released requests the notice covers.
    public var requestCount: Int { batches.reduce(0) { $0 + $1.requestIDs.count } }

    /// Every field to destroy, in field order.
    public var fields: [DisclosureField] { Set(batches.flatMap(\.fields)).sorted() }

    /// Requests per reason code, over every batch.
    public var reasonCounts: [(code: String, count: Int)] {
        var counts: [String: Int] = [:]
        for batch in batches { for (code, n) in batch.reasons { counts[code, default: 0] += n } }
        return counts.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }.map {
            ($0.key, $0.value)
        }
    }

    /// Builds the notices of a review, one per recipient, from its findings.
    ///
    /// - Parameters:
    ///   - findings: The review's findings (any order).
    ///   - agreements: The latest version of each agreement, by id (legal basis, requester).
    ///   - orders: Every court order, by id.
    ///   - noticeID: Makes the id of the n-th notice (from 1, in recipient order).
    /// - Returns: One notice per recipient with findings, in recipient order.
    public static func drafts(
        reviewID: String, holder: String, findings: [ReviewFinding], agreements: [String: Agreement],
        orders: [String: CourtOrder], draftedOn: String, deadline: String, noticeID: (Int) -> String
    ) -> [DisposalNotice] {
        let byRecipient = Dictionary(grouping: findings, by: \.recipient)
        return byRecipient.keys.sorted().enumerated().map { offset, recipient in
            let items = byRecipient[recipient]!
            let requester = items.lazy.compactMap { agreements[$0.agreementID]?.requester }.first
            let byAgreement = Dictionary(grouping: items, by: \.agreementID)
            let agreementRefs = byAgreement.keys.sorted().map { id in
                AgreementReference(
                    id: id, versions: Set(byAgreement[id]!.map(\.agreementVersion)).sorted(),
                    legalBasis: agreements[id]?.legalBasis ?? [], purpose: agreements[id]?.purpose ?? "")
            }
            let orderRefs = Set(items.flatMap(\.orders)).sorted().map { id in
                OrderReference(id: id, court: orders[id]?.court ?? "", caseNumber: orders[id]?.caseNumber ?? "")
            }
            let byBatch = Dictionary(grouping: items, by: \.batchID)
            let batches = byBatch.keys.sorted().map { batchID -> AffectedBatch in
                let rows = byBatch[batchID]!.sorted { $0.rowNumber < $1.rowNumber }
                let days = rows.map { String($0.releasedAt.prefix(10)) }
                var reasons: [String: Int] = [:]
                for row in rows {
                    for code in Set(row.reasons.map(\.rawValue) + row.decisionReasons.map(\.rawValue)) {
                        reasons[code, default: 0] += 1
                    }
                }
                return AffectedBatch(
                    batchID: batchID, agreementID: rows[0].agreementID, releasedFrom: days.min() ?? "",
                    releasedUntil: days.max() ?? "", fields: Set(rows.flatMap(\.fields)).sorted(),
                    requestIDs: rows.map(\.requestID), reasons: reasons)
            }
            return DisposalNotice(
                noticeID: noticeID(offset + 1), reviewID: reviewID, holder: holder, recipient: recipient,
                recipientContact: requester?.contact ?? "", recipientAddress: requester?.address ?? "",
                draftedOn: draftedOn, deadline: deadline, agreements: agreementRefs, orders: orderRefs,
                batches: batches)
        }
    }
}
