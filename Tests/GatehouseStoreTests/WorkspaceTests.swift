import Foundation
import GatehouseCore
import GatehouseStore
import Testing

/// Runs `body` with a fresh folder path (not yet created) under the temporary directory, and
/// removes the folder afterwards.
func withTemporaryDirectory<T>(_ body: (String) async throws -> T) async throws -> T {
    let path = FileManager.default.temporaryDirectory
        .appendingPathComponent("gatehouse-test-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try await body(path)
}

/// A person with one address, as one row of a Records file.
func recordRow(
    _ line: Int, _ id: String, given: String = "Maria", surname: String = "Lopez", tin: String = "123456789",
    street: String = "12 Oak St", city: String = "Springfield", state: String = "IL", postcode: String = "62701"
) -> RecordImportRow {
    .record(
        line: line,
        Record(
            recordID: id, tin: tin, givenName: given, surname: surname, birthDate: "1980-04-02",
            addresses: [PostalAddress(line1: street, city: city, state: state, postcode: postcode, asOf: "2024-01-01")]))
}

@Suite struct WorkspaceTests {
    @Test func createThenOpen() async throws {
        try await withTemporaryDirectory { path in
            let created = try Workspace.create(at: path + "/nested/ws")
            #expect(FileManager.default.fileExists(atPath: created.databasePath))
            #expect(FileManager.default.fileExists(atPath: created.keysDirectory))
            #expect(try created.recordsGeneration() == 0)
            #expect(try created.meta(MetaKey.createdAt) != nil)
            #expect(try created.meta(MetaKey.origin)?.hasPrefix("gatehouse.local/") == true)
            #expect(created.indexPath == created.path + "/index/records.idx")

            let opened = try Workspace.open(at: path + "/nested/ws/")
            #expect(opened.path == created.path)
            #expect(try opened.meta(MetaKey.origin) == created.meta(MetaKey.origin))
        }
    }

    @Test func refusesASecondInit() async throws {
        try await withTemporaryDirectory { path in
            _ = try Workspace.create(at: path)
            let error = #expect(throws: WorkspaceError.self) { try Workspace.create(at: path) }
            #expect(error?.code == .alreadyExists)
            #expect(error?.message.contains("already holds a Gatehouse workspace") == true)
        }
    }

    @Test func openingAMissingWorkspaceSaysHowToCreateOne() async throws {
        try await withTemporaryDirectory { path in
            let error = #expect(throws: WorkspaceError.self) { try Workspace.open(at: path) }
            #expect(error?.code == .notFound)
            #expect(error?.message == "no workspace at \(path) — run gatehouse init")
        }
    }

    @Test func resolveOrder() {
        #expect(Workspace.resolve("/tmp/x/../ws") == "/tmp/ws")
        let fallback = Workspace.resolve(nil)
        if let variable = ProcessInfo.processInfo.environment[Workspace.environmentVariable], !variable.isEmpty {
            #expect(fallback.hasSuffix((variable as NSString).lastPathComponent))
        } else {
            #expect(fallback == FileManager.default.currentDirectoryPath)
        }
    }
}
