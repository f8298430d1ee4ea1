import ArgumentParser
import Foundation
import GatehouseCSV
import GatehouseCore
import GatehouseStore

struct RecordsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "records",
        abstract: "Manage the protected records of a workspace.",
        subcommands: [RecordsImportCommand.self, RecordsStatusCommand.self]
    )
}

struct RecordsImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a Records CSV into the workspace and rebuild the match index.",
        discussion: """
            The file has a header row and the columns record_id, tin, given_name, middle_name, \
            surname, birth_date (YYYY-MM-DD), address_line1, address_line2, city, state, \
            postcode, address_as_of; record_id, given_name, surname and address_line1 are \
            required, the others read as empty when absent. Column names match case-insensitively; \
            --map reads a column under another name.

            Each row is one address of one person; several rows with one record_id are that \
            person's address history. Importing again updates a person's name, TIN and birth \
            date by record_id and adds the addresses not yet on file; addresses already on file \
            are kept. Rows that cannot be read are skipped and reported with their line numbers.

            The rows are written in transactions of 50,000: an interrupted import keeps what it \
            committed, and running it again completes it. The match index is rebuilt at the end \
            so that later commands only load it.

            Exit status: 0 on success (even with skipped rows), 2 when the file is not readable \
            CSV or lacks a required column, or when there is no workspace; 1 when reading the file \
            failed part way (the rows before the failure are imported: run the import again).
            """
    )

    @Argument(help: ArgumentHelp("The records to import (Records CSV).", valueName: "R.csv"))
    var file: String

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Read a column under another name: NAME=COLUMN[,NAME=COLUMN…], e.g. given_name=FIRST.",
            valueName: "mapping"))
    var map: [String] = []

    @OptionGroup var options: WorkspaceOptions

    func run() async throws {
        let reader: RecordsReader
        do {
            reader = try RecordsReader(path: file, mapping: try ColumnMapping(parsing: map))
        } catch let error as CSVError {
            printError("error: \(error)")
            throw ExitCode(2)
        }
        let workspace = try options.open()
        let start = ContinuousClock.now
        let progress = Progress("records")
        let batches = PrefetchingBatches(reader)
        let summary = try workspace.importRecords(batches: batches, progress: { progress.update($0) })
        progress.finish()
        if let failure = batches.readError {
            // The rows before the failure are imported (each batch commits on its own); an import
            // is an upsert, so running it again once the file reads completes it.
            printError(
                "error: \(failure); \(summary.rows.formatted()) rows before it were imported. Run the import again once the file can be read."
            )
            throw ExitCode(1)
        }
        if summary.rows == 0 {
            printError("error: \(file) has a header but no rows: nothing was imported")
            throw ExitCode(2)
        }
        let imported = ContinuousClock.now - start
        for rejected in summary.rejected.prefix(20) {
            printError("line \(rejected.line): skipped, \(rejected.detail)")
        }
        if summary.rejectedCount > 20 {
            printError("… \(summary.rejectedCount - 20) more rows skipped")
        }
        let indexStart = ContinuousClock.now
        let indexProgress = Progress("match index", total: summary.people)
        let (index, _) = try await workspace.rebuildIndex(progress: { indexProgress.update($0) })
        indexProgress.finish()
        let indexTime = ContinuousClock.now - indexStart
        let rate = Double(summary.rows) / max(imported.seconds, 0.001)
        print("rows:          \(summary.rows.formatted())")
        print("people:        \(summary.people.formatted()) in the store (\(summary.newPeople.formatted()) new, \(summary.updatedPeople.formatted()) updated)")
        print("new addresses: \(summary.newAddresses.formatted())")
        print("rejected rows: \(summary.rejectedCount.formatted())")
        print("imported in \(imported.formattedSeconds) (\(Int(rate).formatted()) rows/s)")
        print("match index: \(index.count.formatted()) people, \(index.addressCount.formatted()) addresses, built in \(indexTime.formattedSeconds)")
    }
}

struct RecordsStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show how many people and addresses the workspace holds, and load the match index.",
        discussion: """
            Loads the match index the way every deciding command does: from index/records.idx when \
            it reflects the current records, else by rebuilding it from the database (and saving \
            it). Prints where it came from and how long it took.
            """
    )

    @OptionGroup var options: WorkspaceOptions

    func run() async throws {
        let workspace = try options.open()
        let people = try workspace.peopleCount()
        let load = try await workspace.loadIndexReporting()
        print("workspace:   \(workspace.path)")
        print("people:      \(people.formatted())")
        print("addresses:   \(load.index.addressCount.formatted()) distinct in the match index")
        print("generation:  \(load.generation)")
        let how = load.source == .file ? "loaded from \(workspace.indexPath)" : "rebuilt from the database"
        print("match index: \(how) in \(load.duration.formattedSeconds)")
    }
}

fileprivate extension Duration {
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }

    var formattedSeconds: String {
        let value = seconds
        return "\((value * 100).rounded() / 100) s"
    }
}

/// The rows of a Records file, parsed and encoded for the database writer on a dedicated thread a
/// few batches ahead of the consumer, so that reading the CSV and writing the database run on two
/// cores.
///
/// After `init`, the reader is touched only by the parsing thread; the queue of encoded batches is
/// guarded by `condition`.
final class PrefetchingBatches: Sequence, IteratorProtocol, @unchecked Sendable {
    private let condition = NSCondition()
    private var ready: [RecordImportBatch] = []
    private var finished = false
    private var failure: CSVError?

    /// Why the file's rows ended early, if reading it failed part way (once every batch is taken).
    var readError: CSVError? {
        condition.lock()
        defer { condition.unlock() }
        return failure
    }

    private static let batchSize = 8_192
    private static let batchesAhead = 4

    init(_ reader: RecordsReader) {
        // Handed over: from here on only the parsing thread uses the reader.
        nonisolated(unsafe) let reader = reader
        let thread = Thread { [self] in produce(reader) }
        thread.name = "records-csv"
        thread.start()
    }

    private func produce(_ reader: RecordsReader) {
        var encoder = RecordImportEncoder()
        var chunk: [RecordImportRow] = []
        chunk.reserveCapacity(Self.batchSize)
        while let row = reader.next() {
            chunk.append(RecordImportRow(row))
            if chunk.count == Self.batchSize {
                hand(encoder.encode(chunk))
                chunk.removeAll(keepingCapacity: true)
            }
        }
        if !chunk.isEmpty { hand(encoder.encode(chunk)) }
        condition.lock()
        failure = reader.readError
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    private func hand(_ batch: RecordImportBatch) {
        condition.lock()
        while ready.count >= Self.batchesAhead { condition.wait() }
        ready.append(batch)
        condition.broadcast()
        condition.unlock()
    }

    func next() -> RecordImportBatch? {
        condition.lock()
        defer { condition.unlock() }
        while ready.isEmpty && !finished { condition.wait() }
        if ready.isEmpty { return nil }
        condition.broadcast()
        return ready.removeFirst()
    }
}
