import Foundation
import GatehouseCore
import GatehouseStore
import Hummingbird

/// `POST /v1/verifications`: one request under the caller's agreement, decided by the batch
/// pipeline's own per-row steps (gate → match → policy), answered with the result code and only
/// the permitted, released fields. Allowed only when the agreement enables interactive use.
/// The decision, its release and the call's access event are committed in one group
/// transaction before the answer leaves.
enum VerificationRoutes {
    static func endpoints(_ state: ServerState) -> [Endpoint] {
        [
            Endpoint(.post, "/v1/verifications", .roles(.requester)) { request, context in
                try await verify(request, context, state)
            }
        ]
    }

    /// The body: the Requests columns as JSON strings.
    struct Body: Decodable {
        var requestId: String?
        var tin: String?
        var givenName: String?
        var middleName: String?
        var surname: String?
        var birthDate: String?
        var addressLine1: String?
        var addressLine2: String?
        var city: String?
        var state: String?
        var postcode: String?
        var caseReference: String?

        func request(id: String) -> GatehouseCore.Request {
            func clean(_ text: String?) -> String { (text ?? "").trimmingCharacters(in: .whitespaces) }
            return GatehouseCore.Request(
                requestID: id, tin: clean(tin), givenName: clean(givenName), middleName: clean(middleName),
                surname: clean(surname), birthDate: clean(birthDate),
                address: PostalAddress(
                    line1: clean(addressLine1), line2: clean(addressLine2), city: clean(city), state: clean(state),
                    postcode: clean(postcode)),
                caseReference: clean(caseReference))
        }
    }

    struct Answer: Encodable {
        var requestId: String
        var resultCode: Int
        var resultLabel: String
        /// Only the permitted, released fields, by response column.
        var fields: [String: String]
    }

    static func verify(_ request: Request, _ context: GatehouseRequestContext, _ state: ServerState) async throws
        -> Response
    {
        let caller = try context.caller()
        guard let agreementID = caller.agreementID,
            let agreement = try state.workspace.latestAgreement(id: agreementID)
        else { throw Problem.forbidden("POST /v1/verifications") }
        context.note.objectID = agreementID
        guard agreement.allowsInteractiveUse, let interactive = agreement.interactive else {
            throw Problem(
                .forbidden, .interactiveNotEnabled, "the agreement does not allow single verifications (interactive use)")
        }
        let unusable = ManifestCheck.agreementProblems(agreement, on: state.today)
        if !unusable.isEmpty {
            throw Problem(
                .forbidden, .agreementNotUsable, "the agreement cannot be used now", reasons: unusable.map(\.rawValue))
        }
        let body = try await request.decodeJSON(Body.self, context: context)
        let requestID = body.requestId.flatMap { $0.isEmpty ? nil : String($0.prefix(64)) } ?? "Q" + UUID().uuidString.prefix(12)
        let query = body.request(id: requestID)
        context.note.headers = Warnings.headers(for: agreement, state: state)

        // Quota: the day's requests, batches and verifications together.
        if let perDay = agreement.quotas.recordsPerDay,
            try Warnings.requestsToday(agreementID: agreementID, state: state) >= perDay
        {
            state.metrics.refused(Problem.Code.quotaExceeded.rawValue)
            throw Problem(
                .tooManyRequests, .quotaExceeded, "the agreement's daily quota is used up",
                reasons: [ReasonCode.agreementQuotaDayExceeded.rawValue])
        }
        // Probe detection: one person asked about too often is refused and flagged.
        let window = Double(interactive.probeWindowHours) * 3600
        let subjects = state.probes.subjects(of: query, agreementID: agreementID)
        let (count, subject) = state.probes.record(
            subjects, now: state.configuration.now().timeIntervalSince1970, window: window)
        if count > interactive.probeLimit, let subject {
            state.metrics.refused(Problem.Code.probeLimit.rawValue)
            try await flag(
                subject: subject, count: count, window: window, first: count == interactive.probeLimit + 1,
                caller: caller, agreementID: agreementID, context: context, state: state)
            throw Problem(
                .tooManyRequests, .probeLimit,
                "this person was asked about more often than the agreement allows; the call was refused and flagged",
                reasons: [Problem.Code.probeLimit.rawValue])
        }
        guard let rules = try state.index.rules(for: agreement) else {
            throw Problem.unavailable("the match index is loading")
        }
        try state.requireOrders()
        let pipeline = state.pipeline
        let prepared = pipeline.prepareVerification(query, rules: rules)
        let access = LedgerEvent.access(
            .init(
                keyID: caller.keyID, role: caller.role.rawValue, onBehalfOf: caller.onBehalfOf,
                route: "POST /v1/verifications", objectID: agreementID, verdict: .allowed, status: 200))
        let answer: BatchPipeline.Verification
        do {
            answer = try await state.committer.commit { db in
                let (answer, events) = try pipeline.recordVerification(prepared, in: db)
                return (answer, events + [access])
            }
        } catch let error as WorkspaceError where error.code == .unreadableDocument {
            throw Problem.unavailable("the court-order registry cannot be read; nothing is decided or released")
        }
        context.note.accessRecorded = true
        context.note.objectID = answer.batchID
        state.metrics.decisions(answer.outcome.rawValue)
        return try Reply.json(
            Answer(
                requestId: answer.requestID, resultCode: answer.resultCode.rawValue, resultLabel: answer.resultCode.label,
                fields: answer.values))
    }

    /// Records the probe flag for officers (once per crossing of the limit) in the ledger.
    static func flag(
        subject: Hash32, count: Int, window: Double, first: Bool, caller: Caller, agreementID: String,
        context: GatehouseRequestContext, state: ServerState
    ) async throws {
        guard first else { return }
        let flag = LedgerEvent.ProbeFlagged(
            agreementID: agreementID, keyID: caller.keyID, subjectHash: subject, count: UInt64(count),
            windowSeconds: UInt64(window))
        try await state.committer.commit { db in
            try state.workspace.flagProbe(flag, in: db)
            return ((), [.probeFlagged(flag)])
        }
        state.logger.warning("probe flagged", metadata: ["key": "\(caller.keyID)", "agreement": "\(agreementID)"])
    }
}
