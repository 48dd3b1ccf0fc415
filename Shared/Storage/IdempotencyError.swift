/// Why an idempotent write was rejected.
public enum IdempotencyError: StatusCodeNamedError, Equatable {
    /// The key is too long, or contains characters other than printable ASCII.
    case invalidKey(String)

    /// The scope is empty; a programming error in the calling service.
    case invalidScope(String)

    /// The key was already used, in this scope, for a request with different
    /// content. Replaying the old reply would answer a question that was not
    /// asked, and running the new request would break the key's promise, so
    /// the client must pick a new key.
    case keyReusedWithDifferentRequest(scope: String, key: String)

    public var statusCodeName: String {
        switch self {
        case .invalidKey: "INVALID_ARGUMENT"
        case .invalidScope: "INTERNAL"
        // Retrying the same call can never succeed: the stored request differs.
        case .keyReusedWithDifferentRequest: "FAILED_PRECONDITION"
        }
    }

    public var description: String {
        switch self {
        case .invalidKey(let reason):
            "invalid idempotency key: \(reason)"
        case .invalidScope(let reason):
            "invalid idempotency scope: \(reason)"
        case .keyReusedWithDifferentRequest(let scope, let key):
            "idempotency key \"\(key)\" was already used for a different \(scope) request; use a new key"
        }
    }
}
