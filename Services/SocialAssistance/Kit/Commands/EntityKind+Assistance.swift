import DepartmentKit

/// The office's public ids: "H12" a household, "C7" a case, "O3" an objection, "Y9" a payment,
/// "G4" a grant, "S5" a special-care registration, "A6" an alarm, "V2" a volunteer, "P8" a
/// pairing, "W1" a visit.
extension EntityKind {
    static let household = EntityKind(prefix: "H", noun: "household")
    static let allowanceCase = EntityKind(prefix: "C", noun: "case")
    static let objection = EntityKind(prefix: "O", noun: "objection")
    static let payment = EntityKind(prefix: "Y", noun: "payment")
    static let grant = EntityKind(prefix: "G", noun: "grant")
    static let specialCare = EntityKind(prefix: "S", noun: "special-care registration")
    static let alarm = EntityKind(prefix: "A", noun: "alarm")
    static let volunteer = EntityKind(prefix: "V", noun: "volunteer")
    static let pairing = EntityKind(prefix: "P", noun: "pairing")
    static let visit = EntityKind(prefix: "W", noun: "visit")
}
