import Domain
import WireRuntime

/// What each role sees of the office's records — the office's one table of role × field,
/// applied wherever a record is rendered. Supervision cases are a field of their own: a role
/// without it may not read a case at all (PERMISSION_DENIED), whatever the broker let through.
struct SecurityVisibility: Sendable, Equatable {
    /// A personal field, or a kind of record read as a whole.
    enum Field: Sendable, Hashable, CaseIterable {
        case idNumber, name, phone
        /// Resettlement and community-correction cases (安置帮教, 社区矫正), read in full.
        case supervisionCases
    }

    /// role → the fields it sees in full. Security staff alone read supervision cases.
    static let table: [String: Set<Field>] = [
        "security": [.idNumber, .name, .phone, .supervisionCases],
        "admin": [.idNumber, .name, .phone],
    ]

    let fields: Set<Field>

    init(_ principal: Principal) {
        fields = principal.roles.reduce(into: Set<Field>()) { fields, role in fields.formUnion(Self.table[role] ?? []) }
    }

    func shows(_ field: Field) -> Bool { fields.contains(field) }

    /// An ID number as this caller may see it.
    func idNumber(_ number: ResidentIdentityNumber) -> String { shows(.idNumber) ? number.rawValue : number.masked }

    /// A person's name as this caller may see it.
    func name(_ name: String) -> String { shows(.name) || name.isEmpty ? name : Masking.maskName(name) }

    /// A phone number as this caller may see it.
    func phone(_ phone: String) -> String { shows(.phone) || phone.isEmpty ? phone : Masking.maskPhone(phone) }
}
