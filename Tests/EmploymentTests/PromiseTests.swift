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

    func seeker(acceptsPromise: Bool = true, status: Employment.SeekerStatus = .waiting, placedAfterHours: Double? = nil) throws -> JobSeekerRecord {
        try Residents.seeker(acceptsPromise: acceptsPromise, status: status, registeredAt: Self.registered, placedAt: placedAfterHours.map(at))
    }

    // MARK: PlacementPromise.state

    @Test("no promise accepted: none, whether waiting or placed; no deadline")
    func noPromise() throws {
        let waiting = try seeker(acceptsPromise: false)
        #expect(waiting.promiseDeadline(policy) == nil)
        #expect(PlacementPromise.state(of: waiting, at: at(100), atRiskSeconds: atRisk, policy: policy) == .none)
        let placed = try seeker(acceptsPromise: false, status: .placed, placedAfterHours: 2)
        #expect(PlacementPromise.state(of: placed, at: at(3), atRiskSeconds: atRisk, policy: policy) == .none)
    }

    @Test("the deadline is registration + 48 h")
    func deadline() throws {
        #expect(try seeker().promiseDeadline(policy) == at(48))
    }

    @Test("waiting with more than the margin left: pending with the seconds left")
    func pending() throws {
        let s = try seeker()
        #expect(PlacementPromise.state(of: s, at: at(0), atRiskSeconds: atRisk, policy: policy) == .pending(secondsLeft: 48 * 3600))
        #expect(PlacementPromise.state(of: s, at: at(10), atRiskSeconds: atRisk, policy: policy) == .pending(secondsLeft: 38 * 3600))
        // exactly the margin left is not yet at risk
        #expect(PlacementPromise.state(of: s, at: at(36), atRiskSeconds: atRisk, policy: policy) == .pending(secondsLeft: 12 * 3600))
    }

    @Test("waiting with less than the margin left: at risk, down to the deadline itself")
    func atRiskThreshold() throws {
        let s = try seeker()
        #expect(PlacementPromise.state(of: s, at: at(36).addingTimeInterval(1), atRiskSeconds: atRisk, policy: policy) == .atRisk(secondsLeft: 12 * 3600 - 1))
        #expect(PlacementPromise.state(of: s, at: at(40), atRiskSeconds: atRisk, policy: policy) == .atRisk(secondsLeft: 8 * 3600))
        #expect(PlacementPromise.state(of: s, at: at(48), atRiskSeconds: atRisk, policy: policy) == .atRisk(secondsLeft: 0))
        // the margin is the caller's
        #expect(PlacementPromise.state(of: s, at: at(40), atRiskSeconds: 6 * 3600, policy: policy) == .pending(secondsLeft: 8 * 3600))
    }

    @Test("still waiting past the deadline: broken, with how late")
    func brokenWhileWaiting() throws {
        let s = try seeker()
        #expect(PlacementPromise.state(of: s, at: at(48).addingTimeInterval(1), atRiskSeconds: atRisk, policy: policy) == .broken(secondsLate: 1))
        #expect(PlacementPromise.state(of: s, at: at(50), atRiskSeconds: atRisk, policy: policy) == .broken(secondsLate: 2 * 3600))
    }

    @Test("placed before (or at) the deadline: kept, however much later we look", arguments: [0.5, 47.0, 48.0])
    func kept(placedAfter hours: Double) throws {
        let s = try seeker(status: .placed, placedAfterHours: hours)
        #expect(PlacementPromise.state(of: s, at: at(500), atRiskSeconds: atRisk, policy: policy) == .kept)
    }

    @Test("placed after the deadline: broken, late by the placement time (not by now)")
    func placedLate() throws {
        let s = try seeker(status: .placed, placedAfterHours: 49)
        #expect(PlacementPromise.state(of: s, at: at(500), atRiskSeconds: atRisk, policy: policy) == .broken(secondsLate: 3600))
    }

    @Test("a withdrawn seeker holds no promise, even past the deadline")
    func withdrawn() throws {
        let s = try seeker(status: .withdrawn)
        #expect(PlacementPromise.state(of: s, at: at(10), atRiskSeconds: atRisk, policy: policy) == .none)
        #expect(PlacementPromise.state(of: s, at: at(100), atRiskSeconds: atRisk, policy: policy) == .none)
    }

    @Test("promiseHours is configuration: a 24-hour promise is broken at 25 h, a 48-hour one pending")
    func configurablePromiseHours() throws {
        var short = EmploymentPolicy()
        short.promiseHours = 24
        let s = try seeker()
        #expect(s.promiseDeadline(short) == at(24))
        #expect(PlacementPromise.state(of: s, at: at(25), atRiskSeconds: atRisk, policy: short) == .broken(secondsLate: 3600))
        #expect(PlacementPromise.state(of: s, at: at(25), atRiskSeconds: atRisk, policy: policy) == .pending(secondsLeft: 23 * 3600))
        let placed = try seeker(status: .placed, placedAfterHours: 30)
        #expect(PlacementPromise.state(of: placed, at: at(100), atRiskSeconds: atRisk, policy: short) == .broken(secondsLate: 6 * 3600))
        #expect(PlacementPromise.state(of: placed, at: at(100), atRiskSeconds: atRisk, policy: policy) == .kept)
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
