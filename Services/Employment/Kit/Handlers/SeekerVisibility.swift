import WireRuntime

/// Which personal fields of a job seeker each role sees unmasked — the office's one table of
/// role × field, applied wherever a seeker is rendered (`JobSeekerRecord.message`). A role not
/// in the table sees every one of these fields masked; the other fields are not personal.
struct SeekerVisibility: Sendable, Equatable {
    /// A personal field of `employment.JobSeeker`.
    enum Field: Sendable, Hashable, CaseIterable {
        case idNumber, name, phone
    }

    /// role → the fields it sees in full.
    static let table: [String: Set<Field>] = [
        "employment": [.idNumber, .name, .phone],
        "admin": [.idNumber, .name, .phone],
    ]

    let fields: Set<Field>

    init(_ principal: Principal) {
        fields = principal.roles.reduce(into: Set<Field>()) { fields, role in fields.formUnion(Self.table[role] ?? []) }
    }

    func shows(_ field: Field) -> Bool { fields.contains(field) }
}
