import Foundation
import HTTPTypes
import GatehouseStore
import Hummingbird
import HummingbirdAuth

/// The one authentication middleware: `Authorization: Bearer <secret>` → the key, looked up by
/// the hash of the secret on every request (so that a revocation takes effect on the next
/// request). A revoked or expired key, or one used without the client certificate it is bound
/// to, is recorded as a denied call and answered 401; an unknown secret is answered 401 and not
/// recorded (there is no key to record).
struct KeyAuthenticator: AuthenticatorMiddleware {
    typealias Context = GatehouseRequestContext
    let state: ServerState

    func authenticate(request: Request, context: Context) async throws -> Caller? {
        guard let bearer = request.headers.bearer else { throw Problem.unauthenticated }
        let key: APIKey?
        do {
            key = try state.workspace.key(forSecret: bearer.token)
        } catch {
            throw Problem.unavailable("the key store cannot be read")
        }
        guard let key else { throw Problem.unauthenticated }
        let onBehalfOf = request.headers[.onBehalfOf].map { String($0.prefix(200)) } ?? ""
        let caller = Caller(key: key, onBehalfOf: onBehalfOf)
        context.note.caller = caller
        guard key.isUsable(on: state.today) else { throw Problem.unauthenticated }
        if let bound = key.clientCertificateSHA256 {
            guard let presented = await ClientCertificate.sha256(of: context), presented == bound else {
                throw Problem.unauthenticated
            }
        }
        return caller
    }
}

extension HTTPField.Name {
    /// The end user a requester's call is made for (SSA eCBSV style), recorded with the call.
    static let onBehalfOf = HTTPField.Name("Gatehouse-On-Behalf-Of")!
    static let requestID = HTTPField.Name("Gatehouse-Request-Id")!
    static let warning = HTTPField.Name("Gatehouse-Warning")!
    static let quotaRemaining = HTTPField.Name("Gatehouse-Quota-Remaining")!
}
