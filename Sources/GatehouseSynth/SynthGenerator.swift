import Foundation
import GatehouseCore
import GatehouseCSV

/// Writes a synthetic store, a batch of verification requests, and the truth for each request.
///
/// Everything is drawn from seeded generators, so the same configuration always produces
/// byte-identical files. People are generated household by household; the record pass keeps
/// only four bytes per household, and the request pass regenerates the people it needs.
public struct SynthGenerator: Sendable {
    /// The header of `records.csv`.
    public static let recordsHeader = [
        "record_id", "tin", "given_name", "middle_name", "surname", "birth_date", "address_line1",
        "address_line2", "city", "state", "postcode", "address_as_of",
    ]
    /// The header of `requests.csv`.
    public static let requestsHeader = [
        "request_id", "tin", "given_name", "middle_name", "surname", "birth_date", "address_line1",
        "address_line2", "city", "state", "postcode", "case_reference",
    ]
    /// The header of `truth.csv`.
    public static let truthHeader = ["request_id", "true_record_id", "sufficient", "kind"]

    /// The configuration this generator writes.
    public let configuration: SynthConfiguration
    let households: HouseholdGenerator
    let renderer: AddressRenderer

    /// Creates a generator; throws when the configuration is out of range.
    public init(configuration: SynthConfiguration) throws {
        try configuration.validate()
        self.configuration = configuration
        let reference = ReferenceData.standard
        households = HouseholdGenerator(seed: configuration.seed, reference: reference)
        renderer = AddressRenderer(seed: configuration.seed, reference: reference)
    }

