import ArgumentParser
import Foundation
import GatehouseServer
import GatehouseStore
import Hummingbird
import Logging

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the HTTP API: batches, single verifications, officers' and auditors' routes.",
        discussion: """
            Serves the workspace between agencies. Every caller is an API key (see 'gatehouse keys \
            create') bound to a role; every authenticated call, allowed or denied, is a ledger event. \
            The API is described at /openapi.yaml; /healthz answers while the process runs, /readyz \
            only while the server can decide and release (the match index is loaded, the court-order \
            registry can be read, the ledger can be appended).

            SIGTERM or SIGINT drains the requests in flight and stops between two decided chunks of a \
            batch; the next start resumes the batch. Logs are one line per request on standard \
            error, with a request id and never a person's data.

            Exit status: 0 after a graceful stop, 2 when the workspace or a TLS file cannot be read.
            """
    )

    @OptionGroup var options: WorkspaceOptions

    @Option(name: .long, help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(name: .long, help: "The port to listen on.")
    var port = 8080

    @Option(name: .customLong("tls-cert"), help: ArgumentHelp("TLS certificate chain (PEM).", valueName: "cert.pem"))
    var tlsCertificate: String?

    @Option(name: .customLong("tls-key"), help: ArgumentHelp("TLS private key (PEM).", valueName: "key.pem"))
    var tlsKey: String?

    @Option(
        name: .customLong("client-ca"),
        help: ArgumentHelp(
            "Require client certificates signed by these CAs (PEM); a key bound to a certificate works only with it.",
            valueName: "ca.pem"))
    var clientCA: String?

    @Option(name: .long, help: "Per-key rate limit: requests per second.")
    var rate = 200.0

    @Option(name: .long, help: "Per-key rate limit: burst size.")
    var burst = 400.0

    @Option(name: .customLong("max-upload-bytes"), help: "The largest batch upload accepted.")
    var maxUploadBytes = 4 << 30

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel = "info"

    func validate() throws {
        if (tlsCertificate == nil) != (tlsKey == nil) {
            throw ValidationError("--tls-cert and --tls-key go together")
        }
        if clientCA != nil, tlsCertificate == nil {
            throw ValidationError("--client-ca needs --tls-cert and --tls-key")
        }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("unknown --log-level \(logLevel)") }
    }

    func run() async throws {
        var configuration = ServerConfiguration(workspacePath: options.path)
        configuration.host = host
        configuration.port = port
        configuration.tlsCertificatePath = tlsCertificate
        configuration.tlsKeyPath = tlsKey
        configuration.clientCAPath = clientCA
        configuration.ratePerSecond = rate
        configuration.rateBurst = burst
        configuration.maxUploadBytes = maxUploadBytes
        configuration.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        if let size = ProcessInfo.processInfo.environment["GATEHOUSE_CHUNK_SIZE"].flatMap(Int.init), size > 0 {
            configuration.chunkSize = size
        }
        if let pause = ProcessInfo.processInfo.environment["GATEHOUSE_TEST_CHUNK_PAUSE_MS"].flatMap(Int.init), pause > 0 {
            configuration.chunkPause = .milliseconds(pause)
        }
        let app: any ApplicationProtocol
        do {
            app = try await buildApplication(configuration)
        } catch let error as WorkspaceError {
            throw exitReporting(error)
        } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }
        printError("gatehouse serve: listening on \(tlsCertificate == nil ? "http" : "https")://\(host):\(port)")
        try await app.runService()
    }
}
