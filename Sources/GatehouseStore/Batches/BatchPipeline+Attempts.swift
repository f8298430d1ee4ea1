import GRDB
import GatehouseCore

extension BatchPipeline {
    /// What a submission of a file that was rejected before amounts to.
    enum Attempt {
        /// The stored rejection stands: same agreement version, same reasons.
        case sameRejection(BatchInfo)
        /// A new batch, with this id.
        case new(String)
    }

    /// The id of a submission: `B` and 12 hex digits of SHA-256 over the agreement id, the file's
    /// SHA-256 and the manifest's (the first attempt), then of the same with `attempt n` for the
    /// n-th resubmission of a file and manifest whose earlier attempts were all rejected.
    ///
    /// An earlier rejected attempt under the same agreement version with exactly `problems` is
    /// returned as it is (submitting the same thing twice is idempotent); otherwise the first
    /// attempt number not yet used is taken.
    static func attemptID(
        agreementID: String, fileHash: Hash32, manifestHash: Hash32, agreementVersion: Int,
        problems: [ReasonCode], in workspace: Workspace
    ) throws -> Attempt {
        let base = "\(agreementID)\u{1F}\(fileHash.hex)\u{1F}\(manifestHash.hex)"
        var attempt = 0
        while true {
            let seed = attempt == 0 ? base : "\(base)\u{1F}attempt \(attempt)"
            let id = "B" + String(Hash32.sha256(utf8: seed).hex.prefix(12))
            guard let existing = try workspace.database.read({ db in try Self.batch(id: id, db: db) }) else {
                return .new(id)
            }
            if existing.state == .rejected, existing.agreementVersion == agreementVersion,
                existing.problems == problems, !problems.isEmpty
            {
                return .sameRejection(existing)
            }
            attempt += 1
        }
    }
}
