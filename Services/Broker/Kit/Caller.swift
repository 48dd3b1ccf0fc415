import WireProtocol

/// Who sent a request, as the broker authenticated them: what access is decided on, and the
/// metadata the broker appends to the forwarded request (which no caller can set itself).
///
/// A class, not a struct: every call in flight holds its caller, and a call is stored, looked up
/// and recorded several times on the event loop — one reference to count instead of six.
final class Caller: Sendable {
    /// The person (or system) whose rights the call is decided on.
    let id: String
    let roles: Set<String>
    /// ``roles`` as the audit log keeps them, computed once: every call of the caller is recorded.
    let auditRoles: AuditRoles
    let gridScope: [String]
    /// For a composed call: the service that makes it on `id`'s behalf (empty otherwise).
    let via: String
    /// `x-principal-id`, `x-principal-roles`, `x-grid-scope` (and `x-via`), appended to every
    /// forwarded request.
    let metadata: [(String, String)]
    /// Bytes the appended metadata adds to a forwarded frame (an upper bound).
    let metadataBytes: Int

    init(id: String, roles: Set<String>, gridScope: [String], via: String = "") {
        self.id = id
        self.roles = roles
        self.auditRoles = AuditRoles(roles)
        self.gridScope = gridScope
        self.via = via
        var metadata = [
            (MetadataKey.principalID, id), (MetadataKey.principalRoles, roles.sorted().joined(separator: ",")),
            (MetadataKey.gridScope, gridScope.joined(separator: ",")),
        ]
        if !via.isEmpty { metadata.append((MetadataKey.via, via)) }
        self.metadata = metadata
        self.metadataBytes = metadata.reduce(0) { $0 + $1.0.utf8.count + $1.1.utf8.count + 12 }
    }

    /// The same person, acting through `service` (a composed call).
    func acting(through service: String) -> Caller {
        Caller(id: id, roles: roles, gridScope: gridScope, via: service)
    }

    /// An unauthenticated liveness probe (window.Health only).
    static let probe = Caller(id: "probe", roles: [], gridScope: [])
}
