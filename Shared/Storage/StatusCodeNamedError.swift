/// A Storage error that names the gRPC status it should be reported with ("INVALID_ARGUMENT",
/// "FAILED_PRECONDITION", …). Storage knows nothing of the wire; DepartmentKit turns these into
/// `RPCError`s, so a handler can let them propagate and the caller gets the right code.
public protocol StatusCodeNamedError: Error, CustomStringConvertible, Sendable {
    /// The canonical status code name, for example "INVALID_ARGUMENT" or "FAILED_PRECONDITION".
    var statusCodeName: String { get }
}
