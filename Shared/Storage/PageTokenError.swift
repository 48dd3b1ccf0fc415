/// Why a client's `page_token` was rejected.
///
/// Every description starts with "invalid page_token" so that the client
/// sees which field to fix, whatever went wrong inside the token.
public enum PageTokenError: StatusCodeNamedError, Equatable {
    /// The token is not one this service issued (or has been altered).
    case invalid(reason: String)

    public var statusCodeName: String { "INVALID_ARGUMENT" }

    public var description: String {
        switch self {
        case .invalid(let reason): "invalid page_token: \(reason)"
        }
    }
}
