import Domain
import EmploymentContract
import Foundation

/// A vacancy (岗位) posted with the office.
public struct VacancyRecord: Sendable, Equatable {
    public var id: Int64
    public var kind: Employment.VacancyKind
    public var title: String
    public var employer: String
    public var community: CommunityCode
    public var positions: Int
    public var filled: Int
    public var requiredSkills: [String]
    public var wage: Fen
    public var location: String
    public var status: Employment.VacancyStatus
    public var postedAt: Date

    public var openPositions: Int { max(0, positions - filled) }
    public var isOpen: Bool { status == .open && openPositions > 0 }
}
