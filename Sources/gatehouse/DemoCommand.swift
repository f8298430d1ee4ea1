import ArgumentParser
import Foundation
import GatehouseCSV
import GatehouseCore
import GatehouseStore
import GatehouseSynth

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the whole flow on synthetic data in a fresh workspace.",
        discussion: """
            Creates a workspace in a temporary folder, a synthetic store of people, an example \
            agreement and manifest, and a batch like the real one (a few percent of the requests \
            in the store, several percent with insufficient addresses). It decides, approves and \
            releases the batch and prints the funnel; then a court order forbids addresses and a \
            second batch shows them withheld. Then the real case: the first batch's requests run \
            again under a separate agreement with the flawed 'legacy-zip-only' profile, and a \
            retroactive review under the statutory profile finds exactly the releases that should \
            not have been made, prints the declaration counts and drafts the disposal notices \
            (WORKSPACE/notices). At the end it says where the workspace is, so you can \
            explore it with the other commands (batch show, accounting, ledger verify, review, …).
            """
    )

    @Option(name: .long, help: "People in the synthetic store.")
    var records = 200_000

    @Option(name: .long, help: "Requests in the first batch (the second has a fifth as many).")
    var requests = 50_000

    @Option(name: .long, help: "Seed of the synthetic data.")
    var seed: UInt64 = 1

    @Option(name: .long, help: ArgumentHelp("Where to create the workspace (default: a new temporary folder).", valueName: "DIR"))
    var workspace: String?

    func run() async throws {
        let start = ContinuousClock.now
        let directory = workspace ?? (NSTemporaryDirectory() + "gatehouse-demo-" + String(UUID().uuidString.prefix(8)).lowercased())
        let data = directory + "/demo-data"
        let ws = try Workspace.create(at: directory)
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        step("workspace \(directory)")

        // 1. A synthetic store and a seed-like batch, split into two batches.
        let second = max(1, requests / 5)
        let generator = try SynthGenerator(
            configuration: SynthConfiguration(records: records, requests: requests + second, seed: seed))
        let synthesized = try generator.write(to: data)
        try splitRequests(in: data, first: requests)
        step("synthesized \(synthesized.records.formatted()) people and \((requests + second).formatted()) requests", since: start)

        // 2. Import the store (the match index is built and kept).
        let importStart = ContinuousClock.now
        let reader = try RecordsReader(path: data + "/records.csv")
        let summary = try ws.importRecords(
            reader.lazy.map { row -> RecordImportRow in
                switch row {
                case .record(let line, let record): .record(line: line, record)
                case .rejected(let line, let detail): .rejected(line: line, detail: detail)
                }
            }, progress: { _ in })
        try reader.finish()
        let (index, _) = try await ws.rebuildIndex()
        step("imported \(summary.rows.formatted()) rows (\(summary.people.formatted()) people) and built the index", since: importStart)

        // 3. The agreement and the manifest.
        let pipeline = BatchPipeline(workspace: ws)
        let today = pipeline.today
        let year = Int(today.prefix(4)) ?? 2026
        let agreementText = DemoDocuments.agreement(
            validFrom: "\(year - 1)\(today.dropFirst(4))", validUntil: "\(year + 1)\(today.dropFirst(4))")
        try agreementText.write(toFile: directory + "/agreement.yaml", atomically: true, encoding: .utf8)
        _ = try ws.addAgreement(try DocumentFiles.agreement(yaml: agreementText, name: "agreement.yaml"))
        let manifestText = DemoDocuments.manifest(submittedOn: today, taxYear: year - 1)
        try manifestText.write(toFile: directory + "/manifest.yaml", atomically: true, encoding: .utf8)
        let manifest = try DocumentFiles.manifest(yaml: manifestText, name: "manifest.yaml")
        let matcher = Matcher(index: index)

        // 4. The first batch: submitted, decided, approved by two officers, released.
        let first = try await runBatch(
            pipeline, file: data + "/batch-1.csv", manifest: manifest, manifestText: manifestText, index: index,
            matcher: matcher, title: "Batch 1 — under the agreement alone")
        _ = try pipeline.writeResponses(batchID: first, to: directory + "/responses-1.csv")

        // 5. A court order forbids addresses; the second batch releases verification only.
        let orderText = DemoDocuments.orderForbiddingAddresses(on: today)
        try orderText.write(toFile: directory + "/order.yaml", atomically: true, encoding: .utf8)
        _ = try ws.addOrder(try DocumentFiles.courtOrder(yaml: orderText, name: "order.yaml"))
        print("")
        print("A court order now forbids disclosing last known addresses under the agreement (order.yaml).")
        let secondBatch = try await runBatch(
            pipeline, file: data + "/batch-2.csv", manifest: manifest, manifestText: manifestText, index: index,
            matcher: matcher, title: "Batch 2 — after the court order")
        _ = try pipeline.writeResponses(batchID: secondBatch, to: directory + "/responses-2.csv")

        // 6. The real case replayed: the first batch's requests under legacy-zip-only, then the review.
        try await runLegacyStory(
            workspace: ws, pipeline: pipeline, directory: directory, file: data + "/batch-1.csv",
            agreementText: agreementText, manifestText: manifestText, index: index, matcher: matcher,
            statutoryBatch: first)

        print("")
        print("Done in \(seconds(since: start)). The workspace is \(directory)")
        print("Explore it, for example:")
        print("  export GATEHOUSE_WORKSPACE=\(directory)")
        print("  gatehouse batch show \(first)")
        print("  gatehouse ledger verify")
        print("  gatehouse accounting <record_id from demo-data/records.csv>")
        print("Responses: responses-1.csv, responses-2.csv; the synthetic data and its truth: demo-data/")
    }

    func runBatch(
        _ pipeline: BatchPipeline, file: String, manifest: BatchManifest, manifestText: String, index: RecordIndex,
        matcher: Matcher, title: String
    ) async throws -> String {
        let start = ContinuousClock.now
        let submission = try pipeline.submit(
            file: file, agreementID: "demo-agreement", manifest: manifest, manifestText: manifestText)
        let id = submission.batch.id
        _ = try await pipeline.decidePending(batchID: id, index: index, matcher: matcher)
        let decided = seconds(since: start)
        try pipeline.approve(batchID: id, officer: "officer.a")
        try pipeline.approve(batchID: id, officer: "officer.b")
        _ = try pipeline.release(batchID: id)
        print("")
        print("\(title) (decided in \(decided), released in \(seconds(since: start)))")
        printFunnel(try pipeline.funnel(batchID: id), batch: try pipeline.batch(id: id)!)
        return id
    }

    /// Splits demo-data/requests.csv into batch-1.csv (the first `first` rows) and batch-2.csv.
    func splitRequests(in directory: String, first: Int) throws {
        let reader = try CSVReader(path: directory + "/requests.csv")
        let one = try CSVWriter(path: directory + "/batch-1.csv", header: reader.header)
        let two = try CSVWriter(path: directory + "/batch-2.csv", header: reader.header)
        var count = 0
        while let row = reader.next() {
            try (count < first ? one : two).write(row.cells)
            count += 1
        }
        try reader.finish()
        try one.close()
        try two.close()
    }

    func step(_ text: String, since start: ContinuousClock.Instant? = nil) {
        print(start.map { "\(text) (\(seconds(since: $0)))" } ?? text)
    }
}
