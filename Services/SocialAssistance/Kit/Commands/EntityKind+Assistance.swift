import DepartmentKit

/// The office's public ids: "H12" a household, "C7" a case, "O3" an objection, "Y9" a payment.
extension EntityKind {
    static let household = EntityKind(prefix: "H", noun: "household")
    static let allowanceCase = EntityKind(prefix: "C", noun: "case")
    static let objection = EntityKind(prefix: "O", noun: "objection")
    static let payment = EntityKind(prefix: "Y", noun: "payment")
}
