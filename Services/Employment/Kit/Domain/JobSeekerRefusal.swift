import Domain
import EmploymentContract

/// Why the office refuses to register or change a job seeker (求职登记), with the facts.
public enum JobSeekerRefusal: Error, Sendable, Equatable {
    /// The resident already holds a registration (one per resident).
    case alreadyRegistered
    /// The new grid lies outside the seeker's community (a seeker moves community by registering anew).
    case gridOutsideCommunity(grid: GridCode, community: CommunityCode)
    /// The registration was withdrawn; it is closed to changes.
    case withdrawn
    /// Only a waiting seeker can withdraw.
    case notWaiting(Employment.SeekerStatus)
}
