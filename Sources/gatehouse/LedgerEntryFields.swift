import GatehouseCore

/// An entry's fields as name–value lines, for `gatehouse ledger show`.
enum LedgerEntryFields {
    static func kindName(_ kind: LedgerEvent.Kind) -> String {
        switch kind {
        case .batchReceived: "batch-received"
        case .decision: "decision"
        case .release: "release"
        case .approval: "approval"
        case .agreementChanged: "agreement-changed"
        case .orderChanged: "order-changed"
        case .review: "review"
        case .notice: "notice"
        case .inspection: "inspection"
        case .access: "access"
        case .keyChanged: "key-changed"
        case .probeFlagged: "probe-flagged"
        case .refusal: "refusal"
        case .releaseSealed: "release"
        case .retention: "retention"
        }
    }

    static func fields(of event: LedgerEvent) -> [(String, String)] {
        func list(_ items: [String]) -> String { items.isEmpty ? "-" : items.joined(separator: ",") }
        switch event {
        case .batchReceived(let e):
            return [
                ("batch", e.batchID), ("file-sha256", e.fileSHA256.hex), ("agreement", e.agreementID),
                ("agreement-version", e.agreementVersion), ("manifest-sha256", e.manifestHash.hex),
                ("rows", String(e.rowCount)),
            ]
        case .decision(let e):
            return [
                ("batch", e.batchID), ("request", e.requestID), ("request-row-hash", e.requestRowHash.hex),
                ("outcome", e.outcome.rawValue), ("reasons", list(e.reasons.map(\.rawValue))),
                ("record-id-hash", e.recordIDHash?.hex ?? "-"), ("agreement-version", e.agreementVersion),
                ("rules-version", e.rulesVersion),
            ]
        case .release(let e):
            return [("batch", e.batchID), ("request", e.requestID), ("fields", list(e.fields))]
                + (e.valuesHash.map { [("values-hash", $0.hex)] } ?? [])
        case .approval(let e):
            return [("batch", e.batchID), ("officer", e.officerID)]
        case .agreementChanged(let e):
            return [("agreement", e.agreementID), ("version", e.version), ("sha256", e.hash.hex)]
        case .orderChanged(let e):
            return [("order", e.orderID), ("version", e.version), ("status", e.status), ("sha256", e.hash.hex)]
        case .review(let e):
            return [
                ("review", e.reviewID), ("decisions-replayed", String(e.decisionsReplayed)),
                ("disclosures-reviewed", String(e.disclosuresReviewed)),
                ("no-longer-standing", String(e.disclosuresNoLongerStanding)),
                ("notices-drafted", String(e.noticesDrafted)),
            ]
        case .notice(let e):
            return [("notice", e.noticeID), ("recipient", e.recipient), ("review", e.reviewID)]
        case .inspection(let e):
            return [("actor", e.actor), ("action", e.action), ("subject-id-hash", e.subjectIDHash.hex)]
        case .retention(let e):
            return [
                ("batch", e.batchID), ("days", String(e.days)), ("request-rows", String(e.requestRows)),
                ("disclosures", String(e.disclosures)),
            ]
        case .access(let e):
            return [
                ("key", e.keyID), ("role", e.role), ("on-behalf-of", e.onBehalfOf.isEmpty ? "-" : e.onBehalfOf),
                ("route", e.route), ("object", e.objectID.isEmpty ? "-" : e.objectID), ("verdict", e.verdict.rawValue),
                ("status", String(e.status)),
            ]
        case .keyChanged(let e):
            return [
                ("key", e.keyID), ("change", e.change.rawValue), ("role", e.role),
                ("agreement", e.agreementID.isEmpty ? "-" : e.agreementID), ("actor", e.actor),
            ]
        case .probeFlagged(let e):
            return [
                ("agreement", e.agreementID), ("key", e.keyID), ("subject-hash", e.subjectHash.hex),
                ("count", String(e.count)), ("window-seconds", String(e.windowSeconds)),
            ]
        case .refusal(let e):
            return [
                ("step", e.step), ("subject", e.subject), ("mismatches", String(e.mismatches)),
                ("tables", list(e.tables)),
            ]
        }
    }
}
