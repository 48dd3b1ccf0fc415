/// The one error type that crosses the wire: a status code, a message for humans, for
/// INVALID_ARGUMENT the violated fields, and (never sent) the underlying error that caused it.
/// Handlers throw it or an `RPCErrorConvertible`; clients catch it.
public struct RPCError: Error, Sendable, CustomStringConvertible {
    public var code: Wire.StatusCode
    public var message: String
    public var violations: [Wire.FieldViolation]
    /// What went wrong underneath (a storage or domain error), for logs; not sent to the caller,
    /// whose status carries only `code`, `message` and `violations`.
    public var cause: (any Error & Sendable)?

    public init(_ code: Wire.StatusCode, _ message: String, violations: [Wire.FieldViolation] = [], cause: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.violations = violations
        self.cause = cause
    }

    public init(status: Wire.Status) {
        self.init(status.code, status.message, violations: status.violations)
    }

    public var status: Wire.Status { Wire.Status(code: code, message: message, violations: violations) }

    public var description: String {
        var text = "\(code.name): \(message)"
        for violation in violations {
            text += "\n  \(violation.field): \(violation.description)"
        }
        return text
    }

    /// INVALID_ARGUMENT for one field.
    public static func invalidArgument(field: String, _ description: String) -> RPCError {
        RPCError(.invalidArgument, "\(field): \(description)", violations: [Wire.FieldViolation(field: field, description: description)])
    }
}

extension RPCError: Equatable {
    /// Equal when what the caller sees is equal (the cause is not compared).
    public static func == (lhs: RPCError, rhs: RPCError) -> Bool {
        lhs.code == rhs.code && lhs.message == rhs.message && lhs.violations == rhs.violations
    }
}

/// An error that knows which status it becomes on the wire (as in grpc-swift's
/// `RPCErrorConvertible`); the service runtime uses it for errors thrown by handlers.
public protocol RPCErrorConvertible: Error {
    var rpcError: RPCError { get }
}

extension RPCError: RPCErrorConvertible {
    public var rpcError: RPCError { self }
}

extension ProtoCodecError: RPCErrorConvertible {
    public var rpcError: RPCError {
        switch kind {
        case .tooLarge:
            return RPCError(.resourceExhausted, description, cause: self)
        case .unknownType:
            return RPCError(.internal, description, cause: self)
        case .malformed, .invalidString, .invalidValue:
            if let field {
                return RPCError(.invalidArgument, description, violations: [Wire.FieldViolation(field: field, description: message)], cause: self)
            }
            return RPCError(.invalidArgument, description, cause: self)
        }
    }
}
