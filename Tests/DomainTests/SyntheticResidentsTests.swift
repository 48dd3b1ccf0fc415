import Domain
import Testing

@Suite("SyntheticResidents: one resident number, one valid ID number, in every office's bench")
struct SyntheticResidentsTests {
    static let residentsIn2026 = try! LocalDate(year: 2026, month: 7, day: 1)

    @Test("every number validates strictly (check character, division, birth date before 2026-07-01)")
    func valid() throws {
        for n in Array(1...20_000) + Array(2_990_000...3_000_000) {
            let id = SyntheticResidents.idNumber(n)
            let strict = try ResidentIdentityNumber(id.rawValue, today: Self.residentsIn2026)
            #expect(strict == id)
            let first17 = String(id.rawValue.prefix(17))
            #expect(id.rawValue.last == ResidentIdentityNumber.checkCharacter(for: first17))
        }
    }

    @Test("a million residents get a million distinct numbers, and so do the last of the three million")
    func distinct() {
        for range in [1...1_000_000, 2_000_001...3_000_000] {
            var seen = Set<String>()
            seen.reserveCapacity(range.count)
            for n in range { seen.insert(SyntheticResidents.idNumber(n).rawValue) }
            #expect(seen.count == range.count)
        }
    }

    @Test("the same number every time, whatever the day: the seeders and loadgen agree")
    func deterministic() {
        #expect(SyntheticResidents.idNumber(123_456) == SyntheticResidents.idNumber(123_456))
        // Pinned: changing the layout would make every seeded bench database disagree with loadgen.
        #expect(SyntheticResidents.idNumber(1).rawValue.prefix(17) == "52260119930906001")
        #expect(SyntheticResidents.idNumber(2).rawValue.prefix(17) == "33090220151009002")
    }

    @Test("ages follow the band: working age 18–54, older 54–90, children 0–17 (in 2026); about half women")
    func ageBands() {
        let ages = { (band: SyntheticResidents.AgeBand) in
            (1...50_000).filter { SyntheticResidents.ageBand(of: $0) == band }.map { SyntheticResidents.idNumber($0).age(on: Self.residentsIn2026) }
        }
        let working = ages(.workingAge), older = ages(.older), children = ages(.child)
        #expect((34_000...36_000).contains(working.count) && (9_500...10_500).contains(older.count) && (4_500...5_500).contains(children.count))
        #expect(working.min()! >= 18 && working.max()! <= 54)
        #expect(older.min()! >= 54 && older.max()! <= 90)
        #expect(children.min()! == 0 && children.max()! <= 18)
        let women = (1...10_000).filter { SyntheticResidents.idNumber($0).sex == .female }.count
        #expect((4_700...5_300).contains(women))
    }

    @Test("bands do not line up with the seeders' round-robin: both halves of the residents (odd, even) hold every band")
    func noCorrelation() {
        for parity in 0...1 {
            let bands = (1...2_000).filter { $0 % 2 == parity }.map(SyntheticResidents.ageBand(of:))
            #expect(Set(bands).count == 3)
            #expect((80...120).contains(bands.filter { $0 == .child }.count))
        }
    }

    @Test("nextResident walks one band in order")
    func nextResident() {
        var n = 0
        var walked: [Int] = []
        for _ in 0..<100 {
            n = SyntheticResidents.nextResident(after: n, in: .workingAge)
            walked.append(n)
        }
        #expect(walked == Array((1...1_000).filter { SyntheticResidents.ageBand(of: $0) == .workingAge }.prefix(100)))
    }

    @Test("6 in 10 are local (330902), the rest from other provinces")
    func divisions() {
        let local = (1...10_000).filter { SyntheticResidents.idNumber($0).divisionCode == "330902" }.count
        #expect((5_700...6_300).contains(local))
    }
}
