import Foundation
import GatehouseCore
import GatehouseStore
import Testing

@Suite struct WorkspaceDocumentsTests {
    static func agreement(version: Int = 1, status: Agreement.Status = .active) -> Agreement {
        Agreement(
            id: "ice-irs-2025", version: version,
            requester: .init(agency: "Requesting Agency", contact: "Disclosure Unit", address: "1 Main St"),
            legalBasis: ["26 U.S.C. § 6103(i)(2)"], purpose: "Verification for a designated proceeding.",
            validFrom: "2025-04-07", validUntil: "2026-04-06",
            signers: [Signer(name: "Dana Whitcombe", role: "Assistant Director")],
            permittedSignerRoles: ["Assistant Director"], permittedStatutes: ["8 U.S.C. § 1253(a)(1)"],
            requiredFields: [.caseReference], permittedFields: [.verification, .lastKnownAddress],
            quotas: .init(recordsPerBatch: 100_000), status: status)
    }

    static func order(version: Int = 1) -> CourtOrder {
        CourtOrder(
            id: "ddc-address-injunction", version: version, court: "U.S. District Court for the District of Columbia",
            caseNumber: "1:25-cv-00917", issued: "2025-11-21", effective: "2025-11-21",
            scope: .init(agreements: ["ice-irs-2025"]), effect: .init(forbidFields: [.lastKnownAddress]))
    }

    @Test func agreementVersionsAreKept() async throws {
        try await withTemporaryDirectory { path in
            let workspace = try Workspace.create(at: path)
            #expect(try workspace.addAgreement(Self.agreement()) == 1)
            var amended = Self.agreement(version: 2)
            amended.quotas.recordsPerDay = 250_000
            #expect(try workspace.addAgreement(amended) == 2)

            #expect(try workspace.latestAgreement(id: "ice-irs-2025") == amended)
            #expect(try workspace.agreement(id: "ice-irs-2025", version: 1) == Self.agreement())
            #expect(try workspace.agreement(id: "ice-irs-2025", version: 3) == nil)
            #expect(try workspace.latestAgreement(id: "other") == nil)
            #expect(try workspace.agreements() == [amended])

            let versions = try workspace.agreementVersions(id: "ice-irs-2025")
            #expect(versions.map(\.version) == [1, 2])
            #expect(versions.allSatisfy { $0.sha256.count == 64 })
            #expect(versions[0].sha256 == Hash32.sha256(utf8: DocumentFiles.canonicalJSON(Self.agreement())).hex)
        }
    }

