import DepartmentKit

/// The office's public ids: "K7" a supervision case, "A12" a helper, "C31" a check-in, "F12" a
/// floating-population registration, "R5" a rented dwelling, "D4" a dispute, "P3" a patrol, "I9" an incident,
/// "E2" an emergency plan.
extension EntityKind {
    static let supervisionCase = EntityKind(prefix: "K", noun: "case")
    static let caseHelper = EntityKind(prefix: "A", noun: "helper")
    static let checkIn = EntityKind(prefix: "C", noun: "check-in")
    static let floatingResident = EntityKind(prefix: "F", noun: "registration")
    static let rental = EntityKind(prefix: "R", noun: "rented dwelling")
    static let dispute = EntityKind(prefix: "D", noun: "dispute")
    static let patrol = EntityKind(prefix: "P", noun: "patrol")
    static let incident = EntityKind(prefix: "I", noun: "incident")
    static let emergencyPlan = EntityKind(prefix: "E", noun: "emergency plan")
}
