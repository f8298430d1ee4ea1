import Foundation
import GatehouseCore
import GatehouseStore
import GRDB
import Hummingbird

/// The ledger as C2SP tlog-tiles, public and cacheable: the signed checkpoint (byte for byte what
/// `gatehouse ledger checkpoint` prints), the hash tiles and entry bundles, and the verifier key.
/// A client that knows the specs and the key can prove any entry's inclusion and any two
/// checkpoints' consistency. The tiles are the store's (`LedgerStore.tileData`); nothing here
/// computes them.
enum LogRoutes {
    static func endpoints(_ state: ServerState) -> [Endpoint] {
        [
            Endpoint(.get, "/v1/log/checkpoint", .public) { _, _ in
                guard let note = try await state.workspace.database.read({ try LedgerStore.checkpointNote(in: $0) }) else {
                    throw Problem.notFound("checkpoint")
                }
                var response = Reply.text(note, contentType: "text/plain; charset=utf-8")
                response.headers[.cacheControl] = "no-cache"
                return response
            },
            Endpoint(.get, "/v1/log/tile/{path}", .public) { _, context in
                let path = "tile/" + context.parameters.getCatchAll().joined(separator: "/")
                guard let resource = TileResource(path: path),
                    let bytes = try await state.workspace.database.read({ try LedgerStore.tileData(resource, in: $0) })
                else { throw Problem.notFound("tile") }
                return Response(
                    status: .ok,
                    headers: [
                        .contentType: "application/octet-stream", .cacheControl: "public, max-age=31536000, immutable",
                    ], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
            },
            Endpoint(.get, "/v1/log/key", .public) { _, _ in
                let key = try LedgerKeys.loadVerifier(from: state.workspace.keysDirectory).keyString
                return Reply.text(key + "\n", contentType: "text/plain; charset=utf-8")
            },
        ]
    }
}
