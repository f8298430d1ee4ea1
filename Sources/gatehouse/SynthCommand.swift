import ArgumentParser
import Foundation
import GatehouseSynth

struct SynthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Generate a synthetic store, a batch of verification requests, and its truth.",
        discussion: """
            Writes three CSV files into --out:

              records.csv   the protected store: one row per address; rows sharing
                            a record_id are one person's address history (the
                            latest address_as_of is the current address).
              requests.csv  a batch of "is this person at this address one of
                            yours?" requests.
              truth.csv     request_id, true_record_id, sufficient, kind: the one
                            record a correct system verifies (empty when none
                            may be), whether the request passes the sufficiency
                            gate, and the generator case that built it.

            Everything is synthetic. Names follow US Census frequencies, with a
            Hispanic share and compound surnames; addresses use real ZIP codes
            with their own city and state. Households share addresses, and some
            fathers and sons share a name. Requests mirror a real bulk batch: a
            few percent describe a stored person (nicknames, typos, old
            addresses, abbreviations...), most describe nobody in the store, and
            a share fail the gate (placeholder addresses, PO boxes, ZIP-only
            lines...). The same --seed always produces byte-identical files.

            Example:
              gatehouse synth --records 200000 --requests 50000 --seed 7 --out data
            """
    )

    @Option(help: "Number of people in the store (each has 1 to 3 address rows).")
    var records: Int

    @Option(help: "Number of requests in the batch.")
    var requests: Int

    @Option(help: "Seed for every random choice (a non-negative integer).")
    var seed: UInt64

    @Option(help: ArgumentHelp("Directory for records.csv, requests.csv and truth.csv (created if missing).", valueName: "dir"))
    var out: String

    @Option(help: "Share of requests that describe one stored person who should be verified.")
    var inStoreShare: Double = 0.05

    @Option(help: "Share of requests that must fail the sufficiency gate.")
    var insufficientShare: Double = 0.08

    var synthConfiguration: SynthConfiguration {
        SynthConfiguration(
            records: records, requests: requests, seed: seed, inStoreShare: inStoreShare,
            insufficientShare: insufficientShare)
    }

    func validate() throws {
        do {
            try synthConfiguration.validate()
        } catch let error as SynthError {
            throw ValidationError(error.detail)
        }
        guard !out.isEmpty else { throw ValidationError("--out must name a directory") }
    }

    func run() async throws {
        let generator = try SynthGenerator(configuration: synthConfiguration)
        let showProgress = isatty(2) == 1
        let started = Date()
        let summary: SynthSummary
        do {
            summary = try generator.write(to: out) { progress in
                guard showProgress else { return }
                let percent = progress.total == 0 ? 100 : progress.done * 100 / progress.total
                FileHandle.standardError.write(
                    Data("\r\(progress.phase.rawValue): \(progress.done)/\(progress.total) (\(percent)%)   ".utf8))
                if progress.done == progress.total { FileHandle.standardError.write(Data("\n".utf8)) }
            }
        } catch let error as SynthError {
            FileHandle.standardError.write(Data("gatehouse synth: \(error)\n".utf8))
            throw ExitCode(2)
        }
        print(summary.line)
        if showProgress {
            let seconds = Date().timeIntervalSince(started)
            FileHandle.standardError.write(Data("done in \(Int(seconds * 10) / 10).\(Int(seconds * 10) % 10) s\n".utf8))
        }
    }
}