    /// Writes `records.csv`, `requests.csv` and `truth.csv` into `directory` (created if needed).
    /// - Parameter progress: called now and then with the phase and how far it got.
    /// - Returns: counts of what was written.
    /// - Throws: `SynthError` when the directory or a file cannot be written.
    public func write(to directory: String, progress: (SynthProgress) -> Void = { _ in }) throws -> SynthSummary {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw SynthError(code: .cannotWrite, detail: "cannot create directory \(directory)")
        }
        var summary = SynthSummary()
        let layout = try writeRecords(to: directory + "/records.csv", summary: &summary, progress: progress)
        try writeRequests(
            to: directory + "/requests.csv", truth: directory + "/truth.csv", layout: layout,
            summary: &summary, progress: progress)
        return summary
    }

    /// `R000000042` for index 41.
    static func recordID(_ index: Int) -> String {
        var bytes: [UInt8] = [UInt8(ascii: "R")]
        DigitText.append(index + 1, width: 9, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    func openWriter(_ path: String, header: [String]) throws -> CSVWriter {
        do {
            return try CSVWriter(path: path, header: header)
        } catch {
            throw SynthError(code: .cannotWrite, detail: "cannot write \(path)")
        }
    }

    // MARK: - Records

    func writeRecords(to path: String, summary: inout SynthSummary, progress: (SynthProgress) -> Void) throws -> StoreLayout {
        let writer = try openWriter(path, header: SynthGenerator.recordsHeader)
        let total = configuration.records
        let tins = TINSpace(seed: configuration.seed)
        var layout = StoreLayout(records: total)
        layout.householdStarts.reserveCapacity(total / 2 + 16)
        var next = 0
        var household = 0
        var lastReport = 0
        var rows = 0
        while next < total {
            let members = households.household(household, firstIndex: next, capacity: total - next)
            layout.householdStarts.append(Int32(next))
            if members.contains(where: { $0.role == .son }) { layout.fatherSonHouseholds.append(Int32(household)) }
            if members[0].current.isTricky { layout.trickyHouseholds.append(Int32(household)) }
            for person in members {
                rows += try writeRecord(person, tin: person.hasTIN ? tins.tin(person.index) : "", to: writer)
            }
            next += members.count
            household += 1
            if next - lastReport >= 1 << 17 {
                lastReport = next
                progress(SynthProgress(phase: .records, done: next, total: total))
            }
        }
        do { try writer.close() } catch { throw SynthError(code: .cannotWrite, detail: "cannot write \(path)") }
        progress(SynthProgress(phase: .records, done: total, total: total))
        summary.records = total
        summary.addressRows = rows
        return layout
    }

    /// Writes one row per address of `person`, oldest first; returns the number of rows.
    func writeRecord(_ person: SynthPerson, tin: String, to writer: CSVWriter) throws -> Int {
        let id = SynthGenerator.recordID(person.index)
        var (given, middle, surname) = person.recordNames
        let casing: TextVariants.Casing = person.titleCase ? .title : .upper
        if person.titleCase {
            given = TextVariants.apply(casing, to: given)
            middle = TextVariants.apply(casing, to: middle)
            surname = TextVariants.apply(casing, to: surname)
        }
        let birth = DigitText.isoDate(person.birth)
        for address in person.addresses {
            var text = renderer.render(address, style: .onFile(address))
            if person.titleCase {
                text.line1 = TextVariants.apply(casing, to: text.line1)
                text.line2 = TextVariants.apply(casing, to: text.line2)
                text.city = TextVariants.apply(casing, to: text.city)
            }
            try writer.write([
                id, tin, given, middle, surname, birth, text.line1, text.line2, text.city, text.state,
                text.postcode, DigitText.isoDate(address.asOf),
            ])
        }
        return person.addresses.count
    }

    // MARK: - Requests

    /// How many requests of each kind a batch of `total` holds, in a shuffled order.
    func plan(total: Int, random: inout SynthRandom) -> [RequestKind] {
        let inStore = Int((Double(total) * configuration.inStoreShare).rounded())
        let insufficient = Int((Double(total) * configuration.insufficientShare).rounded())
        var kinds: [RequestKind] = []
        kinds.reserveCapacity(total)
        for (kind, count) in SynthGenerator.allocate(inStore, weights: RequestKind.inStoreWeights) {
            kinds += repeatElement(kind, count: count)
        }
        for (kind, count) in SynthGenerator.allocate(insufficient, weights: RequestKind.insufficientWeights) {
            kinds += repeatElement(kind, count: count)
        }
        for (kind, share) in RequestKind.noSingleRecordShares {
            let wanted = max(Int((Double(total) * share).rounded()), total >= 100 ? 1 : 0)
            kinds += repeatElement(kind, count: min(wanted, max(0, total - kinds.count)))
        }
        if kinds.count < total { kinds += repeatElement(.notInStore, count: total - kinds.count) }
        if kinds.count > total { kinds.removeLast(kinds.count - total) }
        for position in stride(from: kinds.count - 1, to: 0, by: -1) {
            kinds.swapAt(position, random.below(position + 1))
        }
        return kinds
    }

    /// Splits `total` by `weights` (largest remainder), giving every kind at least one when
    /// `total` allows.
    static func allocate(_ total: Int, weights: [(RequestKind, Double)]) -> [(RequestKind, Int)] {
        guard total > 0 else { return [] }
        let sum = weights.reduce(0) { $0 + $1.1 }
        let floor = total >= weights.count ? 1 : 0
        let spread = total - floor * weights.count
        var counts = weights.map { floor + Int(Double(spread) * $0.1 / sum) }
        var remainders = weights.enumerated().map { ($0.offset, Double(spread) * $0.element.1 / sum) }
        remainders.sort { ($0.1 - $0.1.rounded(.down), -$0.0) > ($1.1 - $1.1.rounded(.down), -$1.0) }
        var left = total - counts.reduce(0, +)
        var position = 0
        while left > 0 {
            counts[remainders[position % remainders.count].0] += 1
            left -= 1
            position += 1
        }
        return zip(weights.map(\.0), counts).map { ($0, $1) }
    }

    func writeRequests(
        to path: String, truth truthPath: String, layout: StoreLayout, summary: inout SynthSummary,
        progress: (SynthProgress) -> Void
    ) throws {
        let requests = try openWriter(path, header: SynthGenerator.requestsHeader)
        let truth = try openWriter(truthPath, header: SynthGenerator.truthHeader)
        var random = SynthRandom(seed: configuration.seed, stream: 0x5245_5155_4553_5453)
        let total = configuration.requests
        let kinds = plan(total: total, random: &random)
        var factory = RequestFactory(
            generator: households, renderer: renderer, layout: layout, tins: TINSpace(seed: configuration.seed),
            nicknames: NicknameTable.standard, random: random)
        var counts = [RequestKind: Int]()
        let width = max(7, String(total).utf8.count)
        for (position, kind) in kinds.enumerated() {
            let request = factory.make(kind)
            var idBytes: [UInt8] = [UInt8(ascii: "Q")]
            DigitText.append(position + 1, width: width, to: &idBytes)
            let id = String(decoding: idBytes, as: UTF8.self)
            let address = request.address
            try requests.write([
                id, request.tin, request.given, request.middle, request.surname, request.birthDate,
                address.line1, address.line2, address.city, address.state, address.postcode,
                request.caseReference,
            ])
            try truth.write([
                id, request.truth.map(SynthGenerator.recordID) ?? "",
                request.kind.isSufficient ? "true" : "false", request.kind.rawValue,
            ])
            counts[request.kind, default: 0] += 1
            if position & 0x3FFF == 0x3FFF {
                progress(SynthProgress(phase: .requests, done: position + 1, total: total))
            }
        }
        do {
            try requests.close()
            try truth.close()
        } catch {
            throw SynthError(code: .cannotWrite, detail: "cannot write \(path)")
        }
        progress(SynthProgress(phase: .requests, done: total, total: total))
        summary.requests = total
        summary.kinds = RequestKind.allCases.compactMap { kind in counts[kind].map { (kind, $0) } }
    }
}
