import Foundation
import GatehouseCore
import GatehouseStore
import Hummingbird

/// Agreements and court orders: posted as YAML documents, listed, shown, suspended, resumed and
/// lifted. Every change is a new version and a ledger event (the store does both).
enum DocumentRoutes {
    static func endpoints(_ state: ServerState) -> [Endpoint] {
        [
            Endpoint(.post, "/v1/agreements", .roles(.officer)) { request, context in
                let text = try await request.bodyText(context: context)
                let agreement = try document { try DocumentFiles.agreement(yaml: text, name: "agreement") }
                context.note.objectID = agreement.id
                let version = try store { try state.workspace.addAgreement(agreement) }
                return try Reply.json(DocumentVersionView(id: agreement.id, version: version), status: .created)
            },
            Endpoint(.get, "/v1/agreements", .roles(.officer, .auditor)) { _, _ in
                try Reply.json(AgreementList(agreements: try state.workspace.agreements().map(AgreementSummary.init)))
            },
            Endpoint(.get, "/v1/agreements/{id}", .roles(.requester, .officer, .auditor, ownership: .ownAgreement)) {
                _, context in
                let id = try context.objectID("id")
                try context.requireOwn(agreementID: id, kind: "agreement")
                guard let agreement = try state.workspace.latestAgreement(id: id) else {
                    throw Problem.notFound("agreement")
                }
                return try Reply.json(agreement)
            },
            Endpoint(.post, "/v1/agreements/{id}/suspend", .roles(.officer)) { _, context in
                let id = try context.objectID("id")
                let changed = try store { try state.workspace.setAgreementStatus(id: id, .suspended) }
                return try Reply.json(DocumentVersionView(id: id, version: changed.version, status: changed.status.rawValue))
            },
            Endpoint(.post, "/v1/agreements/{id}/resume", .roles(.officer)) { _, context in
                let id = try context.objectID("id")
                let changed = try store { try state.workspace.setAgreementStatus(id: id, .active) }
                return try Reply.json(DocumentVersionView(id: id, version: changed.version, status: changed.status.rawValue))
            },
            Endpoint(.post, "/v1/orders", .roles(.officer)) { request, context in
                let text = try await request.bodyText(context: context)
                let order = try document { try DocumentFiles.courtOrder(yaml: text, name: "order") }
                context.note.objectID = order.id
                let version = try store { try state.workspace.addOrder(order) }
                return try Reply.json(DocumentVersionView(id: order.id, version: version), status: .created)
            },
            Endpoint(.get, "/v1/orders", .roles(.officer, .auditor)) { _, _ in
                let orders: [CourtOrder]
                do {
                    orders = try state.workspace.orders()
                } catch {
                    throw Problem.unavailable("the court-order registry cannot be read")
                }
                return try Reply.json(OrderList(orders: orders.map(OrderSummary.init)))
            },
            Endpoint(.get, "/v1/orders/{id}", .roles(.officer, .auditor)) { _, context in
                let id = try context.objectID("id")
                guard let order = try store({ try state.workspace.latestOrder(id: id) }) else {
                    throw Problem.notFound("order")
                }
                return try Reply.json(order)
            },
            Endpoint(.post, "/v1/orders/{id}/lift", .roles(.officer)) { _, context in
                let id = try context.objectID("id")
                let changed = try store { try state.workspace.liftOrder(id: id) }
                return try Reply.json(DocumentVersionView(id: id, version: changed.version, status: changed.status.rawValue))
            },
        ]
    }

    /// A document parsed, or 422 naming the problems (never a value).
    static func document<T>(_ parse: () throws -> T) throws -> T {
        do {
            return try parse()
        } catch let error as DocumentFileError {
            throw Problem(.unprocessableContent, .invalidDocument, error.description)
        }
    }

    /// A store change, with its errors as problems.
    static func store<T>(_ change: () throws -> T) throws -> T {
        do {
            return try change()
        } catch let error as WorkspaceError {
            switch error.code {
            case .unknownDocument: throw Problem.notFound("document")
            case .staleVersion, .invalidDocument: throw Problem(.conflict, .conflict, error.message)
            case .unreadableDocument: throw Problem.unavailable("a stored document cannot be read")
            default: throw Problem.internalError
            }
        }
    }
}

struct DocumentVersionView: Encodable {
    var id: String
    var version: Int
    var status: String?
}

struct AgreementSummary: Encodable {
    var id: String
    var version: Int
    var status: String
    var requester: String
    var validFrom: String
    var validUntil: String
    var interactive: Bool

    init(_ a: Agreement) {
        id = a.id
        version = a.version
        status = a.status.rawValue
        requester = a.requester.agency
        validFrom = a.validFrom
        validUntil = a.validUntil
        interactive = a.allowsInteractiveUse
    }
}

struct AgreementList: Encodable { var agreements: [AgreementSummary] }

struct OrderSummary: Encodable {
    var id: String
    var version: Int
    var status: String

    init(_ o: CourtOrder) {
        id = o.id
        version = o.version
        status = o.status.rawValue
    }
}

struct OrderList: Encodable { var orders: [OrderSummary] }
