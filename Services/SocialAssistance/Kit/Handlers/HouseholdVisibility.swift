import WireRuntime

/// Which personal fields of a household, its cases and grants, and of the residents in special
/// groups and volunteers, each role sees — the office's one table of
/// role × field, applied wherever a household or case is rendered. Household means are
/// sensitive: only the office's own staff see incomes and health; the window clerk who takes
/// applications sees who and where; a grid worker, who visits, sees names and addresses; every
/// other role sees all of these masked or withheld.
struct HouseholdVisibility: Sendable, Equatable {
    /// A personal field of `assistance.Household`, `Member`, `AllowanceCase`, `Grant`, `SpecialCare`,
    /// `DoorbellAlarm` or `Volunteer`.
    enum Field: Sendable, Hashable, CaseIterable {
        /// Members' ID numbers (masked otherwise).
        case idNumber
        /// Members' names (masked otherwise).
        case name
        /// The address (masked otherwise).
        case address
        /// Incomes, per-capita income, amounts (of allowances and grants), standard, serious
        /// illness, the care received (withheld otherwise).
        case means
    }

    /// role → the fields it sees in full.
    static let table: [String: Set<Field>] = [
        "assistance": [.idNumber, .name, .address, .means],
        "clerk": [.idNumber, .name, .address],
        "grid-worker": [.name, .address],
        "admin": [.idNumber, .name, .address],
    ]

    let fields: Set<Field>

    init(_ principal: Principal) {
        fields = principal.roles.reduce(into: Set<Field>()) { fields, role in fields.formUnion(Self.table[role] ?? []) }
    }

    func shows(_ field: Field) -> Bool { fields.contains(field) }
}
