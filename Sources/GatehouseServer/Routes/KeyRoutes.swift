import Foundation
import GatehouseCore
import GatehouseStore
import Hummingbird

/// Admins: the keys. The secret of a new key is in the answer once and never again.
enum KeyRoutes {
    static func endpoints(_ state: ServerState) -> [Endpoint] {
        [
            Endpoint(.get, "/v1/keys", .roles(.admin)) { _, _ in
                try Reply.json(KeyList(keys: try state.workspace.keys().map(KeyView.init)))
            },
            Endpoint(.post, "/v1/keys", .roles(.admin)) { request, context in
                struct Body: Decodable {
                    var role: String
                    var name: String
                    var agreement: String?
                    var expires: String?
                }
                let body = try await request.decodeJSON(Body.self, context: context)
                guard let role = APIKey.Role(rawValue: body.role) else {
                    throw Problem.badRequest("role must be requester, officer, auditor or admin")
                }
                let caller = try context.caller()
                do {
                    let issued = try state.workspace.createKey(
                        role: role, name: body.name, agreementID: body.agreement, expiresOn: body.expires,
                        actor: "key:\(caller.keyID)")
                    context.note.objectID = issued.key.id
                    struct Issued: Encodable {
                        var key: KeyView
                        var secret: String
                    }
                    var response = try Reply.json(Issued(key: KeyView(issued.key), secret: issued.secret), status: .created)
                    response.headers[.cacheControl] = "no-store"
                    return response
                } catch let error as KeyError {
                    throw Problem(.unprocessableContent, .invalidDocument, error.message)
                }
            },
            Endpoint(.post, "/v1/keys/{id}/revoke", .roles(.admin)) { _, context in
                let id = try context.objectID("id")
                let caller = try context.caller()
                do {
                    return try Reply.json(KeyView(try state.workspace.revokeKey(id: id, actor: "key:\(caller.keyID)")))
                } catch let error as KeyError {
                    if error.code == .unknownKey { throw Problem.notFound("key") }
                    throw Problem(.conflict, .conflict, error.message)
                }
            },
        ]
    }
}

struct KeyView: Encodable {
    var id: String
    var name: String
    var role: String
    var agreementId: String?
    var createdAt: String
    var expiresOn: String?
    var revokedAt: String?
    var clientCertificateSha256: String?

    init(_ key: APIKey) {
        id = key.id
        name = key.name
        role = key.role.rawValue
        agreementId = key.agreementID
        createdAt = key.createdAt
        expiresOn = key.expiresOn
        revokedAt = key.revokedAt
        clientCertificateSha256 = key.clientCertificateSHA256
    }
}

struct KeyList: Encodable { var keys: [KeyView] }
