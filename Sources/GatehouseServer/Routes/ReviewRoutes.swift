import Foundation
import GatehouseCore
import GatehouseStore
import Hummingbird

/// Officers' review and disposal: replay past releases under the rules and orders in force now,
/// draft the disposal notices, record their certification; and the probe flags.
enum ReviewRoutes {
    static func endpoints(_ state: ServerState) -> [Endpoint] {
        [
            Endpoint(.post, "/v1/reviews", .roles(.officer)) { request, context in
                try await run(request, context, state)
            },
            Endpoint(.get, "/v1/reviews/{id}", .roles(.officer, .auditor)) { _, context in
                let id = try context.objectID("id")
                guard let info = try state.review.review(id: id) else { throw Problem.notFound("review") }
                return try Reply.json(info)
            },
            Endpoint(.post, "/v1/reviews/{id}/notices", .roles(.officer)) { _, context in
                let id = try context.objectID("id")
                guard try state.review.review(id: id) != nil else { throw Problem.notFound("review") }
                let notices = try state.review.draftNotices(reviewID: id)
                return try Reply.json(NoticeList(notices: notices.map(NoticeView.init)), status: .created)
            },
            Endpoint(.get, "/v1/notices", .roles(.officer, .auditor)) { _, _ in
                try Reply.json(NoticeStatusList(notices: try state.review.noticeStatuses()))
            },
            Endpoint(.post, "/v1/notices/{id}/certification", .roles(.officer)) { request, context in
                let id = try context.objectID("id")
                struct Body: Decodable {
                    var certifiedBy: String
                    var certifiedOn: String
                }
                let body = try await request.decodeJSON(Body.self, context: context)
                guard ISODate.isValid(body.certifiedOn) else { throw Problem.badRequest("certified_on must be YYYY-MM-DD") }
                guard try state.review.noticeStatuses().contains(where: { $0.noticeID == id }) else {
                    throw Problem.notFound("notice")
                }
                do {
                    try state.review.certify(noticeID: id, by: body.certifiedBy, certifiedOn: body.certifiedOn)
                } catch let error as ReviewError {
                    throw Problem(.conflict, .conflict, error.message)
                }
                return try Reply.json(NoticeStatusList(notices: try state.review.noticeStatuses().filter { $0.noticeID == id }))
            },
            Endpoint(.get, "/v1/probes", .roles(.officer, .auditor)) { _, _ in
                struct Flags: Encodable { var flags: [ProbeFlag] }
                return try Reply.json(Flags(flags: try state.workspace.probeFlags()))
            },
        ]
    }

    struct RunBody: Decodable {
        var agreement: String?
        var since: String?
        var profile: String?
    }

    static func run(_ request: Request, _ context: GatehouseRequestContext, _ state: ServerState) async throws
        -> Response
    {
        let body = try await request.decodeJSON(RunBody.self, context: context)
        if let since = body.since, !ISODate.isValid(since) { throw Problem.badRequest("since must be YYYY-MM-DD") }
        var profile: SufficiencyProfile?
        if let name = body.profile {
            guard let named = SufficiencyProfile.named(name), !named.isLegacy else {
                throw Problem.badRequest("profile must be a known, non-legacy profile name")
            }
            profile = named
        }
        try state.requireOrders()
        let review = state.review
        let summary: RetroactiveReview.Summary
        do {
            summary = try await review.run(.init(agreementID: body.agreement, since: body.since, profile: profile))
        } catch let error as ReviewError {
            throw Problem(.unprocessableContent, .invalidDocument, error.message)
        }
        context.note.objectID = summary.reviewID
        guard let info = try review.review(id: summary.reviewID) else { throw Problem.internalError }
        return try Reply.json(info, status: .created)
    }
}

extension ServerState {
    var review: RetroactiveReview { RetroactiveReview(workspace: workspace, now: configuration.now()) }
}

struct NoticeView: Encodable {
    var noticeId: String
    var recipient: String
    var findings: Int
    var markdown: String

    init(_ notice: DisposalNotice) {
        noticeId = notice.noticeID
        recipient = notice.recipient
        findings = notice.requestCount
        markdown = notice.markdown()
    }
}

struct NoticeList: Encodable { var notices: [NoticeView] }
struct NoticeStatusList: Encodable { var notices: [NoticeStatus] }
