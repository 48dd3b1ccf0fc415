/// Well-known metadata keys of a frame, in one place so callers, broker and services agree.
public enum MetadataKey {
    /// `Bearer <token>`: who the caller is; checked by the broker.
    public static let authorization = "authorization"
    /// Makes a retried write do its work once.
    public static let idempotencyKey = "idempotency-key"
    /// Why personal data is read (recorded in the audit log).
    public static let purpose = "purpose"
    /// Correlates logs across hops.
    public static let requestID = "request-id"
    /// Set by the broker only: the authenticated principal.
    public static let principalID = "x-principal-id"
    /// Set by the broker only: comma-separated roles of the principal.
    public static let principalRoles = "x-principal-roles"
    /// Set by the broker only: comma-separated grid codes the principal may see.
    public static let gridScope = "x-grid-scope"

    /// Set by the broker only, on each call it forwards to a service: a handle for that call,
    /// valid while it is in flight on that service's link. A service that calls another office
    /// within the call sends it back as `on-behalf-of`, and the broker then decides the nested
    /// call on the original caller's rights (and records both).
    public static let callHandle = "x-call-handle"
    /// Sent by a service calling within a call it is handling: that call's `x-call-handle`.
    public static let onBehalfOf = "on-behalf-of"
    /// Set by the broker only, on a composed call: the service that made it for the principal.
    public static let via = "x-via"

    /// On a response from a service to its broker only: the resident ID numbers the call read or
    /// wrote (comma separated), for the audit log; the broker removes it before the caller sees it.
    public static let residents = "x-residents"
    /// On a response from a service to its broker only: `1` when the call read one of the office's
    /// most sensitive records outside the caller's normal scope on a stated purpose
    /// (break-the-glass). The broker marks the audit entry for review (`window audit review`) and
    /// removes the key before the caller sees it.
    public static let breakTheGlass = "x-break-the-glass"

    /// Keys only the broker may set; values a caller sends under them are overwritten.
    public static let brokerOwned: [String] = [principalID, principalRoles, gridScope]

    /// Whether `key` never leaves the broker as a caller sent it: the caller's credential, a
    /// composed call's handle, and the broker's own namespace (`x-…`), which the broker removes
    /// and then sets itself.
    public static func isBrokerOnly(_ key: String) -> Bool {
        key == authorization || key == onBehalfOf || key.hasPrefix("x-")
    }

    /// `metadata` without its broker-only keys (the same value when it has none).
    public static func withoutBrokerOnly(_ metadata: [String: String]) -> [String: String] {
        metadata.keys.contains(where: isBrokerOnly) ? metadata.filter { !isBrokerOnly($0.key) } : metadata
    }
}
