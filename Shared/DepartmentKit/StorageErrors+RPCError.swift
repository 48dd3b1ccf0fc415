import Storage
import WireProtocol

/// Storage's errors cross the wire with the status each one names, the error kept as the cause.
extension StatusCodeNamedError {
    public var rpcError: RPCError {
        RPCError(Wire.StatusCode(name: statusCodeName) ?? .internal, description, cause: self)
    }
}

extension PageSizeError: RPCErrorConvertible {}
extension PageTokenError: RPCErrorConvertible {}
extension IdempotencyError: RPCErrorConvertible {}
extension MigrationError: RPCErrorConvertible {}
extension ServiceDatabaseError: RPCErrorConvertible {}
