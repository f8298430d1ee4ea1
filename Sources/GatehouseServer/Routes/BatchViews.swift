import GatehouseCore
import GatehouseStore

/// A batch as the API shows it. A requester sees its own batch's state and row count, and the
/// funnel only once the batch is released (until then the counts would disclose before
/// approval); officers and auditors see the whole funnel.
struct BatchView: Encodable {
    var id: String
    var agreementId: String
    var agreementVersion: Int?
    var kind: String
    var state: String
    var rows: Int?
    var fileSha256: String?
    var submittedAt: String
    var releasedAt: String?
    var approvals: Int
    var reasons: [String]
    var funnel: FunnelView?

    init(upload: BatchUpload) {
        id = upload.id
        agreementId = upload.agreementID
        kind = "bulk"
        state = "awaiting_upload"
        submittedAt = upload.createdAt
        approvals = 0
        reasons = []
    }

    init(batch: BatchInfo, kind: String, funnel: BatchFunnel?) {
        id = batch.id
        agreementId = batch.agreementID
        agreementVersion = batch.agreementVersion
        self.kind = kind
        state = batch.state.rawValue
        rows = batch.rowCount
        fileSha256 = batch.fileSHA256
        submittedAt = batch.submittedAt
        releasedAt = batch.releasedAt
        approvals = batch.approvals.count
        reasons = batch.problems.map(\.rawValue)
        self.funnel = funnel.map(FunnelView.init)
    }
}

struct FunnelView: Encodable {
    var submitted: Int
    var decided: Int
    var rejectedRows: Int
    var insufficient: Int
    var insufficientByReason: [String: Int]
    var notFound: Int
    var notFoundByReason: [String: Int]
    var ambiguous: Int
    var verified: Int
    var released: Int
    var releasedWithAddress: Int
    var withheld: Int
    var withheldByReason: [String: Int]

    init(_ f: BatchFunnel) {
        func byName(_ counts: [ReasonCode: Int]) -> [String: Int] {
            Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value) })
        }
        submitted = f.submitted
        decided = f.decided
        rejectedRows = f.rejectedRows
        insufficient = f.insufficient
        insufficientByReason = byName(f.insufficientByReason)
        notFound = f.notFound
        notFoundByReason = byName(f.notFoundByReason)
        ambiguous = f.ambiguous
        verified = f.verified
        released = f.released
        releasedWithAddress = f.releasedWithAddress
        withheld = f.withheld
        withheldByReason = byName(f.withheldByReason)
    }
}

struct BatchList: Encodable {
    var batches: [BatchView]
}
