import Domain
import EmploymentContract

/// Why the office refuses to register or change a job seeker (求职登记), with the facts.
public enum JobSeekerRefusal: Error, Sendable, Equatable {
    /// The resident has a spell of unemployment open already (one open spell per resident).
    case alreadyRegistered
    /// The resident is not of working age today.
    case outsideWorkingAge(age: Int, minimum: Int, retirement: Int)
    /// The new grid lies outside the seeker's community (a seeker moves community by registering anew).
    case gridOutsideCommunity(grid: GridCode, community: CommunityCode)
    /// The latest spell has ended; the record is closed to changes until the resident registers again.
    case withdrawn
    /// Only a waiting seeker can withdraw.
    case notWaiting(Employment.SeekerStatus)
}
