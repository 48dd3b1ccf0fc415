import Domain
import Foundation
import Testing

@Suite("ResidentIdentityNumber")
struct ResidentIdentityNumberTests {
    /// A fixed "today" keeps the future-birth-date rule deterministic.
    static let today = try! LocalDate(year: 2025, month: 1, day: 1)

    /// Valid numbers: the GB 11643 standard example, a 19th-century birth, and two whose
    /// check characters were computed independently (Python) from the standard's weights.
    static let validNumbers = [
        "11010519491231002X",
        "440524188001010014",
        "310104199003071045",
        "650102200001011234",
    ]

    @Test("accepts valid numbers", arguments: validNumbers)
    func acceptsValid(text: String) throws {
        let id = try ResidentIdentityNumber(text, today: Self.today)
        #expect(id.rawValue == text)
    }

    @Test("derives division code, birth date, sex, sequence and age from the standard example")
    func derivesFields() throws {
        let id = try ResidentIdentityNumber("11010519491231002X", today: Self.today)
        #expect(id.divisionCode == "110105")
        #expect(id.birthDate == (try LocalDate(year: 1949, month: 12, day: 31)))
        #expect(id.sequence == 2)
        #expect(id.sex == .female)
        #expect(id.age(on: try LocalDate(year: 1950, month: 12, day: 30)) == 0)
        #expect(id.age(on: try LocalDate(year: 1950, month: 12, day: 31)) == 1)
        #expect(id.age(on: try LocalDate(year: 2024, month: 12, day: 31)) == 75)
        #expect(id.age(on: try LocalDate(year: 1900, month: 1, day: 1)) == 0)
    }

    @Test("sex follows the parity of the 17th digit")
    func sexFromParity() throws {
        #expect(try ResidentIdentityNumber("440524188001010014", today: Self.today).sex == .male)
        #expect(try ResidentIdentityNumber("310104199003071045", today: Self.today).sex == .female)
        #expect(try ResidentIdentityNumber("650102200001011234", today: Self.today).sex == .male)
    }

    @Test("a February 29 birthday is reached on March 1 in non-leap years")
    func leapDayAge() throws {
        let id = try ResidentIdentityNumber.make(
            divisionCode: "440305", birthDate: try LocalDate(year: 2000, month: 2, day: 29), sequence: 1,
            today: Self.today
        )
        #expect(id.age(on: try LocalDate(year: 2001, month: 2, day: 28)) == 0)
        #expect(id.age(on: try LocalDate(year: 2001, month: 3, day: 1)) == 1)
        #expect(id.age(on: try LocalDate(year: 2004, month: 2, day: 29)) == 4)
    }

    @Test("masked form and description hide the birth date; rawValue keeps the full number")
    func masking() throws {
        let id = try ResidentIdentityNumber("11010519491231002X", today: Self.today)
        #expect(id.masked == "110105********002X")
        #expect(id.description == "110105********002X")
        #expect("\(id)" == "110105********002X")
        #expect(!String(describing: id).contains("19491231"))
        #expect(String(reflecting: id) == "ResidentIdentityNumber(110105********002X)")
        var dumped = ""
        dump(id, to: &dumped)
        #expect(!dumped.contains("19491231"))
        #expect(!dumped.contains("1949"))
        #expect(id.rawValue == "11010519491231002X")
    }

    @Test("lowercase x is accepted and normalised to X")
    func lowercaseX() throws {
        let id = try ResidentIdentityNumber("11010519491231002x", today: Self.today)
        #expect(id.rawValue == "11010519491231002X")
        #expect(id == (try ResidentIdentityNumber("11010519491231002X", today: Self.today)))
    }

    @Test("checkCharacter(for:) reproduces the check character of valid numbers", arguments: validNumbers)
    func checkCharacterHelper(text: String) {
        #expect(ResidentIdentityNumber.checkCharacter(for: String(text.prefix(17))) == text.last)
    }

