import DepartmentKit

/// The office's public ids: "H42" a health record, "C7" a chronic disease enrolment, "F3" a
/// follow-up.
extension EntityKind {
    static let healthRecord = EntityKind(prefix: "H", noun: "health record")
    static let enrolment = EntityKind(prefix: "C", noun: "chronic disease enrolment")
    static let followUp = EntityKind(prefix: "F", noun: "follow-up")
}