    @Test(arguments: [1, 2])
    func aVersionNotAboveTheLatestIsRejected(version: Int) async throws {
        try await withTemporaryDirectory { path in
            let workspace = try Workspace.create(at: path)
            try workspace.addAgreement(Self.agreement(version: 2))
            let error = #expect(throws: WorkspaceError.self) {
                try workspace.addAgreement(Self.agreement(version: version))
            }
            #expect(error?.code == .staleVersion)
            #expect(error?.message.contains("already at version 2") == true)
            #expect(try workspace.agreementVersions(id: "ice-irs-2025").count == 1)
        }
    }

    @Test func anInvalidAgreementIsRejected() async throws {
        try await withTemporaryDirectory { path in
            let workspace = try Workspace.create(at: path)
            var broken = Self.agreement()
            broken.validFrom = "next spring"
            let error = #expect(throws: WorkspaceError.self) { try workspace.addAgreement(broken) }
            #expect(error?.code == .invalidDocument)
            #expect(try workspace.agreements().isEmpty)
        }
    }

    @Test func suspendAndResumeAreNewVersions() async throws {
        try await withTemporaryDirectory { path in
            let workspace = try Workspace.create(at: path)
            try workspace.addAgreement(Self.agreement())
            let suspended = try workspace.setAgreementStatus(id: "ice-irs-2025", .suspended)
            #expect(suspended.version == 2)
            #expect(suspended.status == .suspended)
            #expect(try workspace.latestAgreement(id: "ice-irs-2025")?.status == .suspended)
            #expect(try workspace.agreement(id: "ice-irs-2025", version: 1)?.status == .active)

            let again = #expect(throws: WorkspaceError.self) {
                try workspace.setAgreementStatus(id: "ice-irs-2025", .suspended)
            }
            #expect(again?.code == .invalidDocument)

            let resumed = try workspace.setAgreementStatus(id: "ice-irs-2025", .active)
            #expect(resumed.version == 3)
            #expect(try workspace.agreementVersions(id: "ice-irs-2025").map(\.status) == ["active", "suspended", "active"])

            // A file must now say version 4 or more.
            #expect(throws: WorkspaceError.self) { try workspace.addAgreement(Self.agreement(version: 3)) }

            let unknown = #expect(throws: WorkspaceError.self) { try workspace.setAgreementStatus(id: "nope", .active) }
            #expect(unknown?.code == .unknownDocument)
        }
    }

    @Test func liftingAnOrderVacatesIt() async throws {
        try await withTemporaryDirectory { path in
            let workspace = try Workspace.create(at: path)
            #expect(try workspace.addOrder(Self.order()) == 1)
            #expect(try workspace.orders().map(\.status) == [.active])

            let lifted = try workspace.liftOrder(id: "ddc-address-injunction")
            #expect(lifted.version == 2)
            #expect(lifted.status == .vacated)
            #expect(try workspace.orders() == [lifted])
            #expect(try workspace.order(id: "ddc-address-injunction", version: 1)?.status == .active)
            #expect(try workspace.orderVersions(id: "ddc-address-injunction").map(\.status) == ["active", "vacated"])

            let twice = #expect(throws: WorkspaceError.self) { try workspace.liftOrder(id: "ddc-address-injunction") }
            #expect(twice?.code == .invalidDocument)
            let missing = #expect(throws: WorkspaceError.self) { try workspace.liftOrder(id: "nope") }
            #expect(missing?.code == .unknownDocument)
        }
    }

    @Test func aStayIsAVersionAndCanBeLifted() async throws {
        try await withTemporaryDirectory { path in
            let workspace = try Workspace.create(at: path)
            try workspace.addOrder(Self.order())
            #expect(try workspace.setOrderStatus(id: "ddc-address-injunction", .stayed).version == 2)
            #expect(try workspace.setOrderStatus(id: "ddc-address-injunction", .active).version == 3)
            #expect(try workspace.latestOrder(id: "ddc-address-injunction")?.status == .active)
            #expect(throws: WorkspaceError.self) { try workspace.addOrder(Self.order(version: 2)) }
            #expect(try workspace.addOrder(Self.order(version: 4)) == 4)
        }
    }
}

extension WorkspaceDocumentsTests {
    @Test func everyVersionIsOneLedgerEntry() async throws {
        try await withTemporaryDirectory { path in
            let workspace = try Workspace.create(at: path)
            try workspace.addAgreement(Self.agreement())
            try workspace.setAgreementStatus(id: "ice-irs-2025", .suspended)
            try workspace.addOrder(Self.order())
            try workspace.liftOrder(id: "ddc-address-injunction")
            #expect(throws: WorkspaceError.self) { try workspace.addOrder(Self.order(version: 1)) }
            let entries = try workspace.database.read { db in
                try (0..<4).map { try LedgerStore.entry(sequence: UInt64($0), in: db)?.decoded().event }
            }
            let size = try workspace.database.read { db in try LedgerStore.size(in: db) }
            #expect(size == 4)
            let sha = try workspace.agreementVersions(id: "ice-irs-2025")[1].sha256
            #expect(entries[1] == .agreementChanged(.init(agreementID: "ice-irs-2025", version: "2", hash: Hash32(hex: sha)!)))
            guard case .orderChanged(let lifted) = entries[3] else {
                Issue.record("expected an order change, got \(String(describing: entries[3]))")
                return
            }
            #expect(lifted.status == "vacated")
            #expect(lifted.version == "2")
        }
    }
}
