import Foundation
import GatehouseCore
import GatehouseStore
import GRDB
import Hummingbird

/// Liveness, readiness, metrics and the API's own description.
enum SystemRoutes {
    static func endpoints(_ state: ServerState) -> [Endpoint] {
        [
            Endpoint(.get, "/healthz", .public) { _, _ in
                Reply.text("ok\n", contentType: "text/plain; charset=utf-8")
            },
            Endpoint(.get, "/readyz", .public) { _, _ in
                struct Ready: Encodable {
                    var ready: Bool
                    var reasons: [String]
                    var explanations: [String]
                }
                let reasons = state.readiness.reasons()
                state.metrics.ready(reasons.isEmpty)
                return try Reply.json(
                    Ready(ready: reasons.isEmpty, reasons: reasons.map(\.rawValue), explanations: reasons.map(\.explanation)),
                    status: reasons.isEmpty ? .ok : .serviceUnavailable)
            },
            Endpoint(.get, "/openapi.yaml", .public) { _, _ in
                Reply.text(try OpenAPIDocument.text(), contentType: "application/yaml")
            },
            Endpoint(.get, "/metrics", .roles(.auditor, .admin)) { _, _ in
                let (size, checkpoint) = try await state.workspace.database.read { db in
                    (try LedgerStore.size(in: db), try LedgerStore.latestCheckpoint(in: db))
                }
                let age = checkpoint.flatMap { Self.age(of: $0.createdAt, now: state.configuration.now()) }
                state.metrics.ledger(size: size, checkpointAge: age)
                return Response(
                    status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                    body: .init(byteBuffer: ByteBuffer(bytes: state.metrics.exposition())))
            },
        ]
    }

    static func age(of timestamp: String, now: Date) -> Double? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard let date = formatter.date(from: timestamp) ?? ISO8601DateFormatter().date(from: timestamp) else {
            return nil
        }
        return now.timeIntervalSince(date)
    }
}

/// The hand-written OpenAPI 3.1 document (`Resources/openapi.yaml`), loaded once.
public enum OpenAPIDocument {
    public static func text() throws -> String {
        guard let url = Bundle.module.url(forResource: "Resources/openapi", withExtension: "yaml"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { throw Problem.internalError }
        return text
    }
}
