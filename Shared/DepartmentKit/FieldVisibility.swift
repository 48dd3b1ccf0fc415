import WireRuntime

/// Which personal fields of a record a caller sees, from one role × field table per office: the
/// union of what the caller's roles are granted. A role not in the table sees none of them.
/// Applied where replies are rendered, so every reply of a record obeys the same table.
///
/// ```swift
/// enum RecordField: Hashable, Sendable { case idNumber, conditions }
/// let table: [String: Set<RecordField>] = ["health": [.idNumber, .conditions]]
/// let visibility = FieldVisibility(context.principal, table: table)
/// visibility.shows(.conditions)
/// ```
public struct FieldVisibility<Field: Hashable & Sendable>: Sendable, Equatable {
    public let fields: Set<Field>

    public init(_ principal: Principal, table: [String: Set<Field>]) {
        fields = principal.roles.reduce(into: Set<Field>()) { fields, role in fields.formUnion(table[role] ?? []) }
    }

    public func shows(_ field: Field) -> Bool { fields.contains(field) }
}
