import Domain
import EmploymentContract
import Foundation
import Testing

@testable import EmploymentKit

@Suite("The 48-hour promise (不挑不拣保你48小时上岗) and the unemployment-free rule (无待业社区)")
struct PromiseTests {
    static let registered = Date(timeIntervalSince1970: 1_795_000_000)
    static let hour: TimeInterval = 3600
    let policy = EmploymentPolicy()
    let atRisk: Int64 = 12 * 3600

    func at(_ hours: Double) -> Date { Self.registered.addingTimeInterval(hours * Self.hour) }

    func seeker(acceptsPromise: Bool = true, status: Employment.SeekerStatus = .waiting, promise: PromiseOutcome = .kept) throws -> JobSeekerRecord {
        try Residents.seeker(acceptsPromise: acceptsPromise, status: status, registeredAt: Self.registered, promise: promise)
    }

    // MARK: PlacementPromise.state

    @Test("no promise accepted: none, whether waiting or placed; no deadline")
    func noPromise() throws {
        let waiting = try seeker(acceptsPromise: false)
        #expect(waiting.promiseDeadline == nil)
        #expect(PlacementPromise.state(of: waiting, at: at(100), atRiskSeconds: atRisk) == .none)
        let placed = try seeker(acceptsPromise: false, status: .placed)
        #expect(PlacementPromise.state(of: placed, at: at(3), atRiskSeconds: atRisk) == .none)
    }

    @Test("the deadline is registration + 48 h")
    func deadline() throws {
        #expect(try seeker().promiseDeadline == at(48))
    }

    @Test("waiting with more than the margin left: pending with the seconds left")
    func pending() throws {
        let s = try seeker()
        #expect(PlacementPromise.state(of: s, at: at(0), atRiskSeconds: atRisk) == .pending(secondsLeft: 48 * 3600))
        #expect(PlacementPromise.state(of: s, at: at(10), atRiskSeconds: atRisk) == .pending(secondsLeft: 38 * 3600))
        // exactly the margin left is not yet at risk
        #expect(PlacementPromise.state(of: s, at: at(36), atRiskSeconds: atRisk) == .pending(secondsLeft: 12 * 3600))
    }

    @Test("waiting with less than the margin left: at risk, down to the deadline itself")
    func atRiskThreshold() throws {
        let s = try seeker()
        #expect(PlacementPromise.state(of: s, at: at(36).addingTimeInterval(1), atRiskSeconds: atRisk) == .atRisk(secondsLeft: 12 * 3600 - 1))
        #expect(PlacementPromise.state(of: s, at: at(40), atRiskSeconds: atRisk) == .atRisk(secondsLeft: 8 * 3600))
        #expect(PlacementPromise.state(of: s, at: at(48), atRiskSeconds: atRisk) == .atRisk(secondsLeft: 0))
        // the margin is the caller's
        #expect(PlacementPromise.state(of: s, at: at(40), atRiskSeconds: 6 * 3600) == .pending(secondsLeft: 8 * 3600))
    }

    @Test("still waiting past the deadline: broken, with how late")
    func brokenWhileWaiting() throws {
        let s = try seeker()
        #expect(PlacementPromise.state(of: s, at: at(48).addingTimeInterval(1), atRiskSeconds: atRisk) == .broken(secondsLate: 1))
        #expect(PlacementPromise.state(of: s, at: at(50), atRiskSeconds: atRisk) == .broken(secondsLate: 2 * 3600))
    }

    @Test("an ended spell keeps the outcome decided when it ended, however much later we look", arguments: [PromiseOutcome.kept, .released, .lapsed])
    func decidedOutcomes(outcome: PromiseOutcome) throws {
        let s = try seeker(status: .placed, promise: outcome)
        let expected: PlacementPromise = outcome == .kept ? .kept : outcome == .released ? .released : .lapsed
        #expect(PlacementPromise.state(of: s, at: at(500), atRiskSeconds: atRisk) == expected)
        #expect(PlacementPromise.state(of: try seeker(status: .withdrawn, promise: .broken), at: at(1), atRiskSeconds: atRisk) == .broken(secondsLate: 0))
    }

    // MARK: PromiseRules

    @Test("kept or broken by the start date of the work: the deadline's own day keeps it, the next day breaks it")
    func decidedByStartDate() throws {
        let deadline = at(48)
        let day = LocalDate(deadline)
        #expect(PromiseRules.onPlacement(deadline: deadline, startDate: day) == .kept)
        #expect(PromiseRules.onPlacement(deadline: deadline, startDate: day.adding(days: -1)) == .kept)
        #expect(PromiseRules.onPlacement(deadline: deadline, startDate: day.adding(days: 1)) == .broken)
    }

    @Test("a spell ended without work: broken after the deadline, lapsed before it")
    func decidedOnWithdrawal() {
        #expect(PromiseRules.onWithdrawal(deadline: at(48), now: at(49)) == .broken)
        #expect(PromiseRules.onWithdrawal(deadline: at(48), now: at(47)) == .lapsed)
    }

    @Test(
        "hours left round away from zero once broken: 10 minutes late is -1, never 0",
        arguments: [
            (Int64(7200), Int64(2)), (3599, 0), (0, 0), (-1, -1), (-600, -1), (-3600, -1), (-3601, -2),
        ])
    func hoursLeft(seconds: Int64, hours: Int64) {
        #expect(PromiseRules.hoursLeft(secondsLeft: seconds) == hours)
    }

