import Foundation

/// Care doorbells (爱心门铃) and volunteers (志愿者): when an alarm is escalated, and how a
/// community's volunteers compare with the 1% target.
package enum CareRules {
    /// An alarm raised at `raisedAt` is escalated when it was not acknowledged within
    /// `minutes` (still open past that time, or acknowledged late).
    package static func isEscalated(raisedAt: Date, acknowledgedAt: Date?, now: Date, minutes: Int) -> Bool {
        let deadline = raisedAt.addingTimeInterval(Double(minutes) * 60)
        return (acknowledgedAt ?? now) > deadline
    }

    /// Volunteers per 10,000 residents, rounded down (0 for a community with no population).
    package static func perTenThousand(volunteers: Int, population: Int) -> Int {
        population > 0 ? volunteers * 10_000 / population : 0
    }

    /// Whether `volunteers` reach `target` per 10,000 of `population` (compared exactly, not rounded).
    package static func meetsTarget(volunteers: Int, population: Int, targetPerTenThousand: Int) -> Bool {
        population > 0 && volunteers * 10_000 >= population * targetPerTenThousand
    }
}

/// Why a care or volunteer step is refused.
package enum CareRefusal: Error, Sendable, Equatable {
    /// The home has no care doorbell.
    case noDoorbell
    /// The alarm was acknowledged already.
    case alreadyAcknowledged
    /// The resident is registered in that group already (ALREADY_EXISTS).
    case alreadyRegistered(field: String)
    /// The volunteer and household are paired already.
    case alreadyPaired
    /// The volunteer belongs to another community than the household.
    case otherCommunity
}
