import WireProtocol

extension RPCError {
    /// A refusal of a valid request by the office's rules (FAILED_PRECONDITION, ALREADY_EXISTS, …)
    /// naming one field; `cause` is the domain error it was converted from.
    ///
    /// Domain errors stay plain Swift; their `RPCErrorConvertible` conformance, in the office's
    /// handler layer, is where they meet the wire:
    ///
    /// ```swift
    /// extension TrainingRefusal: RPCErrorConvertible {
    ///     var rpcError: RPCError {
    ///         switch self {
    ///         case .alreadyEnrolled:
    ///             RPCError(refusing: .alreadyExists, "the seeker is already enrolled in this course",
    ///                      field: "seeker_id", "already enrolled", cause: self)
    ///         …
    /// ```
    public init(refusing code: Wire.StatusCode, _ message: String, field: String, _ description: String, cause: (any Error & Sendable)? = nil) {
        self.init(code, message, violations: [Wire.FieldViolation(field: field, description: description)], cause: cause)
    }

    /// A refusal for several reasons at once: the message lists every violation
    /// ("seeker_id: …; vacancy_id: …").
    public init(refusing code: Wire.StatusCode, violations: [Wire.FieldViolation], cause: (any Error & Sendable)? = nil) {
        self.init(code, violations.map { "\($0.field): \($0.description)" }.joined(separator: "; "), violations: violations, cause: cause)
    }
}
