import Foundation
import GatehouseCSV
import GatehouseCore
import GatehouseStore
import Hummingbird

/// The bulk job: create with a manifest, upload the rows (streamed), poll, approve, release,
/// download the responses (streamed).
enum BatchRoutes {
    static func endpoints(_ state: ServerState) -> [Endpoint] {
        [
            Endpoint(.post, "/v1/batches", .roles(.requester)) { request, context in
                try await create(request, context, state)
            },
            Endpoint(.get, "/v1/batches", .roles(.requester, .officer, .auditor, ownership: .ownAgreement)) {
                _, context in
                try list(context, state)
            },
            Endpoint(.get, "/v1/batches/{id}", .roles(.requester, .officer, .auditor, ownership: .ownAgreement)) {
                _, context in
                try show(context, state)
            },
            Endpoint(.put, "/v1/batches/{id}/requests", .roles(.requester, ownership: .ownAgreement)) {
                request, context in
                try await BatchUploadRoute.upload(request, context, state)
            },
            Endpoint(.get, "/v1/batches/{id}/responses", .roles(.requester, ownership: .ownAgreement)) {
                _, context in
                try await responses(context, state)
            },
            Endpoint(.post, "/v1/batches/{id}/approvals", .roles(.officer)) { _, context in
                try await approve(context, state)
            },
            Endpoint(.post, "/v1/batches/{id}/release", .roles(.officer)) { _, context in
                try await release(context, state)
            },
        ]
    }

    /// `POST /v1/batches`: the manifest (YAML) under the caller's agreement → a batch id, or 422
    /// with every manifest reason.
    static func create(_ request: Request, _ context: GatehouseRequestContext, _ state: ServerState) async throws
        -> Response
    {
        let caller = try context.caller()
        guard let agreementID = caller.agreementID else { throw Problem.forbidden("POST /v1/batches") }
        let text = try await request.bodyText(context: context)
        let manifest: BatchManifest
        do {
            manifest = try DocumentFiles.manifest(yaml: text, name: "manifest")
        } catch {
            throw Problem(.unprocessableContent, .manifestRejected, "the manifest cannot be read: \(error)")
        }
        guard let agreement = try state.workspace.latestAgreement(id: agreementID) else {
            throw Problem(.unprocessableContent, .manifestRejected, "the key's agreement is not in this workspace")
        }
        let problems = ManifestCheck.problems(manifest, agreement: agreement, on: state.today)
        if !problems.isEmpty {
            throw Problem(
                .unprocessableContent, .manifestRejected, "the manifest fails the agreement",
                reasons: problems.map(\.rawValue))
        }
        let upload = try state.workspace.createUpload(agreementID: agreementID, manifest: text, keyID: caller.keyID)
        context.note.objectID = upload.id
        context.note.headers = Warnings.headers(for: agreement, state: state)
        var response = try Reply.json(BatchView(upload: upload), status: .created)
        response.headers[.location] = "/v1/batches/\(upload.id)"
        return response
    }

    static func list(_ context: GatehouseRequestContext, _ state: ServerState) throws -> Response {
        let caller = try context.caller()
        let own = caller.role == .requester ? caller.agreementID : nil
        let pipeline = state.pipeline
        var views = try pipeline.batches().filter { own == nil || $0.agreementID == own }.map {
            try view($0, caller: caller, state: state)
        }
        views += try state.workspace.pendingUploads(agreementID: own).map(BatchView.init(upload:))
        return try Reply.json(BatchList(batches: views))
    }

    static func view(_ batch: BatchInfo, caller: Caller, state: ServerState) throws -> BatchView {
        let showFunnel = caller.role != .requester || batch.state == .released
        return BatchView(
            batch: batch, kind: try state.workspace.batchKind(id: batch.id) ?? "bulk",
            funnel: showFunnel ? try state.pipeline.funnel(batchID: batch.id) : nil)
    }

