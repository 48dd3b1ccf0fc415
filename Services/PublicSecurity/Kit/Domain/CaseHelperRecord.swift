import Domain
import SecurityContract

/// A helper assigned to a case (帮教小组成员: the officer, the grid worker, a social worker, a
/// volunteer, family).
public struct CaseHelperRecord: Sendable, Equatable {
    public var id: Int64
    public var caseID: Int64
    public var name: String
    public var role: Security.HelperRole
    public var phone: String
    public var assignedOn: LocalDate

    public init(id: Int64, caseID: Int64, name: String, role: Security.HelperRole, phone: String, assignedOn: LocalDate) {
        self.id = id
        self.caseID = caseID
        self.name = name
        self.role = role
        self.phone = phone
        self.assignedOn = assignedOn
    }
}
