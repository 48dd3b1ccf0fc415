import EmploymentContract
import Foundation

/// Where a seeker's 48-hour promise (不挑不拣保你48小时上岗) stands at a moment: the outcome stored
/// with the spell once decided, or — while the seeker waits — how much time is left.
public enum PlacementPromise: Sendable, Equatable {
    /// The seeker did not accept the promise.
    case none
    /// Waiting, with more than the at-risk margin left.
    case pending(secondsLeft: Int64)
    /// Waiting, with less than the at-risk margin left.
    case atRisk(secondsLeft: Int64)
    /// The work started by the deadline.
    case kept
    /// Past the deadline without work (`secondsLate` while still waiting; 0 once the spell ended).
    case broken(secondsLate: Int64)
    /// The seeker refused enough suitable offers: the office is released from the promise.
    case released
    /// The spell ended without work before the deadline.
    case lapsed

    public static func state(of seeker: JobSeekerRecord, at now: Date, atRiskSeconds: Int64) -> PlacementPromise {
        guard let deadline = seeker.promiseDeadline else { return .none }
        switch seeker.spell.promise {
        case .none: return .none
        case .kept: return .kept
        case .broken: return .broken(secondsLate: 0)
        case .released: return .released
        case .lapsed: return .lapsed
        case .open:
            let left = Int64(deadline.timeIntervalSince(now).rounded(.down))
            if left < 0 { return .broken(secondsLate: -left) }
            return left < atRiskSeconds ? .atRisk(secondsLeft: left) : .pending(secondsLeft: left)
        }
    }
}
