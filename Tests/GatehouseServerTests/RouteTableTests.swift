import Foundation
import Testing
import Yams

@testable import GatehouseServer

@Suite struct RouteTableTests {
    /// The routes the router holds: every one comes from the endpoint table, so every one has a rule.
    @Test func routerRoutesAreTheEndpointTable() throws {
        let f = try ServerFixture()
        let router = buildRouter(f.state)
        let routed = Set(router.routes.map { "\($0.method.rawValue) \(Endpoint.openAPIPath($0.path.description))" })
        let table = Set(Endpoints.all(f.state).map(\.route))
        #expect(routed == table)
        #expect(routed.count == Endpoints.all(f.state).count, "no route twice")
    }

    /// The OpenAPI document describes exactly the router's routes (paths and methods).
    @Test func openAPIPathsAreTheRouterRoutes() throws {
        let f = try ServerFixture()
        let document = try #require(try Yams.load(yaml: try OpenAPIDocument.text()) as? [String: Any])
        #expect(document["openapi"] as? String == "3.1.0")
        let paths = try #require(document["paths"] as? [String: Any])
        var documented: Set<String> = []
        for (path, item) in paths {
            let operations = try #require(item as? [String: Any])
            for method in operations.keys where ["get", "put", "post", "delete", "patch"].contains(method) {
                documented.insert("\(method.uppercased()) \(path)")
            }
        }
        let routed = Set(buildRouter(f.state).routes.map { "\($0.method.rawValue) \(Endpoint.openAPIPath($0.path.description))" })
        #expect(documented == routed, "documented but not routed: \(documented.subtracting(routed)); routed but not documented: \(routed.subtracting(documented))")
    }

    /// Public routes are exactly the ones that must be reachable without a key (health, the
    /// document, and the ledger as tiles: anyone may check it).
    @Test func onlyHealthReadinessAndTheDocumentArePublic() throws {
        let f = try ServerFixture()
        let publicRoutes = Set(Endpoints.all(f.state).filter(\.rule.isPublic).map(\.route))
        #expect(
            publicRoutes == [
                "GET /healthz", "GET /readyz", "GET /openapi.yaml", "GET /v1/log/checkpoint", "GET /v1/log/tile/{path}",
                "GET /v1/log/key",
            ])
    }
}

@Suite struct LedgerEventFieldsTests {
    @Test(arguments: [
        ("agreementID", "agreement_id"), ("fileSHA256", "file_sha256"), ("recordIDHash", "record_id_hash"),
        ("keyID", "key_id"), ("onBehalfOf", "on_behalf_of"), ("status", "status"),
    ])
    func snakeCase(name: String, expected: String) {
        #expect(LedgerEventFields.snakeCase(name) == expected)
    }
}
