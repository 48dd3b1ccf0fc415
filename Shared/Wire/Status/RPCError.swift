/// The one error type that crosses the wire: a status code, a message for humans, and for
/// INVALID_ARGUMENT the violated fields. Handlers throw it (or an `RPCErrorConvertible`);
/// clients catch it.
public struct RPCError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: StatusCode
    public var message: String
    public var violations: [FieldViolation]

    public init(_ code: StatusCode, _ message: String, violations: [FieldViolation] = []) {
        self.code = code
        self.message = message
        self.violations = violations
    }

    public init(status: Status) {
        self.init(status.code, status.message, violations: status.violations)
    }

    public var status: Status { Status(code: code, message: message, violations: violations) }

    public var description: String {
        var text = "\(code.name): \(message)"
        for violation in violations {
            text += "\n  \(violation.field): \(violation.description)"
        }
        return text
    }

    /// INVALID_ARGUMENT for one field.
    public static func invalidArgument(field: String, _ description: String) -> RPCError {
        RPCError(.invalidArgument, "\(field): \(description)", violations: [FieldViolation(field: field, description: description)])
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
            return RPCError(.resourceExhausted, description)
        case .unknownType:
            return RPCError(.internal, description)
        case .malformed, .invalidString, .invalidValue:
            if let field {
                return RPCError(.invalidArgument, description, violations: [FieldViolation(field: field, description: message)])
            }
            return RPCError(.invalidArgument, description)
        }
    }
}
