import Foundation
import GatehouseCore
import Testing
@testable import GatehouseSynth

@Suite struct SynthRequestTests {
    /// The gate's own ZIP-prefix table, read from GatehouseCore's resources.
    static func gatePrefixStates() throws -> [String: Set<String>] {
        let path = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/GatehouseCore/Resources/zip3-states.csv").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var table: [String: Set<String>] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let cells = line.split(separator: ",")
            guard cells.count == 2 else { continue }
            table[String(cells[0])] = Set(cells[1].split(separator: " ").map(String.init))
        }
        return table
    }

    @Test func sufficientRequestsHaveAConsistentLocality() throws {
        let fixture = try SynthFixture.make(records: 3_000, requests: 2_000)
        defer { fixture.remove() }
        let zips = ReferenceData.standard.zips
        let gate = try SynthRequestTests.gatePrefixStates()
        let fullNames = Dictionary(uniqueKeysWithValues: StateNames.fullName.map { ($1, $0) })
        var checked = 0
        for (request, truth) in fixture.pairs where truth[2] == "true" {
            let postcode = request[10]
            let state = fullNames[request[9].uppercased()] ?? request[9]
            #expect(!postcode.isEmpty || (!request[8].isEmpty && !state.isEmpty), "\(request[0]) has no locality")
            guard !postcode.isEmpty else { continue }
            let zip5 = String(postcode.prefix(5))
            #expect(postcode.count == 5 || (postcode.count == 10 && postcode.dropFirst(5).first == "-"))
            #expect(zips.codes.contains(zip5), "\(request[0]) has an unknown ZIP")
            guard !state.isEmpty else { continue }
            #expect(zips.stateAgrees(zip: zip5, state: state), "\(request[0]): ZIP \(zip5) vs \(state)")
            #expect(gate[String(zip5.prefix(3))]?.contains(state) == true, "\(request[0]): gate table disagrees")
            checked += 1
        }
        #expect(checked > 1_500)
    }

    @Test func sufficientRequestsHaveEveryRequiredPart() throws {
        let fixture = try SynthFixture.make(records: 3_000, requests: 2_000)
        defer { fixture.remove() }
        for (request, truth) in fixture.pairs where truth[2] == "true" {
            #expect(!request[11].isEmpty, "\(request[0]) lacks a case reference")
            #expect(!TextFolding.nameTokens(request[2]).isEmpty && !TextFolding.nameTokens(request[4]).isEmpty)
            let line = Array(request[6].utf8)
            let startsWithNumber = line.first.map { $0 >= 0x30 && $0 <= 0x39 } ?? false
            let grid = line.count > 2 && "NSW".utf8.contains(line[0]) && line[1] >= 0x30 && line[1] <= 0x39
            #expect(startsWithNumber || grid, "\(request[0]) line 1 has no house number")
            #expect(line.contains(0x20), "\(request[0]) line 1 has no street")
        }
    }

    @Test func insufficientRequestsCarryTheirDefect() throws {
        let fixture = try SynthFixture.make(records: 3_000, requests: 3_000, insufficientShare: 0.3)
        defer { fixture.remove() }
        let zips = ReferenceData.standard.zips
        var describingStoredPeople = 0
        for (request, truth) in fixture.pairs where truth[2] == "false" {
            let line1 = request[6].uppercased()
            switch RequestKind(rawValue: truth[3]) {
            case .placeholderAddress:
                #expect(StreetVocabulary.placeholderAddresses.map { $0.uppercased() }.contains(line1))
                #expect(zips.codes.contains(request[10]))
            case .zipOnlyAddress:
                #expect(zips.codes.contains(String(line1.prefix(5))) && line1.count <= 10)
            case .digitsOnlyAddress:
                #expect(line1.allSatisfy { $0.isNumber })
            case .emptyAddress:
                #expect(line1.isEmpty && request[7].isEmpty)
            case .poBox:
                #expect(line1.contains("BOX") || line1.hasPrefix("POB"))
            case .generalDelivery:
                #expect(line1 == "GENERAL DELIVERY")
            case .missingHouseNumber:
                #expect(!(line1.first?.isNumber ?? true))
            case .missingLocality:
                #expect(request[9].isEmpty && request[10].isEmpty)
            case .zipStateMismatch:
                #expect(!zips.stateAgrees(zip: request[10], state: request[9]))
                #expect(zips.states.contains(request[9]))
            case .invalidZip:
                #expect(!zips.codes.contains(request[10]) && request[9].isEmpty)
            case .givenPlaceholder:
                #expect(StreetVocabulary.givenPlaceholders.map { $0.uppercased() }.contains(request[2].uppercased()))
            case .missingSurname:
                #expect(request[4].isEmpty)
            case .missingCaseReference:
                #expect(request[11].isEmpty)
            default:
                Issue.record("kind \(truth[3]) marked insufficient")
            }
            if fixture.records.contains(where: { $0[4].uppercased().hasPrefix(request[4].uppercased()) && $0[2] == request[2] }) {
                describingStoredPeople += 1
            }
        }
        #expect(describingStoredPeople > 200, "too few insufficient requests describe stored people")
    }

    @Test func inStoreRequestsPointAtTheRightRecord() throws {
        let fixture = try SynthFixture.make(records: 3_000, requests: 2_000, inStoreShare: 0.3)
        defer { fixture.remove() }
        let byID = fixture.recordsByID
        func fold(_ text: String) -> String { TextFolding.fold(text) }
        for (request, truth) in fixture.pairs where !truth[1].isEmpty {
            let rows = try #require(byID[truth[1]])
            let current = rows.max { $0[11] < $1[11] }!
            switch RequestKind(rawValue: truth[3]) {
            case .exact:
                #expect(fold(request[6]) == fold(current[6]))
                #expect(TextFolding.nameTokens(current[4]).first == TextFolding.nameTokens(request[4]).first)
                #expect(TextFolding.nameTokens(current[2]).first == TextFolding.nameTokens(request[2]).first)
            case .historicalAddress:
                #expect(rows.contains { fold($0[6]) == fold(request[6]) && $0[11] < current[11] })
            case .tinCorrect, .fatherSonByTIN:
                #expect(request[1].filter(\.isNumber) == current[1])
            case .tinMalformed:
                #expect(request[1].filter(\.isNumber).count != 9)
            case .birthDate, .fatherSonByBirthDate:
                #expect(request[5] == current[5])
            case .compoundSurnameDropped:
                #expect(fold(current[4]).hasPrefix(fold(request[4]) + " ") || fold(current[4]).hasPrefix(fold(request[4]) + "-"))
            case .trickyStreet:
                let line = fold(request[6])
                #expect(["BOX ELDER", "POST OFFICE", "UNKNOWN", "BOXWOOD"].contains { line.contains($0) })
            case .unitDropped:
                #expect(request[7].isEmpty && (!current[7].isEmpty || fold(current[6]).count > fold(request[6]).count))
            default:
                break
            }
        }
    }

    @Test func populationLooksLikeTheCensus() throws {
        let fixture = try SynthFixture.make(records: 6_000, requests: 10)
        defer { fixture.remove() }
        let people = Array(fixture.recordsByID.values.map { $0[0] })
        let hispanicSurnames = Set(HispanicNames.surnames)
        let hispanic = people.filter { hispanicSurnames.contains(TextFolding.nameTokens($0[4]).first ?? "") }
        let share = Double(hispanic.count) / Double(people.count)
        #expect(share > 0.12 && share < 0.26, "Hispanic share \(share)")
        let compound = hispanic.filter {
            TextFolding.nameTokens($0[4]).filter { hispanicSurnames.contains($0) }.count >= 2
        }
        #expect(Double(compound.count) / Double(hispanic.count) > 0.25)
        #expect(people.contains { $0[4].contains("-") })
        #expect(fixture.records.contains { $0[4].contains("É") || $0[4].contains("Ñ") || $0[2].contains("É") })
        #expect(fixture.records.contains { $0[6].contains(" 1/2 ") })
        #expect(fixture.records.contains { $0[6].contains("APT") || $0[7].contains("APT") })
        #expect(fixture.records.contains { $0[10].count == 10 })
        #expect(fixture.records.contains { $0[4].hasSuffix(" JR") || $0[4].hasSuffix(" JR.") })
        let smith = people.filter { $0[4].uppercased() == "SMITH" }.count
        #expect(smith > 20 && smith < 120, "SMITH count \(smith)")
        #expect(people.contains { $0[3].count == 1 } && people.contains { $0[3].count > 1 })
    }
}
