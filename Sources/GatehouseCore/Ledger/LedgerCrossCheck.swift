/// One stored row that differs from what the ledger recorded: its table, which row, and what
/// differs. Identifiers, codes and field names only: never a value of a person.
public struct LedgerMismatch: Sendable, Hashable, CustomStringConvertible {
    /// The table the row is in (`decisions`, `approvals`, `disclosures`, `agreements`, …).
    public var table: String
    /// The row, by its key: `batch B1 row 3 (request Q3)`, `agreement a version 2`, …
    public var row: String
    /// What differs, e.g. `outcome is verified; ledger entry 57 says not_found`.
    public var detail: String

    public init(table: String, row: String, detail: String) {
        self.table = table
        self.row = row
        self.detail = detail
    }

    public var description: String { "\(table): \(row): \(detail)" }
}

/// Compares stored rows with the ledger entries that recorded them. Pure: the store reads both
/// and hands them here; nothing is fetched or written.
///
/// Every step that acts on a stored decision, approval, disclosure, agreement or order runs the
/// check for the rows it acts on, and `gatehouse audit` runs it for every row.
public enum LedgerCrossCheck {
    /// A `decisions` row as stored.
    public struct DecisionRow: Sendable, Hashable {
        public var batchID: String
        public var rowNumber: Int
        public var requestID: String
        public var outcome: String
        public var recordID: String?
        /// The reason codes joined by `;`, as stored.
        public var reasons: String
        public var addressVerified: Bool
        public var agreementVersion: Int

        public init(
            batchID: String, rowNumber: Int, requestID: String, outcome: String, recordID: String?, reasons: String,
            addressVerified: Bool, agreementVersion: Int
        ) {
            self.batchID = batchID
            self.rowNumber = rowNumber
            self.requestID = requestID
            self.outcome = outcome
            self.recordID = recordID
            self.reasons = reasons
            self.addressVerified = addressVerified
            self.agreementVersion = agreementVersion
        }

        var name: String { "batch \(batchID) row \(rowNumber) (request \(requestID))" }
    }

    /// Differences between a decision row and the entry its `ledger_seq` points at.
    ///
    /// - Parameters:
    ///   - row: the stored decision.
    ///   - sequence: the row's `ledger_seq` (nil when the row has none).
    ///   - entry: the decoded entry at that sequence (nil when there is none).
    ///   - requestRowHash: the hash of the stored request row (`batch_rows`), when it was read.
    public static func decision(
        _ row: DecisionRow, sequence: Int?, entry: LedgerEntry?, requestRowHash: Hash32? = nil
    ) -> [LedgerMismatch] {
        func mismatch(_ detail: String) -> [LedgerMismatch] {
            [LedgerMismatch(table: "decisions", row: row.name, detail: detail)]
        }
        guard let sequence else { return mismatch("the row has no ledger entry (no ledger_seq)") }
        guard let entry else { return mismatch("its ledger entry \(sequence) does not exist") }
        guard case .decision(let e) = entry.event else {
            return mismatch("ledger entry \(sequence) is not a decision but a \(entry.event.kind) entry")
        }
        var found: [LedgerMismatch] = []
        func differ(_ field: String, _ stored: String, _ logged: String) {
            if stored != logged {
                found += mismatch("\(field) is \(stored); ledger entry \(sequence) says \(logged)")
            }
        }
        differ("batch", row.batchID, e.batchID)
        differ("request_id", row.requestID, e.requestID)
        differ("outcome", row.outcome, e.outcome.rawValue)
        differ("reasons", row.reasons, e.reasons.map(\.rawValue).joined(separator: ";"))
        differ("agreement_version", String(row.agreementVersion), e.agreementVersion)
        let storedHash = row.recordID.map { LedgerHash.of(recordID: $0) }
        if storedHash != e.recordIDHash {
            found += mismatch(
                storedHash == nil
                    ? "record_id is empty; ledger entry \(sequence) names a record"
                    : e.recordIDHash == nil
                        ? "record_id is set; ledger entry \(sequence) names no record"
                        : "record_id is not the record ledger entry \(sequence) names")
        }
        // The address was confirmed only by a statutory verification (the rules version names the mode).
        let mode = e.rulesVersion.split(separator: "/").dropFirst().first.map(String.init) ?? ""
        let confirmed = e.outcome == .verified && mode == "statutory"
        if row.addressVerified != confirmed {
            found += mismatch(
                "address_verified is \(row.addressVerified ? 1 : 0); ledger entry \(sequence) (\(e.outcome.rawValue), rules \(e.rulesVersion)) implies \(confirmed ? 1 : 0)"
            )
        }
        if let requestRowHash, requestRowHash != e.requestRowHash {
            found.append(
                LedgerMismatch(
                    table: "batch_rows", row: row.name,
                    detail: "the request row does not hash to the request row hash of ledger entry \(sequence)"))
        }
        return found
    }

