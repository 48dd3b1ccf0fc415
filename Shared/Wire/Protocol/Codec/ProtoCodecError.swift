/// Why bytes could not be decoded into a message, or a value encoded into one.
///
/// Crosses the wire as INVALID_ARGUMENT (bad request bytes or values) or RESOURCE_EXHAUSTED
/// (decoding would need more memory than allowed); see `RPCError.init(_:ProtoCodecError)`.
public struct ProtoCodecError: Error, Sendable, CustomStringConvertible, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Not a valid protobuf encoding of the message.
        case malformed
        /// A string field that is not UTF-8 or contains a NUL byte.
        case invalidString
        /// Decoding would allocate more than the configured budget.
        case tooLarge
        /// A Swift or JSON value that does not fit the field (wrong type, out of range, unknown field).
        case invalidValue
        /// No message type of that name is compiled into this binary.
        case unknownType
    }

    public let kind: Kind
    /// Dotted path of the offending field, when known (e.g. `seeker.id_number`).
    public let field: String?
    public let message: String

    public init(_ kind: Kind, field: String? = nil, _ message: String) {
        self.kind = kind
        self.field = field
        self.message = message
    }

    public var description: String {
        if let field { return "\(field): \(message)" }
        return message
    }
}
