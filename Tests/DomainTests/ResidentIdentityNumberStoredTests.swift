import Domain
import Testing

@Suite("ResidentIdentityNumber read back from storage")
struct ResidentIdentityNumberStoredTests {
    @Test("a stored valid number reads back equal to a fully validated one", arguments: ["11010519491231002X", "440524188001010014"])
    func same(text: String) throws {
        let stored = try ResidentIdentityNumber(stored: text)
        let checked = try ResidentIdentityNumber(text, today: LocalDate.distantFuture)
        #expect(stored == checked)
        #expect(stored.birthDate == checked.birthDate && stored.sex == checked.sex && stored.masked == checked.masked)
    }

    @Test("malformed stored text still throws: wrong length, non-digits, impossible birth date")
    func malformed() {
        #expect(throws: ResidentIdentityNumberError.self) { try ResidentIdentityNumber(stored: "1101051949123100") }
        #expect(throws: ResidentIdentityNumberError.self) { try ResidentIdentityNumber(stored: "11010519491331002X") }
        #expect(throws: ResidentIdentityNumberError.self) { try ResidentIdentityNumber(stored: "1101051949A231002X") }
    }
}