    /// A `disclosures` row as stored.
    public struct DisclosureRow: Sendable, Hashable {
        public var batchID: String
        public var rowNumber: Int
        public var requestID: String
        public var recordID: String?
        public var resultCode: Int
        /// The released fields joined by `;`, as stored (empty: nothing released).
        public var fields: String
        /// The response columns those fields fill, in the order the release entry lists them.
        public var columns: [String]
        /// The released values as stored (canonical JSON).
        public var valuesJSON: String
        /// The salt of the values hash (nil for a release made before values were sealed).
        public var salt: [UInt8]?
        /// The values were purged under the agreement's retention (a `retention` entry says so):
        /// they are not compared with the sealed hash.
        public var valuesPurged = false

        public init(
            batchID: String, rowNumber: Int, requestID: String, recordID: String?, resultCode: Int, fields: String,
            columns: [String], valuesJSON: String, salt: [UInt8]?
        ) {
            self.batchID = batchID
            self.rowNumber = rowNumber
            self.requestID = requestID
            self.recordID = recordID
            self.resultCode = resultCode
            self.fields = fields
            self.columns = columns
            self.valuesJSON = valuesJSON
            self.salt = salt
        }

        var name: String { "batch \(batchID) row \(rowNumber) (request \(requestID))" }
    }

    /// Differences between a disclosure row and the ledger: its release entry (only a row that
    /// released something has one) and the decision entry of the same row.
    ///
    /// - Parameters:
    ///   - row: the stored disclosure.
    ///   - sequence: its `ledger_seq` (nil when the row released nothing, or was forged).
    ///   - entry: the decoded entry at `sequence`, if any.
    ///   - decision: the decoded decision entry of the same batch row (already checked against
    ///     its own row), or nil when that is missing.
    public static func disclosure(
        _ row: DisclosureRow, sequence: Int?, entry: LedgerEntry?, decision: LedgerEvent.Decision?
    ) -> [LedgerMismatch] {
        var found: [LedgerMismatch] = []
        func mismatch(_ detail: String) { found.append(LedgerMismatch(table: "disclosures", row: row.name, detail: detail)) }
        guard let decision else {
            mismatch("its decision has no valid ledger entry")
            return found
        }
        let released = !row.fields.isEmpty
        if released {
            guard let sequence else {
                mismatch("it releases \(row.fields) but the ledger has no release for it")
                return found
            }
            guard let entry, case .release(let e) = entry.event else {
                mismatch("ledger entry \(sequence) is not a release")
                return found
            }
            if e.batchID != row.batchID || e.requestID != row.requestID {
                mismatch("ledger entry \(sequence) is the release of batch \(e.batchID) request \(e.requestID)")
            }
            if e.fields != row.columns {
                mismatch(
                    "it releases columns \(row.columns.joined(separator: ",")); ledger entry \(sequence) released \(e.fields.joined(separator: ","))"
                )
            }
            if let logged = e.valuesHash, !row.valuesPurged {
                if let salt = row.salt {
                    if LedgerHash.of(releasedValues: row.valuesJSON, salt: salt) != logged {
                        mismatch("its released values are not the values ledger entry \(sequence) sealed")
                    }
                } else {
                    mismatch("it has no values salt but ledger entry \(sequence) sealed its values")
                }
            }
            if decision.outcome != .verified {
                mismatch("it releases fields but its decision was \(decision.outcome.rawValue)")
            }
            if row.recordID.map({ LedgerHash.of(recordID: $0) }) != decision.recordIDHash {
                mismatch("record_id is not the record its decision verified")
            }
        } else {
            if let sequence { mismatch("it releases nothing but ledger entry \(sequence) is a release for it") }
            if row.valuesJSON != "{}" && !row.valuesJSON.isEmpty && !row.valuesPurged {
                mismatch("it releases nothing but holds values")
            }
            if row.recordID != nil { mismatch("it releases nothing but names a record") }
        }
        // The result code follows from the decision and the release (ResponseCode).
        let columnsReleased = released ? row.columns : []
        let allowed: Set<Int>
        switch decision.outcome {
        case .rejected: allowed = [ResponseCode.rejected.rawValue]
        case .insufficient: allowed = [ResponseCode.insufficient.rawValue]
        case .notFound: allowed = [ResponseCode.notFound.rawValue, ResponseCode.withheld.rawValue]
        case .ambiguous: allowed = [ResponseCode.ambiguous.rawValue, ResponseCode.withheld.rawValue]
        case .verified:
            allowed =
                columnsReleased.contains("result_code")
                ? [ResponseCode.verified.rawValue] : [ResponseCode.withheld.rawValue]
        }
        if !allowed.contains(row.resultCode) {
            mismatch(
                "result_code is \(row.resultCode); its decision (\(decision.outcome.rawValue)) and release allow \(allowed.sorted().map(String.init).joined(separator: " or "))"
            )
        }
        return found
    }

