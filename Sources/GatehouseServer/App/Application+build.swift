import Foundation
public import GatehouseStore
public import Hummingbird
import HummingbirdAuth
import HummingbirdCore
import HummingbirdTLS
public import Logging
import NIOSSL
import ServiceLifecycle

/// Builds the server: the workspace opened, the services (group committer, index loader,
/// batch decider) and the router. The same application runs live (`gatehouse serve`) and in the
/// tests (`app.test(.router)`).
///
/// - Throws: `WorkspaceError` when the workspace cannot be opened; `Problem` for unreadable TLS files.
public func buildApplication(_ configuration: ServerConfiguration, logger: Logger? = nil) async throws
    -> some ApplicationProtocol
{
    var logger = logger ?? Logger(label: "gatehouse.server")
    logger.logLevel = configuration.logLevel
    let workspace = try Workspace.open(at: configuration.workspacePath)
    let state = ServerState(configuration: configuration, workspace: workspace, logger: logger)
    try UploadSpool.clean(workspace: workspace)
    return try buildApplication(state: state)
}

/// Builds the server around an existing state (tests reach into it).
public func buildApplication(state: ServerState) throws -> some ApplicationProtocol {
    let configuration = state.configuration
    let router = buildRouter(state)
    let server: HTTPServerBuilder
    if let certificate = configuration.tlsCertificatePath, let key = configuration.tlsKeyPath {
        server = try .tls(.http1(), tlsConfiguration: try TLSSetup.configuration(
            certificate: certificate, key: key, clientCA: configuration.clientCAPath))
    } else {
        server = .http1()
    }
    return Application(
        router: router, server: server,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "gatehouse"),
        services: [state.committer, IndexService(state: state), state.decider, CheckpointService(state: state)],
        logger: state.logger)
}

/// The router: a global request-log middleware, then every route of `Endpoints.all`, each
/// with its access rule: public routes log only; the others authenticate the key, check the
/// role (hummingbird-auth `AuthorizationPolicyMiddleware`), apply the rate limit and record
/// the call in the ledger.
public func buildRouter(_ state: ServerState) -> Router<GatehouseRequestContext> {
    let router = Router(context: GatehouseRequestContext.self)
    router.add(middleware: RequestLogMiddleware(state: state))
    for endpoint in Endpoints.all(state) {
        let group = router.group()
        group.add(middleware: AccessMiddleware(state: state, route: endpoint.route))
        if !endpoint.rule.isPublic {
            group.add(middleware: KeyAuthenticator(state: state))
            group.add(
                middleware: AuthorizationPolicyMiddleware(
                    RolesPolicy(roles: endpoint.rule.roles), deniedError: Problem.forbidden(endpoint.route),
                    context: GatehouseRequestContext.self))
            group.add(middleware: RateLimitMiddleware(state: state))
        }
        let handler = endpoint.handler
        group.on(RouterPath(endpoint.routerPath), method: endpoint.method) { request, context in
            try await handler(request, context)
        }
    }
    return router
}

/// TLS from PEM files, optionally requiring client certificates signed by a CA.
enum TLSSetup {
    static func configuration(certificate: String, key: String, clientCA: String?) throws -> TLSConfiguration {
        do {
            let chain = try NIOSSLCertificate.fromPEMFile(certificate).map { NIOSSLCertificateSource.certificate($0) }
            var tls = TLSConfiguration.makeServerConfiguration(
                certificateChain: chain, privateKey: .privateKey(try NIOSSLPrivateKey(file: key, format: .pem)))
            if let clientCA {
                tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(clientCA))
                tls.certificateVerification = .noHostnameVerification
            }
            return tls
        } catch {
            throw Problem(.internalServerError, .internalError, "cannot read the TLS certificate, key or client CA")
        }
    }
}
