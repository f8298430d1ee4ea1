import GatehouseCore
import Testing
@testable import GatehouseSynth

@Suite struct SynthPartsTests {
    @Test(arguments: [("WILLIAMS", 1), ("GONZALEZ", 2), ("MARTINEZ", 3), ("CHRISTOPHER", 4)])
    func typoIsOneEditAway(name: String, seed: UInt64) {
        var random = SynthRandom(seed: seed)
        for _ in 0..<200 {
            let typo = TextVariants.typo(name, random: &random)
            #expect(typo != name)
            #expect(TextVariants.withinOneEdit(typo, name))
            #expect(typo.first == name.first)
        }
    }

    @Test(arguments: [
        ("JOSE", TextVariants.Casing.title, "Jose"), ("JOSÉ MUÑOZ", .title, "José Muñoz"),
        ("O'BRIEN", .title, "O'Brien"), ("123 5TH ST APT 4B", .lower, "123 5th st apt 4b"),
        ("GARCIA-LOPEZ", .title, "Garcia-Lopez"), ("SMITH", .upper, "SMITH"),
    ])
    func casing(input: String, casing: TextVariants.Casing, expected: String) {
        #expect(TextVariants.apply(casing, to: input) == expected)
    }

    @Test(arguments: [("JOSE", "JOSÉ"), ("GARCIA LOPEZ", "GARCÍA LÓPEZ"), ("MUNOZ-PENA", "MUÑOZ-PEÑA"), ("SMITH", "SMITH")])
    func accents(plain: String, accented: String) {
        #expect(TextVariants.accent(plain) == accented)
        #expect(TextFolding.fold(accented) == plain)
    }

    @Test(arguments: [("JOHN", "JON", true), ("JOHN", "JHON", true), ("JOHN", "JOAN", true), ("JOHN", "JACK", false), ("ANN", "ANNIE", false)])
    func oneEdit(lhs: String, rhs: String, expected: Bool) {
        #expect(TextVariants.withinOneEdit(lhs, rhs) == expected)
    }

    @Test func digitsAndDates() {
        #expect(DigitText.string(42, width: 9) == "000000042")
        #expect(DigitText.string(0) == "0")
        #expect(DigitText.isoDate(19_840_229) == "1984-02-29")
        #expect(DigitText.isoDate(0) == "")
        #expect(AddressRenderer.postcode("00601", plus4: 42) == "00601-0042")
        #expect(SynthStreet.ordinal(1) == "1ST" && SynthStreet.ordinal(12) == "12TH" && SynthStreet.ordinal(23) == "23RD")
        #expect(RequestFactory.dashed("123456789") == "123-45-6789")
    }

    @Test func randomIsSeededAndUniform() {
        var a = SynthRandom(seed: 7)
        var b = SynthRandom(seed: 7)
        #expect((0..<100).map { _ in a.next() } == (0..<100).map { _ in b.next() })
        var counts = [Int](repeating: 0, count: 10)
        for _ in 0..<100_000 { counts[a.below(10)] += 1 }
        #expect(counts.allSatisfy { abs($0 - 10_000) < 500 })
    }

    @Test func aliasTableFollowsWeights() {
        let table = AliasTable(weights: [1, 0, 3, 6])
        var random = SynthRandom(seed: 3)
        var counts = [Int](repeating: 0, count: 4)
        for _ in 0..<100_000 { counts[table.sample(&random)] += 1 }
        #expect(counts[1] == 0)
        #expect(abs(counts[0] - 10_000) < 600 && abs(counts[2] - 30_000) < 900 && abs(counts[3] - 60_000) < 1_000)
    }

    @Test func allocationSumsAndCoversEveryKind() {
        for total in [0, 5, 13, 40, 1_000, 64_000] {
            let parts = SynthGenerator.allocate(total, weights: RequestKind.insufficientWeights)
            #expect(parts.reduce(0) { $0 + $1.1 } == total)
            if total >= RequestKind.insufficientWeights.count { #expect(parts.allSatisfy { $0.1 >= 1 }) }
        }
    }

    @Test func tinSpaceIsABijection() {
        let space = TINSpace(seed: 9)
        let tins = (0..<50_000).map(space.tin)
        #expect(Set(tins).count == tins.count)
        #expect(tins.allSatisfy { $0.utf8.count == 9 && $0.first != "0" })
    }

    @Test(arguments: [
        (SynthConfiguration(records: 0, requests: 10, seed: 1), "records"),
        (SynthConfiguration(records: 10, requests: -1, seed: 1), "requests"),
        (SynthConfiguration(records: 10, requests: 10, seed: 1, inStoreShare: 1.5), "in-store"),
        (SynthConfiguration(records: 10, requests: 10, seed: 1, insufficientShare: -0.1), "insufficient"),
        (SynthConfiguration(records: 10, requests: 10, seed: 1, inStoreShare: 0.6, insufficientShare: 0.6), "leave room"),
    ])
    func validationExplainsTheProblem(configuration: SynthConfiguration, fragment: String) {
        #expect {
            try configuration.validate()
        } throws: { error in
            (error as? SynthError)?.detail.contains(fragment) == true
        }
    }

    @Test func trickyStreetsRender() {
        let renderer = AddressRenderer(seed: 1, reference: ReferenceData.standard)
        var address = SynthAddress(zip: 0, street: SynthAddress.trickyBase, house: 100)
        #expect(renderer.render(address, style: .onFile(address)).line1 == "100 BOX ELDER ST")
        address.street = SynthAddress.trickyBase + 1
        address.house = 1
        #expect(renderer.render(address, style: .onFile(address)).line1 == "1 POST OFFICE SQ")
        address.fullSuffix = true
        address.street = SynthAddress.trickyBase + 2
        address.house = 2
        #expect(renderer.render(address, style: .onFile(address)).line1 == "2 UNKNOWN COURT")
    }
}