    /// The batch an id names: a stored batch, or an upload (whose rows may have become another,
    /// identical batch). Another agreement's answers exactly as a missing one.
    static func resolve(_ id: String, _ context: GatehouseRequestContext, _ state: ServerState) throws -> Resolved {
        if let batch = try state.pipeline.batch(id: id) {
            try context.requireOwn(agreementID: batch.agreementID, kind: "batch")
            return .batch(batch)
        }
        if let upload = try state.workspace.upload(id: id) {
            try context.requireOwn(agreementID: upload.agreementID, kind: "batch")
            if let stored = upload.batchID, let batch = try state.pipeline.batch(id: stored) { return .batch(batch) }
            return .upload(upload)
        }
        throw Problem.notFound("batch")
    }

    enum Resolved {
        case batch(BatchInfo)
        case upload(BatchUpload)
    }

    static func show(_ context: GatehouseRequestContext, _ state: ServerState) throws -> Response {
        let caller = try context.caller()
        switch try resolve(try context.objectID("id"), context, state) {
        case .batch(let batch): return try Reply.json(view(batch, caller: caller, state: state))
        case .upload(let upload): return try Reply.json(BatchView(upload: upload))
        }
    }

    static func storedBatch(_ context: GatehouseRequestContext, _ state: ServerState) throws -> BatchInfo {
        guard case .batch(let batch) = try resolve(try context.objectID("id"), context, state) else {
            throw Problem(.conflict, .conflict, "the batch's rows have not been uploaded")
        }
        return batch
    }

    /// `GET /v1/batches/{id}/responses`: the response file, checked row by row against the
    /// ledger by the pipeline (`writeResponses`: nothing is served that the ledger does not hold),
    /// written to the spool folder and streamed from there in pieces.
    static func responses(_ context: GatehouseRequestContext, _ state: ServerState) async throws -> Response {
        let batch = try storedBatch(context, state)
        guard batch.state == .released else {
            throw Problem(.conflict, .notReleased, "the batch is \(batch.state.rawValue): responses exist once it is released")
        }
        let pipeline = state.pipeline
        let path = UploadSpool.directory(state.workspace) + "/\(batch.id)-\(UUID().uuidString.prefix(8))-responses.csv.part"
        do {
            _ = try await offloaded { try pipeline.writeResponses(batchID: batch.id, to: path) }
        } catch let error as BatchError {
            try? FileManager.default.removeItem(atPath: path)
            if error.code == .notReleased { throw Problem(.conflict, .notReleased, error.message) }
            throw Problem.unavailable("the responses do not hold up against the ledger; nothing is served")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw Problem.internalError }
        try? FileManager.default.removeItem(atPath: path)  // the open handle keeps the bytes until it closes
        let body = ResponseBody { writer in
            defer { try? handle.close() }
            while let data = try handle.read(upToCount: 1 << 16), !data.isEmpty {
                try await writer.write(ByteBuffer(bytes: data))
            }
            try await writer.finish(nil)
        }
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8",
                .contentDisposition: "attachment; filename=\"\(batch.id)-responses.csv\"",
            ], body: body)
    }

    static func approve(_ context: GatehouseRequestContext, _ state: ServerState) async throws -> Response {
        let caller = try context.caller()
        let batch = try storedBatch(context, state)
        do {
            let approved = try state.pipeline.approve(batchID: batch.id, officer: caller.keyID)
            return try Reply.json(view(approved, caller: caller, state: state))
        } catch let error as BatchError {
            throw Problem(.conflict, .conflict, error.message)
        }
    }

    static func release(_ context: GatehouseRequestContext, _ state: ServerState) async throws -> Response {
        let caller = try context.caller()
        let batch = try storedBatch(context, state)
        try state.requireOrders()
        let pipeline = state.pipeline
        do {
            _ = try await offloaded { try pipeline.release(batchID: batch.id) }
        } catch let error as BatchError {
            throw Problem(.conflict, .conflict, error.message)
        }
        guard let released = try pipeline.batch(id: batch.id) else { throw Problem.notFound("batch") }
        return try Reply.json(view(released, caller: caller, state: state))
    }
}