    /// Differences between a batch's `approvals` rows and its approval entries.
    public static func approvals(batchID: String, stored: [String], logged: [String]) -> [LedgerMismatch] {
        var found: [LedgerMismatch] = []
        let storedSet = Set(stored)
        let loggedSet = Set(logged)
        for officer in stored.sorted() where !loggedSet.contains(officer) {
            found.append(
                LedgerMismatch(
                    table: "approvals", row: "batch \(batchID) officer \(officer)",
                    detail: "the approval is not in the ledger"))
        }
        for officer in logged.sorted() where !storedSet.contains(officer) {
            found.append(
                LedgerMismatch(
                    table: "approvals", row: "batch \(batchID) officer \(officer)",
                    detail: "the ledger records this approval but the row is missing"))
        }
        return found
    }

    /// A version of an agreement or court order as stored.
    public struct DocumentRow: Sendable, Hashable {
        /// `agreements` or `court_orders`.
        public var table: String
        public var id: String
        public var version: Int
        /// The `status` column.
        public var status: String
        /// The status the stored document itself states.
        public var documentStatus: String?
        /// The `sha256` column.
        public var sha256: String
        /// SHA-256 of the stored document text.
        public var documentSHA256: Hash32

        public init(
            table: String, id: String, version: Int, status: String, documentStatus: String?, sha256: String,
            documentSHA256: Hash32
        ) {
            self.table = table
            self.id = id
            self.version = version
            self.status = status
            self.documentStatus = documentStatus
            self.sha256 = sha256
            self.documentSHA256 = documentSHA256
        }

        var noun: String { table == "agreements" ? "agreement" : "order" }
        var name: String { "\(noun) \(id) version \(version)" }
    }

    /// What the ledger recorded of one document version.
    public struct DocumentEntry: Sendable, Hashable {
        public var sequence: Int
        public var hash: Hash32
        /// The status the entry records (orders only).
        public var status: String?

        public init(sequence: Int, hash: Hash32, status: String?) {
            self.sequence = sequence
            self.hash = hash
            self.status = status
        }
    }

    /// Differences between the stored versions of agreements or orders and their change
    /// entries: a row edited, a row with no entry (forged), an entry with no row (deleted).
    ///
    /// - Parameters:
    ///   - rows: every stored version of one table.
    ///   - entries: the change entries of that table's kind, by id and version (the last of
    ///     several for one version wins: the store writes one).
    public static func documents(
        table: String, rows: [DocumentRow], entries: [String: [Int: DocumentEntry]]
    ) -> [LedgerMismatch] {
        var found: [LedgerMismatch] = []
        var seen: Set<String> = []
        for row in rows {
            seen.insert("\(row.id)\u{1F}\(row.version)")
            func mismatch(_ detail: String) { found.append(LedgerMismatch(table: table, row: row.name, detail: detail)) }
            guard let entry = entries[row.id]?[row.version] else {
                mismatch("the ledger has no change entry for this version")
                continue
            }
            if row.documentSHA256.hex != row.sha256 { mismatch("its document does not hash to its sha256 column") }
            if row.documentSHA256 != entry.hash {
                mismatch("its document is not the document ledger entry \(entry.sequence) recorded")
            }
            if let documentStatus = row.documentStatus, documentStatus != row.status {
                mismatch("its status column says \(row.status) but its document says \(documentStatus)")
            }
            if let logged = entry.status, logged != row.status {
                mismatch("its status is \(row.status); ledger entry \(entry.sequence) says \(logged)")
            }
        }
        for (id, versions) in entries.sorted(by: { $0.key < $1.key }) {
            for (version, entry) in versions.sorted(by: { $0.key < $1.key }) where !seen.contains("\(id)\u{1F}\(version)") {
                let noun = table == "agreements" ? "agreement" : "order"
                found.append(
                    LedgerMismatch(
                        table: table, row: "\(noun) \(id) version \(version)",
                        detail: "ledger entry \(entry.sequence) records this version but the row is missing"))
            }
        }
        return found
    }
}
