import DepartmentKit
import Domain
import WireRuntime

/// The health office's one table of role × field: which sensitive fields of a health record, a
/// follow-up or an overdue entry each role sees — applied wherever they are rendered
/// (`ProtoMapping.swift`). Diagnoses, notes and measurements are for health staff alone; every
/// other caller learns whether a record exists and its priority flags (never hidden: they are how
/// the window and the grid serve priority groups first), with the ID number and name masked.
enum HealthField: Sendable, Hashable, CaseIterable {
    case idNumber, name, conditions, notes, measurements

    /// role → the fields it sees. Roles not listed (clerk, grid-worker, the other offices,
    /// auditor) see none of them.
    static let table: [String: Set<HealthField>] = [
        "health": Set(HealthField.allCases),
        "admin": [.idNumber, .name],
    ]
}

typealias HealthVisibility = FieldVisibility<HealthField>

extension FieldVisibility where Field == HealthField {
    init(health principal: Principal) {
        self.init(principal, table: HealthField.table)
    }

    /// Whether the caller sees clinical details, which makes a read outside their grids a
    /// break-the-glass read rather than a refused one.
    var seesClinicalDetails: Bool { shows(.conditions) }

    /// The ID number as the caller may see it: in full, or masked.
    func idNumber(_ number: ResidentIdentityNumber) -> String { shows(.idNumber) ? number.rawValue : number.masked }

    /// The name as the caller may see it: in full, or masked.
    func name(_ name: String) -> String { shows(.name) ? name : Masking.maskName(name) }
}
