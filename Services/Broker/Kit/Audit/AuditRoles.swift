/// A caller's role names as an ``AuditRecord`` keeps them: sorted, without duplicates or empty
/// names, each bounded, joined by ",".
///
/// It exists because the broker records every call: a caller's roles are put in this form once,
/// when its connection is authenticated (``Caller``), instead of being collected into a set,
/// sorted and joined again for each call.
package struct AuditRoles: Sendable, Hashable {
    /// The names joined by ",".
    package let joined: String

    package init(_ names: some Sequence<String>) {
        joined = Set(names.lazy.filter { !$0.isEmpty }.map { AuditRecord.bounded($0, AuditRecord.maximumNameLength) }).sorted().joined(separator: ",")
    }
}
