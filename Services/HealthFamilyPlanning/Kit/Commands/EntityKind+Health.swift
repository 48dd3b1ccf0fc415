import DepartmentKit

/// The office's public ids: "H42" a health record, "C7" a chronic disease enrolment, "F3" a
/// follow-up, "B5" a home sickbed, "P4" a family-planning file, "N2" a birth, "D9" a
/// contraceptive distribution, "E3" a service event, "K2" a facility.
extension EntityKind {
    static let healthRecord = EntityKind(prefix: "H", noun: "health record")
    static let enrolment = EntityKind(prefix: "C", noun: "chronic disease enrolment")
    static let followUp = EntityKind(prefix: "F", noun: "follow-up")
    static let sickbed = EntityKind(prefix: "B", noun: "home sickbed")
    static let familyPlanningFile = EntityKind(prefix: "P", noun: "family-planning file")
    static let birth = EntityKind(prefix: "N", noun: "birth")
    static let distribution = EntityKind(prefix: "D", noun: "contraceptive distribution")
    static let serviceEvent = EntityKind(prefix: "E", noun: "service event")
    static let facility = EntityKind(prefix: "K", noun: "facility")
}
