import Domain
import SecurityContract
import SecurityKit
import Testing

@Suite("Check-in schedule (报到): periods from the term's start, missed when ended without a kept check-in")
struct CheckInScheduleTests {
    static func date(_ text: String) throws -> LocalDate { try LocalDate(iso: text) }

    static func schedule(_ start: String = "2026-01-01", _ end: String = "2026-12-31", every days: Int = 7) throws -> CheckInSchedule {
        CheckInSchedule(termStart: try date(start), termEnd: try date(end), intervalDays: days)
    }

    @Test("weekly periods: only those ended before the day judged by count; the running one never does")
    func endedPeriods() throws {
        let periods = try Self.schedule().endedPeriods(asOf: try Self.date("2026-01-15"))
        #expect(periods.map(\.start.description) == ["2026-01-01", "2026-01-08"])
        #expect(periods.map(\.end.description) == ["2026-01-07", "2026-01-14"])
        #expect(try Self.schedule().endedPeriods(asOf: try Self.date("2026-01-07")).isEmpty)
    }

    @Test("a period with a kept check-in anywhere inside it is kept; the others are missed")
    func missed() throws {
        let schedule = try Self.schedule()
        let kept = [try Self.date("2026-01-07"), try Self.date("2026-01-22")]
        let missed = schedule.missedPeriods(keptDates: kept, asOf: try Self.date("2026-01-29"))
        #expect(missed.map(\.end.description) == ["2026-01-14", "2026-01-21"])
        // two check-ins in one period keep only that one
        let twice = schedule.missedPeriods(keptDates: [try Self.date("2026-01-02"), try Self.date("2026-01-03")], asOf: try Self.date("2026-01-22"))
        #expect(twice.map(\.start.description) == ["2026-01-08", "2026-01-15"])
    }

    @Test("the last period is cut at the term's end, and nothing after the term is due")
    func termEnd() throws {
        let schedule = try Self.schedule("2026-01-01", "2026-01-10", every: 7)
        let missed = schedule.missedPeriods(keptDates: [], asOf: try Self.date("2027-01-01"))
        #expect(missed.map { "\($0.start)…\($0.end)" } == ["2026-01-01…2026-01-07", "2026-01-08…2026-01-10"])
    }

    @Test("check-ins are matched whatever order they come in; dates before the term keep nothing")
    func unordered() throws {
        let schedule = try Self.schedule(every: 30)
        let kept = [try Self.date("2026-03-05"), try Self.date("2025-12-31"), try Self.date("2026-01-20")]
        let missed = schedule.missedPeriods(keptDates: kept, asOf: try Self.date("2026-04-01"))
        #expect(missed.map(\.start.description) == ["2026-01-31"])
    }

    @Test("absent and unspecified outcomes keep no period; present, late and excused do")
    func outcomes() {
        #expect(Security.CheckInOutcome.allCases.filter(\.keepsPeriod) == [.present, .late, .excused])
    }

    @Test("the policy's default period per programme, unless the case names one")
    func defaults() {
        var policy = SecurityPolicy()
        #expect(policy.checkInInterval(kind: .communityCorrection, requested: 0) == 7)
        #expect(policy.checkInInterval(kind: .resettlement, requested: 0) == 30)
        #expect(policy.checkInInterval(kind: .resettlement, requested: 14) == 14)
        policy.correctionCheckInDays = 3
        #expect(policy.checkInInterval(kind: .communityCorrection, requested: 0) == 3)
    }
}
