import Domain
import Foundation
import Testing

@Suite("WorkingDayCalendar: holidays and make-up working days")
struct WorkingDayCalendarTests {
    static func date(_ text: String) -> LocalDate { try! LocalDate(iso: text) }

    /// National Day 2025: 1–8 October off, Sunday 28 September and Saturday 11 October worked.
    static let nationalDay = try! WorkingDayCalendar(
        holidays: Set((1...8).map { date(String(format: "2025-10-%02d", $0)) }),
        makeUpWorkingDays: [date("2025-09-28"), date("2025-10-11")])

    @Test("with no entries it is Monday to Friday")
    func weekdays() {
        #expect(WorkingDayCalendar.weekdays.adding(workingDays: 1, to: Self.date("2025-10-03")) == Self.date("2025-10-06"))
        #expect(!WorkingDayCalendar.weekdays.isWorkingDay(Self.date("2025-10-04")))
    }

    @Test("15 working days over National Day skip the holidays and count the make-up Saturday")
    func overNationalDay() {
        let calendar = Self.nationalDay
        #expect(calendar.isWorkingDay(Self.date("2025-09-28")))  // a Sunday, worked
        #expect(!calendar.isWorkingDay(Self.date("2025-10-02")))  // a Thursday, off
        // From Friday 26 September: 28, 29, 30 September (3), then 9, 10, 11 October (Sat, worked: 6), 13–17 (11), 20–23 (15).
        #expect(calendar.adding(workingDays: 15, to: Self.date("2025-09-26")) == Self.date("2025-10-23"))
        #expect(calendar.adding(workingDays: 0, to: Self.date("2025-10-02")) == Self.date("2025-10-02"))
    }

    @Test("a date both off and worked is refused; the JSON form round-trips")
    func decoding() throws {
        #expect(throws: WorkingDayCalendarError.self) {
            try WorkingDayCalendar(holidays: [Self.date("2025-10-01")], makeUpWorkingDays: [Self.date("2025-10-01")])
        }
        let json = #"{"holidays": ["2025-10-01", "2025-10-02"], "make_up_working_days": ["2025-09-28"]}"#
        let decoded = try JSONDecoder().decode(WorkingDayCalendar.self, from: Data(json.utf8))
        #expect(decoded.holidays.count == 2 && decoded.makeUpWorkingDays == [Self.date("2025-09-28")])
        let again = try JSONDecoder().decode(WorkingDayCalendar.self, from: try JSONEncoder().encode(decoded))
        #expect(again == decoded)
        #expect(throws: (any Error).self) { try JSONDecoder().decode(WorkingDayCalendar.self, from: Data(#"{"holidays": ["2025-10-32"]}"#.utf8)) }
    }
}
