/// An error that names the RPC status code it should be reported with.
///
/// Storage does not know about the wire protocol; it exists so that the layer
/// which does can map every Storage error with one cast instead of a switch
/// over each error type.
public protocol StatusCodeNamedError: Error, CustomStringConvertible, Sendable {
    /// The canonical status code name, for example "INVALID_ARGUMENT" or
    /// "FAILED_PRECONDITION".
    var statusCodeName: String { get }
}
