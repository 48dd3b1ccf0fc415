import Domain
import EmploymentContract
import Foundation

/// A registered job seeker (求职登记) as the office keeps it.
public struct JobSeekerRecord: Sendable, Equatable {
    public var id: Int64
    public var idNumber: ResidentIdentityNumber
    public var name: String
    public var community: CommunityCode
    public var grid: GridCode
    public var category: Employment.SeekerCategory
    public var skills: [String]
    public var wishes: String
    public var acceptsPromise: Bool
    public var status: Employment.SeekerStatus
    public var registeredAt: Date
    public var placedAt: Date?
    public var placedVacancyID: Int64?
    public var phone: String

    public var isHardship: Bool { category.isHardship }

    /// The end of the 48-hour promise, when the seeker accepted it.
    public func promiseDeadline(_ policy: EmploymentPolicy) -> Date? {
        acceptsPromise ? registeredAt.addingTimeInterval(TimeInterval(policy.promiseHours * 3600)) : nil
    }
}
