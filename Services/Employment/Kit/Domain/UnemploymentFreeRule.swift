import Domain
import EmploymentContract
import Foundation

/// "Unemployment-free community" (无待业社区): no registered seeker who wants work has been left
/// waiting longer than the policy's number of days. Days are calendar days in Asia/Shanghai.
public enum UnemploymentFreeRule {
    public struct Verdict: Sendable, Equatable {
        public let unemploymentFree: Bool
        public let longestWaitDays: Int
    }

    /// - Parameter waitingSince: registration times of the seekers still waiting.
    public static func evaluate(waitingSince: [Date], now: Date, policy: EmploymentPolicy) -> Verdict {
        let today = LocalDate(now)
        let longest = waitingSince.map { max(0, today.days(from: LocalDate($0))) }.max() ?? 0
        return Verdict(unemploymentFree: longest <= policy.unemploymentFreeDays, longestWaitDays: longest)
    }
}
