/// Why an idempotent write was rejected.
public enum IdempotencyError: StatusCodeNamedError, Equatable {
    /// The key is too long, or contains characters other than printable ASCII.
    case invalidKey(String)

    /// The scope is empty; a programming error in the calling service.
    case invalidScope(String)

    /// The principal is empty; a programming error in the calling service (a caller the broker
    /// did not name is "anonymous", a principal too).
    case invalidPrincipal(String)

    /// The key was already used, by this principal in this scope, for a request with different
    /// content. Replaying the old reply would answer a question that was not asked, and running
    /// the new request would break the key's promise, so the client must pick a new key.
    case keyReusedWithDifferentRequest(scope: String, key: String)

    /// The key was used in this scope before the service kept keys per principal, and is not
    /// purged yet. Its reply was stored for whoever called then and is gone; running the work
    /// again could do it twice. The client looks the record up and picks a new key.
    case keyUsedBeforePrincipalScoping(scope: String, key: String)

    public var statusCodeName: String {
        switch self {
        case .invalidKey: "INVALID_ARGUMENT"
        case .invalidScope, .invalidPrincipal: "INTERNAL"
        // Retrying the same call can never succeed: the stored request differs.
        case .keyReusedWithDifferentRequest: "FAILED_PRECONDITION"
        // Retrying cannot succeed either until the key is purged; a new key can.
        case .keyUsedBeforePrincipalScoping: "FAILED_PRECONDITION"
        }
    }

    public var description: String {
        switch self {
        case .invalidKey(let reason):
            "invalid idempotency key: \(reason)"
        case .invalidScope(let reason):
            "invalid idempotency scope: \(reason)"
        case .invalidPrincipal(let reason):
            "invalid idempotency principal: \(reason)"
        case .keyReusedWithDifferentRequest(let scope, let key):
            "idempotency key \"\(key)\" was already used for a different \(scope) request; use a new key"
        case .keyUsedBeforePrincipalScoping(let scope, let key):
            "idempotency key \"\(key)\" was used for a \(scope) request before this service kept keys per caller, "
                + "and its reply cannot be replayed; look the record up, and use a new key for a new request"
        }
    }
}
