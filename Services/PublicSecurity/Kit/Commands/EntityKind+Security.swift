import DepartmentKit

/// The office's public ids: "K7" a supervision case, "A12" a helper, "C31" a check-in.
extension EntityKind {
    static let supervisionCase = EntityKind(prefix: "K", noun: "case")
    static let caseHelper = EntityKind(prefix: "A", noun: "helper")
    static let checkIn = EntityKind(prefix: "C", noun: "check-in")
}
