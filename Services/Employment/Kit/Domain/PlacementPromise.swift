import EmploymentContract
import Foundation

/// Where a seeker's 48-hour promise (不挑不拣保你48小时上岗) stands at a moment.
public enum PlacementPromise: Sendable, Equatable {
    /// The seeker did not accept the promise, or withdrew.
    case none
    /// Waiting, with more than the at-risk margin left.
    case pending(secondsLeft: Int64)
    /// Waiting, with less than the at-risk margin left.
    case atRisk(secondsLeft: Int64)
    /// Placed before the deadline.
    case kept
    /// Not placed by the deadline (still waiting, or placed late).
    case broken(secondsLate: Int64)

    public static func state(of seeker: JobSeekerRecord, at now: Date, atRiskSeconds: Int64, policy: EmploymentPolicy) -> PlacementPromise {
        guard let deadline = seeker.promiseDeadline(policy) else { return .none }
        switch seeker.status {
        case .placed:
            guard let placedAt = seeker.placedAt else { return .none }
            return placedAt <= deadline ? .kept : .broken(secondsLate: Int64(placedAt.timeIntervalSince(deadline)))
        case .waiting:
            let left = Int64(deadline.timeIntervalSince(now).rounded(.down))
            if left < 0 { return .broken(secondsLate: -left) }
            return left < atRiskSeconds ? .atRisk(secondsLeft: left) : .pending(secondsLeft: left)
        case .withdrawn, .unspecified:
            return .none
        }
    }
}
