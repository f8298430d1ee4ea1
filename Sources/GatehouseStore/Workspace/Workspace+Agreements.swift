public import GatehouseCore
public import GRDB

/// Agreements: every change is a new version; old versions stay, so a decision can always be read
/// with the version it was made under.
extension Workspace {
    /// Stores `agreement` as a new version, as canonical JSON with its SHA-256.
    ///
    /// The version is the one the document states: it must be above every stored version of the
    /// same id (the file is the legal text, so the store never renumbers it). The first version of
    /// an id may be any number from 1.
    /// - Returns: The stored version.
    /// - Throws: `WorkspaceError` `.staleVersion` when the version is not above the latest,
    ///   `.invalidDocument` when the agreement fails `problems()`.
    @discardableResult
    public func addAgreement(_ agreement: Agreement) throws -> Int {
        try writeSigned { db in try DocumentStore.add(agreement, in: db) }
    }

    /// One version of an agreement (the latest when `version` is nil); nil when not stored.
    /// - Throws: `WorkspaceError` `.unreadableDocument` when the stored version cannot be decoded.
    public func agreement(id: String, version: Int? = nil) throws -> Agreement? {
        try database.read { db in try Self.agreement(id: id, version: version, in: db) }
    }

    /// The latest version of an agreement; nil when not stored.
    public func latestAgreement(id: String) throws -> Agreement? {
        try agreement(id: id, version: nil)
    }

    /// The latest version of every agreement, by id.
    public func agreements() throws -> [Agreement] {
        try database.read { db in try DocumentStore.latestOfEach(Agreement.self, in: db) }
    }

    /// Every stored version of an agreement, oldest first; empty when not stored.
    public func agreementVersions(id: String) throws -> [DocumentVersion] {
        try database.read { db in try DocumentStore.versions(Agreement.self, id: id, in: db) }
    }

    /// Suspends or resumes an agreement: stores the latest version with `status` changed as the
    /// next version.
    /// - Returns: The new version.
    /// - Throws: `WorkspaceError` `.unknownDocument` when no such agreement, `.invalidDocument`
    ///   when it already has that status.
    @discardableResult
    public func setAgreementStatus(id: String, _ status: Agreement.Status) throws -> Agreement {
        try writeSigned { db in
            try DocumentStore.amend(Agreement.self, id: id, in: db) { agreement in
                guard agreement.status != status else {
                    throw WorkspaceError(
                        .invalidDocument, "agreement \(id) is already \(status.rawValue) (version \(agreement.version))")
                }
                agreement.status = status
            }
        }
    }

    /// `agreement(id:version:)` inside a transaction the caller holds (to read an agreement and
    /// act on it atomically).
    public static func agreement(id: String, version: Int? = nil, in db: Database) throws -> Agreement? {
        try DocumentStore.fetch(Agreement.self, id: id, version: version, in: db)
    }
}