    @Test("make builds valid numbers for demo data")
    func makeBuildsValidNumbers() throws {
        let birth = try LocalDate(year: 1949, month: 12, day: 31)
        let id = try ResidentIdentityNumber.make(divisionCode: "110105", birthDate: birth, sequence: 2, today: Self.today)
        #expect(id.rawValue == "11010519491231002X")
        for sequence in [0, 1, 9, 10, 99, 100, 998, 999] {
            let made = try ResidentIdentityNumber.make(
                divisionCode: "310104", birthDate: birth, sequence: sequence, today: Self.today
            )
            #expect(made.sequence == sequence)
            #expect(made.sex == (sequence % 2 == 1 ? .male : .female))
            #expect(try ResidentIdentityNumber(made.rawValue, today: Self.today) == made)
        }
    }

    @Test("make rejects bad inputs")
    func makeRejects() throws {
        let birth = try LocalDate(year: 1990, month: 1, day: 1)
        #expect(throws: ResidentIdentityNumberError.sequenceOutOfRange(1000)) {
            try ResidentIdentityNumber.make(divisionCode: "110105", birthDate: birth, sequence: 1000, today: Self.today)
        }
        #expect(throws: ResidentIdentityNumberError.sequenceOutOfRange(-1)) {
            try ResidentIdentityNumber.make(divisionCode: "110105", birthDate: birth, sequence: -1, today: Self.today)
        }
        for code in ["11010", "1101051", "11O105", "990105"] {
            #expect(throws: ResidentIdentityNumberError.invalidDivisionCode) {
                try ResidentIdentityNumber.make(divisionCode: code, birthDate: birth, sequence: 1, today: Self.today)
            }
        }
        let future = try LocalDate(year: 2030, month: 1, day: 1)
        #expect(throws: ResidentIdentityNumberError.futureBirthDate("20300101")) {
            try ResidentIdentityNumber.make(divisionCode: "110105", birthDate: future, sequence: 1, today: Self.today)
        }
    }

    // MARK: Error detection

    @Test("every single-character substitution is rejected", arguments: validNumbers)
    func singleSubstitutions(text: String) {
        let original = Array(text)
        let alphabet = Array("0123456789X")
        var tried = 0
        for position in 0..<18 {
            let replacements = position < 17 ? Array(alphabet.prefix(10)) : alphabet
            for replacement in replacements where replacement != original[position] {
                var mutated = original
                mutated[position] = replacement
                tried += 1
                #expect(throws: ResidentIdentityNumberError.self, "position \(position) → \(replacement)") {
                    try ResidentIdentityNumber(String(mutated), today: Self.today)
                }
            }
        }
        #expect(tried == 17 * 9 + 10)
    }

    @Test("the checksum alone changes under every single-digit substitution", arguments: validNumbers)
    func checksumDetectsSubstitutions(text: String) {
        // Independent of the date and province rules: the mod-11 check itself must change.
        let first17 = Array(text.prefix(17))
        for position in 0..<17 {
            for digit in "0123456789" where digit != first17[position] {
                var mutated = first17
                mutated[position] = digit
                #expect(ResidentIdentityNumber.checkCharacter(for: String(mutated)) != text.last)
            }
        }
    }

    @Test("every adjacent transposition of two different characters is rejected", arguments: validNumbers)
    func adjacentTranspositions(text: String) {
        let original = Array(text)
        for position in 0..<17 where original[position] != original[position + 1] {
            var mutated = original
            mutated.swapAt(position, position + 1)
            #expect(throws: ResidentIdentityNumberError.self, "swap at \(position)") {
                try ResidentIdentityNumber(String(mutated), today: Self.today)
            }
            if position < 16 {
                // The checksum itself detects it, whatever other rule fires first.
                #expect(ResidentIdentityNumber.checkCharacter(for: String(mutated.prefix(17))) != original[17])
            }
        }
    }

    @Test(
        "rejects wrong lengths, including surrounding whitespace",
        arguments: [
            ("", 0), ("1101051949123100", 16), ("11010519491231002", 17),
            ("11010519491231002X0", 19), (" 11010519491231002X", 19), ("11010519491231002X ", 19),
            ("11010519491231002X\n", 19), ("110105194912310", 15),
        ]
    )
    func wrongLength(text: String, count: Int) {
        #expect(throws: ResidentIdentityNumberError.wrongLength(count)) {
            try ResidentIdentityNumber(text, today: Self.today)
        }
    }

    @Test(
        "rejects non-digits with their 1-based position",
        arguments: [
            ("A1010519491231002X", 1), (" 1010519491231002X", 1), ("110105-9491231002X", 7),
            ("1101051949123100X2", 17), ("11010519491231002Y", 18), ("11010519491231002 ", 18),
            ("１1010519491231002X", 1), ("110105194912310٠2X", 16),
        ]
    )
    func nonDigit(text: String, position: Int) {
        #expect(throws: ResidentIdentityNumberError.nonDigit(position: position)) {
            try ResidentIdentityNumber(text, today: Self.today)
        }
    }

    @Test("rejects unknown province codes", arguments: ["00", "10", "16", "20", "24", "30", "38", "47", "55", "60", "66", "70", "72", "80", "83", "91", "99"])
    func invalidProvince(prefix: String) {
        let first17 = prefix + "010519491231002"
        let text = first17 + String(ResidentIdentityNumber.checkCharacter(for: first17))
        #expect(throws: ResidentIdentityNumberError.invalidDivisionCode) {
            try ResidentIdentityNumber(text, today: Self.today)
        }
    }

    @Test("accepts every listed province code", arguments: [11, 15, 21, 23, 31, 37, 41, 46, 50, 54, 61, 65, 71, 81, 82])
    func validProvince(code: Int) throws {
        let first17 = String(code) + "010519491231002"
        let text = first17 + String(ResidentIdentityNumber.checkCharacter(for: first17))
        #expect(try ResidentIdentityNumber(text, today: Self.today).divisionCode == String(code) + "0105")
    }

    @Test(
        "rejects impossible birth dates even with a correct check character",
        arguments: ["19990230", "20010229", "19991301", "19990100", "19990431", "00000101", "19000229"])
    func impossibleBirthDate(date: String) {
        let first17 = "110105" + date + "002"
        let text = first17 + String(ResidentIdentityNumber.checkCharacter(for: first17))
        #expect(throws: ResidentIdentityNumberError.impossibleBirthDate(date)) {
            try ResidentIdentityNumber(text, today: Self.today)
        }
    }

    @Test("rejects a birth date after today but accepts today itself")
    func futureBirthDate() throws {
        let first17 = "11010520250102002"
        let text = first17 + String(ResidentIdentityNumber.checkCharacter(for: first17))
        #expect(throws: ResidentIdentityNumberError.futureBirthDate("20250102")) {
            try ResidentIdentityNumber(text, today: Self.today)
        }
        let todayFirst17 = "11010520250101002"
        let todayText = todayFirst17 + String(ResidentIdentityNumber.checkCharacter(for: todayFirst17))
        #expect(try ResidentIdentityNumber(todayText, today: Self.today).birthDate == Self.today)
    }

    @Test("reports the expected and found check characters")
    func wrongCheckCharacter() {
        #expect(throws: ResidentIdentityNumberError.wrongCheckCharacter(expected: "X", found: "0")) {
            try ResidentIdentityNumber("110105194912310020", today: Self.today)
        }
        #expect(throws: ResidentIdentityNumberError.wrongCheckCharacter(expected: "4", found: "X")) {
            try ResidentIdentityNumber("44052418800101001x", today: Self.today)
        }
    }

    @Test("error descriptions never contain the number or its birth date")
    func errorDescriptionsDoNotLeak() throws {
        let inputs = [
            "110105194912310020", "11010519990230002X", "11010520990101002X", "99010519491231002X",
            "11010519491231002X0", "1101051949123100Y2",
        ]
        for input in inputs {
            let error = try #require(throws: ResidentIdentityNumberError.self) {
                try ResidentIdentityNumber(input, today: Self.today)
            }
            #expect(!error.description.contains(input))
            #expect(!error.description.contains(String(input.prefix(17))))
            #expect(!error.description.contains(String(input.dropFirst(6).prefix(8))))
            #expect(error.description.hasSuffix("."))
        }
    }

    @Test("Codable round-trips the full number and validates on decode")
    func codable() throws {
        let id = try ResidentIdentityNumber("11010519491231002X", today: Self.today)
        let data = try JSONEncoder().encode([id])
        #expect(String(decoding: data, as: UTF8.self) == #"["11010519491231002X"]"#)
        #expect(try JSONDecoder().decode([ResidentIdentityNumber].self, from: data) == [id])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([ResidentIdentityNumber].self, from: Data(#"["110105194912310020"]"#.utf8))
        }
    }
}