    @Test("promiseHours is configuration: a 24-hour promise ends at 24 h")
    func configurablePromiseHours() throws {
        var short = EmploymentPolicy()
        short.promiseHours = 24
        #expect(PromiseRules.deadline(openedAt: Self.registered, policy: short) == at(24))
        #expect(PromiseRules.deadline(openedAt: Self.registered, policy: policy) == at(48))
    }

    @Test("working hours: time on Saturday and Sunday does not run; clock hours (the default) do")
    func workingHours() throws {
        var working = EmploymentPolicy()
        working.promiseClock = .workingHours
        // Friday 2026-03-13 20:00 Shanghai + 48 working hours = Tuesday 20:00
        let friday = try LocalDate(year: 2026, month: 3, day: 13).startOfDay().addingTimeInterval(20 * 3600)
        let tuesday = try LocalDate(year: 2026, month: 3, day: 17).startOfDay().addingTimeInterval(20 * 3600)
        #expect(PromiseRules.deadline(openedAt: friday, policy: working) == tuesday)
        #expect(PromiseRules.deadline(openedAt: friday, policy: policy) == friday.addingTimeInterval(48 * 3600))
        // registered on a Saturday: the hours start Monday 00:00
        let saturday = try LocalDate(year: 2026, month: 3, day: 14).startOfDay().addingTimeInterval(9 * 3600)
        let monday = try LocalDate(year: 2026, month: 3, day: 16).startOfDay()
        #expect(PromiseRules.deadline(openedAt: saturday, policy: working) == monday.addingTimeInterval(48 * 3600))
    }

    // MARK: UnemploymentFreeRule

    /// An instant at `hour:minute` Shanghai time on `date`.
    func shanghai(_ date: LocalDate, _ hour: Int, _ minute: Int = 0) -> Date {
        date.startOfDay().addingTimeInterval(Double(hour * 3600 + minute * 60))
    }

    var day: LocalDate { get throws { try LocalDate(year: 2026, month: 3, day: 10) } }

    @Test("no waiting seekers: unemployment-free, longest wait 0")
    func noneWaiting() throws {
        let verdict = UnemploymentFreeRule.evaluate(waitingSince: [], now: Self.registered, policy: policy)
        #expect(verdict == .init(unemploymentFree: true, longestWaitDays: 0))
    }

    @Test("exactly the threshold of days is still free; one day more is not")
    func threshold() throws {
        let since = shanghai(try day, 10)
        let thirty = UnemploymentFreeRule.evaluate(waitingSince: [since], now: shanghai(try day.adding(days: 30), 10), policy: policy)
        #expect(thirty.unemploymentFree)
        #expect(thirty.longestWaitDays == 30)
        let thirtyOne = UnemploymentFreeRule.evaluate(waitingSince: [since], now: shanghai(try day.adding(days: 31), 10), policy: policy)
        #expect(!thirtyOne.unemploymentFree)
        #expect(thirtyOne.longestWaitDays == 31)
    }

    @Test("the longest of several waits decides")
    func longestDecides() throws {
        let now = shanghai(try day.adding(days: 40), 9)
        let verdict = UnemploymentFreeRule.evaluate(
            waitingSince: [shanghai(try day.adding(days: 35), 9), shanghai(try day.adding(days: 5), 9), shanghai(try day.adding(days: 20), 9)],
            now: now, policy: policy)
        #expect(verdict == .init(unemploymentFree: false, longestWaitDays: 35))
    }

    @Test("calendar days in Asia/Shanghai: a registration at 23:30 counts that day")
    func shanghaiCalendarDays() throws {
        // 23:30 Shanghai is 15:30 UTC the same day; 31 calendar days later at 00:30 only 30 days
        // and an hour have passed, but the seeker has waited 31 days: not free.
        let lateEvening = shanghai(try day, 23, 30)
        let after = UnemploymentFreeRule.evaluate(waitingSince: [lateEvening], now: shanghai(try day.adding(days: 31), 0, 30), policy: policy)
        #expect(after == .init(unemploymentFree: false, longestWaitDays: 31))
        let sameDay = UnemploymentFreeRule.evaluate(waitingSince: [lateEvening], now: shanghai(try day.adding(days: 30), 23, 59), policy: policy)
        #expect(sameDay == .init(unemploymentFree: true, longestWaitDays: 30))
        // 00:30 Shanghai is 16:30 UTC the day before: counted from the Shanghai day, 30 days, free
        // (counting UTC days would make it 31)
        let earlyMorning = shanghai(try day, 0, 30)
        let early = UnemploymentFreeRule.evaluate(waitingSince: [earlyMorning], now: shanghai(try day.adding(days: 30), 23, 30), policy: policy)
        #expect(early == .init(unemploymentFree: true, longestWaitDays: 30))
    }

    @Test("the threshold is configuration")
    func configurableThreshold() throws {
        var strict = EmploymentPolicy()
        strict.unemploymentFreeDays = 7
        let since = shanghai(try day, 12)
        #expect(UnemploymentFreeRule.evaluate(waitingSince: [since], now: shanghai(try day.adding(days: 7), 12), policy: strict).unemploymentFree)
        #expect(!UnemploymentFreeRule.evaluate(waitingSince: [since], now: shanghai(try day.adding(days: 8), 12), policy: strict).unemploymentFree)
        #expect(UnemploymentFreeRule.evaluate(waitingSince: [since], now: shanghai(try day.adding(days: 8), 12), policy: policy).unemploymentFree)
    }
}
