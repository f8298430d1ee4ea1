/// Every route of the API, each with its access rule. The router is built from this table and
/// nothing else; the tests check that the router's routes, this table and the OpenAPI
/// document's paths are one set, and walk every role × route × own/other cell.
public enum Endpoints {
    public static func all(_ state: ServerState) -> [Endpoint] {
        SystemRoutes.endpoints(state) + BatchRoutes.endpoints(state) + VerificationRoutes.endpoints(state)
            + DocumentRoutes.endpoints(state) + ReviewRoutes.endpoints(state) + AuditRoutes.endpoints(state)
            + KeyRoutes.endpoints(state) + LogRoutes.endpoints(state)
    }
}
