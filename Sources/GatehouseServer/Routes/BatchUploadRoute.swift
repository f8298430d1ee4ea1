import Foundation
import GatehouseCSV
import GatehouseCore
import GatehouseStore
import Hummingbird

/// `PUT /v1/batches/{id}/requests`: the rows, as `text/csv` or `application/x-ndjson`, streamed
/// to the spool with their SHA-256, then stored by the batch pipeline (one transaction: a batch
/// is either absent or whole) and decided in the background. The same bytes twice under one
/// agreement are the same batch.
enum BatchUploadRoute {
    static func upload(_ request: Request, _ context: GatehouseRequestContext, _ state: ServerState) async throws
        -> Response
    {
        let caller = try context.caller()
        let id = try context.objectID("id")
        let upload: BatchUpload
        if let found = try state.workspace.upload(id: id) {
            try context.requireOwn(agreementID: found.agreementID, kind: "batch")
            upload = found
        } else {
            if let batch = try state.pipeline.batch(id: id) {
                try context.requireOwn(agreementID: batch.agreementID, kind: "batch")
                throw Problem(.conflict, .conflict, "this batch was not created over the API; its rows cannot be replaced")
            }
            throw Problem.notFound("batch")
        }
        let format: RequestsFileFormat
        switch request.mediaType {
        case "text/csv": format = .csv
        case "application/x-ndjson", "application/ndjson": format = .ndjson
        default:
            throw Problem(.unsupportedMediaType, .unsupportedMediaType, "send the rows as text/csv or application/x-ndjson")
        }
        guard let agreement = try state.workspace.latestAgreement(id: upload.agreementID) else {
            throw Problem.notFound("batch")
        }
        context.note.headers = Warnings.headers(for: agreement, state: state)
        let received = try await UploadSpool.receive(
            request.body, workspace: state.workspace, id: upload.id, format: format,
            maxBytes: state.configuration.maxUploadBytes, maxRows: agreement.quotas.recordsPerBatch)
        defer { try? FileManager.default.removeItem(atPath: received.path) }

        if let stored = upload.batchID, let batch = try state.pipeline.batch(id: stored) {
            // The rows were uploaded before: the same bytes are the same batch; other bytes are not.
            guard batch.fileSHA256 == received.sha256.hex else {
                throw Problem(.conflict, .conflict, "this batch already holds other rows; create a new batch")
            }
            return try Reply.json(BatchRoutes.view(batch, caller: caller, state: state))
        }
        let manifest: BatchManifest
        do {
            manifest = try DocumentFiles.manifest(yaml: upload.manifest, name: "manifest")
        } catch {
            throw Problem(.unprocessableContent, .manifestRejected, "the stored manifest cannot be read")
        }
        let pipeline = state.pipeline
        let submission: BatchPipeline.Submission
        do {
            submission = try await offloaded {
                try pipeline.submit(
                    file: received.path, agreementID: upload.agreementID, manifest: manifest,
                    manifestText: upload.manifest, format: format, batchID: upload.id, fileSHA256: received.sha256,
                    fileName: format == .csv ? "requests.csv" : "requests.ndjson")
            }
        } catch let error as BatchError {
            if error.code == .manifestRejected {
                if try pipeline.batch(id: upload.id) != nil {
                    try state.workspace.completeUpload(id: upload.id, batchID: upload.id)
                }
                throw Problem(
                    .unprocessableContent, .manifestRejected, "the batch fails its agreement",
                    reasons: error.reasons.map(\.rawValue))
            }
            if error.code == .inputUnreadable {
                throw Problem(.badRequest, .badRequest, "the rows cannot be read, or there are none")
            }
            throw Problem(.unprocessableContent, .manifestRejected, "the batch cannot be stored")
        } catch let error as CSVError {
            throw Problem(.badRequest, .badRequest, describe(error))
        }
        try state.workspace.completeUpload(id: upload.id, batchID: submission.batch.id)
        state.decider.batchStored()
        return try Reply.json(
            BatchRoutes.view(submission.batch, caller: caller, state: state),
            status: submission.existing ? .ok : .accepted)
    }

    /// A CSV error in words that name columns, never the spool's path or a cell.
    static func describe(_ error: CSVError) -> String {
        switch error {
        case .missingColumns(_, let columns): "the rows lack required columns: \(columns.joined(separator: ", "))"
        case .empty: "the body is empty: a header row is required"
        // The detail names the encoding or the limit (UTF-16, NUL bytes, too many columns), never a cell.
        case .notCSV(_, let detail): "the body is not a Requests CSV: \(detail)"
        default: "the rows cannot be read"
        }
    }
}
