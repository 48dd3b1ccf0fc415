import AssistanceContract
import Domain

/// A present member of a household (家庭成员) as the office keeps it.
package struct MemberRecord: Sendable, Equatable {
    package var idNumber: ResidentIdentityNumber
    package var name: String
    package var relation: String
    package var monthlyIncome: Fen
    package var workCapacity: Assistance.WorkCapacity
    package var seriousIllness: Bool
    package var isHead: Bool

    package init(
        idNumber: ResidentIdentityNumber, name: String, relation: String, monthlyIncome: Fen, workCapacity: Assistance.WorkCapacity,
        seriousIllness: Bool, isHead: Bool
    ) {
        self.idNumber = idNumber
        self.name = name
        self.relation = relation
        self.monthlyIncome = monthlyIncome
        self.workCapacity = workCapacity
        self.seriousIllness = seriousIllness
        self.isHead = isHead
    }
}
