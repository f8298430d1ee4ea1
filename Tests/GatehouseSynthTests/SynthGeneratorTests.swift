import Foundation
import GatehouseCore
import Testing
@testable import GatehouseSynth

@Suite struct SynthGeneratorTests {
    @Test func sameSeedGivesByteIdenticalFiles() throws {
        let first = try SynthFixture.make(seed: 42)
        let second = try SynthFixture.make(seed: 42)
        defer { first.remove(); second.remove() }
        for file in ["records.csv", "requests.csv", "truth.csv"] {
            let a = try Data(contentsOf: URL(fileURLWithPath: first.directory + "/" + file))
            let b = try Data(contentsOf: URL(fileURLWithPath: second.directory + "/" + file))
            #expect(a == b, "\(file) differs between two runs with one seed")
            #expect(a.count > 1_000)
        }
    }

    @Test func otherSeedGivesOtherData() throws {
        let first = try SynthFixture.make(seed: 1)
        let second = try SynthFixture.make(seed: 2)
        defer { first.remove(); second.remove() }
        #expect(first.records != second.records)
        #expect(first.requests != second.requests)
    }

    @Test func countsAndIdentifiers() throws {
        let fixture = try SynthFixture.make(records: 2_000, requests: 500)
        defer { fixture.remove() }
        #expect(fixture.recordsByID.count == 2_000)
        #expect(fixture.summary.addressRows == fixture.records.count)
        #expect(fixture.requests.count == 500)
        #expect(fixture.truth.count == 500)
        #expect(fixture.records.first?[0] == "R000000001")
        #expect(fixture.requests.first?[0] == "Q0000001")
        #expect(Set(fixture.requests.map { $0[0] }).count == 500)
        for (request, truth) in fixture.pairs { #expect(request[0] == truth[0]) }
        let histories = fixture.recordsByID.values.map(\.count)
        #expect(histories.allSatisfy { (1...3).contains($0) })
        #expect(histories.contains(3))
    }

    @Test func truthIsConsistent() throws {
        let fixture = try SynthFixture.make()
        defer { fixture.remove() }
        let byID = fixture.recordsByID
        for (_, truth) in fixture.pairs {
            let kind = try #require(RequestKind(rawValue: truth[3]), "unknown kind \(truth[3])")
            #expect(truth[2] == (kind.isSufficient ? "true" : "false"))
            if kind.category == .inStore {
                #expect(byID[truth[1]] != nil, "\(truth[0]) names a record that does not exist")
            } else {
                #expect(truth[1].isEmpty, "\(truth[0]) of kind \(kind) must have no true record")
            }
        }
    }

    @Test func sharesFollowTheFlags() throws {
        for (inStore, insufficient) in [(0.05, 0.08), (0.2, 0.3)] {
            let fixture = try SynthFixture.make(
                records: 3_000, requests: 2_000, inStoreShare: inStore, insufficientShare: insufficient)
            defer { fixture.remove() }
            let total = Double(fixture.truth.count)
            let inStoreCount = fixture.truth.filter { !$0[1].isEmpty }.count
            let insufficientCount = fixture.truth.filter { $0[2] == "false" }.count
            #expect(abs(Double(inStoreCount) / total - inStore) < 0.005)
            #expect(abs(Double(insufficientCount) / total - insufficient) < 0.002)
        }
    }

    @Test func requestsAreShuffled() throws {
        let fixture = try SynthFixture.make(requests: 1_000)
        defer { fixture.remove() }
        let positions = fixture.truth.enumerated().filter { !$0.element[1].isEmpty }.map(\.offset)
        #expect(positions.count >= 40)
        #expect(positions.first! < 300 && positions.last! > 700, "in-store requests are clustered")
    }

    @Test func everyKindAppears() throws {
        let fixture = try SynthFixture.make(records: 4_000, requests: 1_000)
        defer { fixture.remove() }
        let seen = Set(fixture.truth.map { $0[3] })
        for kind in RequestKind.allCases {
            #expect(seen.contains(kind.rawValue), "no request of kind \(kind.rawValue)")
        }
    }

    @Test func fathersAndSonsShareAnAddressButNotABirthDateOrTIN() throws {
        let fixture = try SynthFixture.make(records: 4_000, requests: 1_000)
        defer { fixture.remove() }
        let generator = try SynthGenerator(configuration: SynthConfiguration(records: 4_000, requests: 1, seed: 11))
        let byID = fixture.recordsByID
        var pairs = 0
        var household = 0
        var first = 0
        while first < 4_000 {
            let members = generator.households.household(household, firstIndex: first, capacity: 4_000 - first)
            if let father = members.first(where: { $0.role == .father }),
                let son = members.first(where: { $0.role == .son })
            {
                pairs += 1
                let fatherRows = try #require(byID[SynthGenerator.recordID(father.index)])
                let sonRows = try #require(byID[SynthGenerator.recordID(son.index)])
                // Current address = the row with the latest as-of date; columns 6...10 hold the address.
                let fatherHome = fatherRows.max { $0[11] < $1[11] }!
                let sonHome = sonRows.max { $0[11] < $1[11] }!
                #expect(fatherHome[6...10].map { $0.uppercased() } == sonHome[6...10].map { $0.uppercased() })
                #expect(fatherHome[5] != sonHome[5] && !fatherHome[5].isEmpty && !sonHome[5].isEmpty)
                #expect(fatherHome[1] != sonHome[1] && fatherHome[1].count == 9 && sonHome[1].count == 9)
                #expect(TextFolding.nameTokens(fatherHome[2]).first == TextFolding.nameTokens(sonHome[2]).first)
            }
            first += members.count
            household += 1
        }
        #expect(pairs >= 20)
        let indistinct = fixture.truth.filter { $0[3] == RequestKind.fatherSonIndistinct.rawValue }
        #expect(indistinct.allSatisfy { $0[1].isEmpty && $0[2] == "true" })
    }

    @Test func tinsAreUniqueNineDigits() throws {
        let fixture = try SynthFixture.make()
        defer { fixture.remove() }
        var owner: [String: String] = [:]
        for row in fixture.records where !row[1].isEmpty {
            #expect(row[1].utf8.count == 9 && row[1].utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 })
            if let previous = owner[row[1]] { #expect(previous == row[0], "TIN shared by two records") }
            owner[row[1]] = row[0]
        }
        let missing = Set(fixture.records.filter { $0[1].isEmpty }.map { $0[0] })
        #expect(!missing.isEmpty && missing.count < 200)
    }
}
