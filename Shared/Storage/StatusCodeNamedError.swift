import Wire

/// A Storage error that names the RPC status it is reported with, so a handler can let it
/// propagate and the service runtime answers with the right code (via `RPCErrorConvertible`).
public protocol StatusCodeNamedError: RPCErrorConvertible, CustomStringConvertible, Sendable {
    /// The canonical status code name, for example "INVALID_ARGUMENT" or "FAILED_PRECONDITION".
    var statusCodeName: String { get }
}

extension StatusCodeNamedError {
    public var rpcError: RPCError {
        RPCError(StatusCode(name: statusCodeName) ?? .internal, description)
    }
}
