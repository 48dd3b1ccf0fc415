/// The outcome of a call as carried in a RESPONSE or ERROR frame (`wire.Status`).
public struct Status: ProtoMessage, Equatable {
    public static let protoName = "wire.Status"
    public var code: StatusCode
    public var message: String
    public var violations: [FieldViolation]

    public init(code: StatusCode, message: String = "", violations: [FieldViolation] = []) {
        self.code = code
        self.message = message
        self.violations = violations
    }

    public static let ok = Status(code: .ok)
}
