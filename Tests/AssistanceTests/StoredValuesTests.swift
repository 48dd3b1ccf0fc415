import Domain
import Testing

@testable import AssistanceKit

@Suite("Values read back from storage: the fast paths agree with the full parsers")
struct StoredValuesTests {
    @Test("dates: the same as init(iso:), and nothing that is not a real date", arguments: ["2026-11-02", "2028-02-29", "0001-01-01", "9999-12-31"])
    func dates(text: String) throws {
        #expect(try LocalDate(storedISO: text) == LocalDate(iso: text))
    }

    @Test("malformed or impossible dates throw", arguments: ["2026-02-29", "2026-13-01", "2026-1-01", "2026/11/02", "２０２６-11-02", ""])
    func badDates(text: String) {
        #expect(throws: LocalDateError.self) { try LocalDate(storedISO: text) }
    }

    @Test("grids: the number is read from the code; a code of another community takes the full parse")
    func grids() throws {
        let community = try CommunityCode("330902001001")
        #expect(try StoredGrid.read("330902001001007", in: community) == GridCode("330902001001007"))
        #expect(try StoredGrid.read("330902001002007", in: community) == GridCode("330902001002007"))
        #expect(throws: GridCodeError.self) { try StoredGrid.read("33090200100100x", in: community) }
    }
}
