/// Why a client's `page_size` was rejected.
public enum PageSizeError: StatusCodeNamedError, Equatable {
    /// A negative size; zero means "the default" and large sizes are clamped,
    /// but a negative one is certainly a client bug.
    case negative(Int)

    public var statusCodeName: String { "INVALID_ARGUMENT" }

    public var description: String {
        switch self {
        case .negative(let value): "invalid page_size: must not be negative, got \(value)"
        }
    }
}
