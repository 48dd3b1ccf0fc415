import Domain
import Foundation

/// How a spell's promise is set and decided. Kept or broken is decided by the first working day
/// of the work (上岗), not by when a clerk typed the placement in.
public enum PromiseRules {
    /// The deadline of a promise made at `openedAt`: clock hours, or working hours (time on
    /// Saturdays and Sundays not counted) when the policy says so.
    public static func deadline(openedAt: Date, policy: EmploymentPolicy) -> Date {
        switch policy.promiseClock {
        case .clockHours: return openedAt.addingTimeInterval(TimeInterval(policy.promiseHours * 3600))
        case .workingHours: return openedAt.addingWorkingHours(policy.promiseHours)
        }
    }

    /// The outcome of an open promise whose seeker starts work on `startDate`: kept when the
    /// work starts on or before the deadline's day.
    public static func onPlacement(deadline: Date, startDate: LocalDate) -> PromiseOutcome {
        startDate <= LocalDate(deadline) ? .kept : .broken
    }

    /// The outcome of an open promise whose spell ends at `now` without a placement.
    public static func onWithdrawal(deadline: Date, now: Date) -> PromiseOutcome {
        now > deadline ? .broken : .lapsed
    }

    /// Whole hours, rounded away from zero for a broken promise: 10 minutes late is -1 hour,
    /// never 0.
    public static func hoursLeft(secondsLeft: Int64) -> Int64 {
        secondsLeft >= 0 ? secondsLeft / 3600 : -((-secondsLeft + 3599) / 3600)
    }
}
