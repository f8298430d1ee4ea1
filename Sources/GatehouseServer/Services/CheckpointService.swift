import Foundation
import GatehouseCore
import GatehouseStore
import GRDB
import Logging
import ServiceLifecycle

/// Signs a checkpoint whenever the log has grown since the last one, every few seconds, so
/// that the served checkpoint covers every call within seconds (access events and verifications
/// do not sign one per call).
final class CheckpointService: Service, Sendable {
    let state: ServerState

    init(state: ServerState) {
        self.state = state
    }

    func run() async throws {
        let signer = try LedgerKeys.load(from: state.workspace.keysDirectory)
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: self.state.configuration.checkpointInterval)
                self.sign(signer)
            }
        }
        sign(signer)
    }

    func sign(_ signer: NoteSigner) {
        do {
            try state.workspace.database.write { db in
                let size = try LedgerStore.size(in: db)
                if try LedgerStore.latestCheckpoint(in: db)?.size ?? -1 < size {
                    try LedgerStore.checkpoint(in: db, signer: signer)
                }
            }
        } catch {
            state.logger.error("cannot sign a checkpoint", metadata: ["error.type": "\(type(of: error))"])
        }
    }
}
