import ArgumentParser
import Foundation
import GatehouseServer
import GatehouseStore

struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Issue, list and revoke the API keys of the server.",
        discussion: """
            A key is a role: requester (bound to one agreement; its own batches and verifications \
            only), officer (agreements, orders, approvals, release, review, disposal), auditor \
            (read-only: funnels, reports, accounting, ledger entries) or admin (keys). The secret \
            is printed once, when the key is made; the workspace keeps only its SHA-256. A revoked \
            key stops working on its next request. Each issue and revocation is a ledger event.
            """,
        subcommands: [KeysCreate.self, KeysList.self, KeysRevoke.self, KeysRotateData.self]
    )
}

/// Runs a keys command body, mapping key errors to messages and exit code 2.
private func runKeysCommand(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as KeyError {
        printError("error: \(error)")
        throw ExitCode(2)
    }
}

struct KeysCreate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Issue a key and print its secret (once).")

    @OptionGroup var options: WorkspaceOptions

    @Option(name: .long, help: "requester, officer, auditor or admin.")
    var role: String

    @Option(name: .long, help: "The agreement a requester key is bound to (requesters only).")
    var agreement: String?

    @Option(name: .long, help: "Who holds the key (a system or an office; shown in 'keys list').")
    var name: String

    @Option(name: .long, help: ArgumentHelp("The last day the key works.", valueName: "YYYY-MM-DD"))
    var expires: String?

    @Option(
        name: .customLong("client-cert"),
        help: ArgumentHelp(
            "Bind the key to this client certificate (PEM or DER); with 'serve --client-ca' it works only with it.",
            valueName: "cert.pem"))
    var clientCertificate: String?

    func run() async throws {
        guard let role = APIKey.Role(rawValue: role) else {
            throw ValidationError("--role must be requester, officer, auditor or admin")
        }
        let workspace = try options.open()
        var fingerprint: String?
        if let clientCertificate {
            fingerprint = try CertificateFingerprint.sha256(ofFile: clientCertificate)
        }
        try runKeysCommand {
            let issued = try workspace.createKey(
                role: role, name: name, agreementID: agreement, expiresOn: expires, clientCertificateSHA256: fingerprint)
            printError("key \(issued.key.id) (\(issued.key.role.rawValue)) issued; the secret below is shown only now:")
            print(issued.secret)
        }
    }
}

struct KeysList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the keys (never their secrets).")

    @OptionGroup var options: WorkspaceOptions

    func run() async throws {
        let workspace = try options.open()
        let today = String(Date().ISO8601Format().prefix(10))
        let rows = try workspace.keys().map { key in
            [
                key.id, key.role.rawValue, key.agreementID ?? "-", key.name, String(key.createdAt.prefix(10)),
                key.expiresOn ?? "-",
                key.revokedAt.map { "revoked \($0.prefix(10))" } ?? (key.isUsable(on: today) ? "active" : "expired"),
            ]
        }
        printDocumentTable(["id", "role", "agreement", "name", "created", "expires", "state"], rows)
    }
}

struct KeysRevoke: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke", abstract: "Revoke a key; it stops working on its next request.")

    @OptionGroup var options: WorkspaceOptions

    @Argument(help: "The key id (K…).")
    var id: String

    func run() async throws {
        let workspace = try options.open()
        try runKeysCommand {
            let key = try workspace.revokeKey(id: id)
            print("key \(key.id) revoked")
        }
    }
}
