import Domain
import Foundation
import Testing

@Suite("LocalDate")
struct LocalDateTests {
    private func date(_ text: String) throws -> LocalDate { try LocalDate(iso: text) }

    @Test("parses valid ISO dates, including leap days", arguments: ["2024-02-29", "2000-02-29", "1949-10-01", "0001-01-01", "9999-12-31"])
    func parsesValid(text: String) throws {
        #expect(try date(text).description == text)
    }

    @Test(
        "rejects impossible dates",
        arguments: [
            ("2023-02-29", 2023, 2, 29), ("1900-02-29", 1900, 2, 29), ("2024-02-30", 2024, 2, 30),
            ("2024-04-31", 2024, 4, 31), ("2024-13-01", 2024, 13, 1), ("2024-00-10", 2024, 0, 10),
            ("2024-01-00", 2024, 1, 0),
        ]
    )
    func rejectsImpossible(text: String, year: Int, month: Int, day: Int) {
        #expect(throws: LocalDateError.impossibleDate(year: year, month: month, day: day)) {
            try LocalDate(iso: text)
        }
    }

    @Test("rejects year 0")
    func rejectsYearZero() {
        #expect(throws: LocalDateError.yearOutOfRange(0)) { try LocalDate(iso: "0000-01-01") }
        #expect(throws: LocalDateError.yearOutOfRange(10000)) { try LocalDate(year: 10000, month: 1, day: 1) }
    }

    @Test(
        "rejects malformed text",
        arguments: ["", "2024-2-29", "20240229", "2024/02/29", " 2024-02-29", "2024-02-29 ", "２０２４-02-29", "2024-02-2x", "+024-02-29", "2024-02-29T00:00"])
    func rejectsMalformed(text: String) {
        #expect(throws: LocalDateError.malformed) { try LocalDate(iso: text) }
    }

    @Test("orders chronologically")
    func comparable() throws {
        #expect(try date("2024-02-29") < date("2024-03-01"))
        #expect(try date("2023-12-31") < date("2024-01-01"))
        #expect(try date("2024-01-09") < date("2024-01-10"))
        #expect(try date("2024-01-10") == LocalDate(year: 2024, month: 1, day: 10))
    }

    @Test("adds days across month, leap-day and year boundaries")
    func addingDays() throws {
        #expect(try date("2024-02-28").adding(days: 1) == date("2024-02-29"))
        #expect(try date("2024-02-28").adding(days: 2) == date("2024-03-01"))
        #expect(try date("2023-02-28").adding(days: 1) == date("2023-03-01"))
        #expect(try date("2023-12-31").adding(days: 1) == date("2024-01-01"))
        #expect(try date("2024-03-01").adding(days: -1) == date("2024-02-29"))
        #expect(try date("2024-01-01").adding(days: 0) == date("2024-01-01"))
        #expect(try date("2025-01-01").days(from: date("2024-01-01")) == 366)
        #expect(try date("2024-01-01").days(from: date("2025-01-01")) == -366)
        #expect(try date("1970-01-01").days(from: date("1969-12-31")) == 1)
    }

    @Test("agrees with Foundation's Gregorian calendar from 1800 to 2200")
    func agreesWithFoundation() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(secondsFromGMT: 0))
        let start = try date("1800-01-01")
        let startInstant = try #require(calendar.date(from: DateComponents(year: 1800, month: 1, day: 1)))
        for offset in stride(from: 0, through: 146_097, by: 13) {
            let ours = start.adding(days: offset)
            let theirs = calendar.dateComponents(
                [.year, .month, .day, .weekday], from: startInstant.addingTimeInterval(Double(offset) * 86_400)
            )
            #expect(ours.year == theirs.year && ours.month == theirs.month && ours.day == theirs.day)
            // Foundation numbers Sunday as 1.
            #expect(ours.weekday.rawValue % 7 + 1 == theirs.weekday)
            #expect(ours.days(from: start) == offset)
        }
    }

    @Test(
        "knows the day of the week",
        arguments: [
            ("1970-01-01", Weekday.thursday), ("1949-10-01", .saturday), ("2000-01-01", .saturday), ("2024-10-01", .tuesday), ("2025-01-05", .sunday),
            ("0001-01-01", .monday),
        ]
    )
    func weekday(text: String, expected: Weekday) throws {
        #expect(try date(text).weekday == expected)
    }

    @Test("converts instants to the Shanghai calendar day")
    func fromInstant() throws {
        // 2024-12-31 16:30 UTC is already 00:30 on New Year's Day in Shanghai.
        let instant = Date(timeIntervalSince1970: 1_735_662_600)
        #expect(LocalDate(instant) == (try date("2025-01-01")))
        #expect(LocalDate(instant, in: try #require(TimeZone(secondsFromGMT: 0))) == (try date("2024-12-31")))
        #expect(LocalDate(Date(timeIntervalSince1970: -1), in: try #require(TimeZone(secondsFromGMT: 0))) == (try date("1969-12-31")))
        #expect(LocalDate.shanghai.secondsFromGMT(for: instant) == 8 * 3600)
    }

    @Test("start of day is local midnight")
    func startOfDay() throws {
        let midnight = try date("2025-01-01").startOfDay()
        #expect(midnight == Date(timeIntervalSince1970: 1_735_660_800))
        #expect(LocalDate(midnight) == (try date("2025-01-01")))
        #expect(LocalDate(midnight.addingTimeInterval(-1)) == (try date("2024-12-31")))
    }

    @Test("today is the current Shanghai date")
    func today() {
        let before = LocalDate(Date())
        let today = LocalDate.today()
        let after = LocalDate(Date())
        #expect(before <= today && today <= after)
    }

    @Test("Codable as a YYYY-MM-DD string, validated on decode")
    func codable() throws {
        let data = try JSONEncoder().encode([try date("2024-02-29")])
        #expect(String(decoding: data, as: UTF8.self) == #"["2024-02-29"]"#)
        #expect(try JSONDecoder().decode([LocalDate].self, from: data) == [try date("2024-02-29")])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([LocalDate].self, from: Data(#"["2023-02-29"]"#.utf8))
        }
    }

    @Test("working days are Monday to Friday")
    func workingDays() throws {
        let monday = try date("2024-10-07")
        let flags = (0..<7).map { monday.adding(days: $0).isWorkingDay }
        #expect(flags == [true, true, true, true, true, false, false])
    }

    @Test(
        "adds working days, skipping weekends and not counting the start",
        arguments: [
            ("2024-10-04", 1, "2024-10-07"),  // Friday + 1 → Monday
            ("2024-10-05", 1, "2024-10-07"),  // Saturday + 1 → Monday
            ("2024-10-06", 1, "2024-10-07"),  // Sunday + 1 → Monday
            ("2024-10-05", 5, "2024-10-11"),  // Saturday + 5 → Friday
            ("2024-10-07", 15, "2024-10-28"),  // Monday + 15 → Monday three weeks later
            ("2024-10-04", 15, "2024-10-25"),  // Friday + 15 → Friday three weeks later
            ("2024-10-09", 15, "2024-10-30"),  // Wednesday + 15
            ("2024-10-07", -1, "2024-10-04"),  // Monday − 1 → Friday
            ("2024-10-06", -1, "2024-10-04"),  // Sunday − 1 → Friday
            ("2024-10-07", 0, "2024-10-07"),
            ("2024-10-05", 0, "2024-10-05"),
        ]
    )
    func addingWorkingDays(start: String, count: Int, expected: String) throws {
        #expect(try date(start).addingWorkingDays(count) == date(expected))
    }

    @Test("working-day arithmetic matches a day-by-day count")
    func workingDaysMatchNaiveCount() throws {
        let monday = try date("2024-10-07")
        for startOffset in 0..<14 {
            let start = monday.adding(days: startOffset)
            for count in -40...40 {
                var naive = start
                var left = abs(count)
                while left > 0 {
                    naive = naive.adding(days: count > 0 ? 1 : -1)
                    if naive.isWorkingDay { left -= 1 }
                }
                #expect(start.addingWorkingDays(count) == naive, "\(start) + \(count)")
            }
        }
    }

    @Test("error descriptions are sentences")
    func errorDescriptions() {
        #expect(LocalDateError.malformed.description == "The date is not written as YYYY-MM-DD.")
        #expect(LocalDateError.impossibleDate(year: 2023, month: 2, day: 29).description == "There is no day 29 in month 2 of year 2023.")
    }
}
