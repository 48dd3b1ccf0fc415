import Domain
import EmploymentContract

/// Why a placement (上岗) is not recorded, with the facts a clerk is told. The rules report every
/// reason at once; the write transaction may still lose the last position to a concurrent placement.
public enum PlacementRefusal: Error, Sendable, Equatable {
    /// What `PlacementRules` found against this seeker and vacancy, in the order checked.
    case refused([Reason])
    /// The start date lies before the spell opened or more than the policy's days ahead.
    case startDateOutOfRange(earliest: LocalDate, latest: LocalDate)
    /// The rules passed, but a concurrent placement took the vacancy's last position first.
    case lastPositionTaken

    /// One reason the rules refuse a placement.
    public enum Reason: Sendable, Equatable {
        case seekerAlreadyPlaced
        case seekerWithdrawn
        /// Every position is taken (`positions` of them).
        case vacancyFilled(positions: Int)
        case vacancyClosed
        /// A public-welfare post (公益性岗位) and a seeker outside the hardship groups.
        /// A public-welfare post (公益性岗位) and a seeker without a recognition of employment difficulty.
        case reservedForHardship(seekerCategory: Employment.SeekerCategory)

    }
}
