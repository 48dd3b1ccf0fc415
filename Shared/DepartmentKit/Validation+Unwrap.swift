import WireProtocol

extension Validation {
    /// The value a validating parser returned, as a non-optional once the request has passed.
    ///
    /// Every parser here (`entityID`, `community`, `date`, …) records a violation whenever it
    /// returns nil, so after `finish()` the value is there. Called before `finish()`, it finishes
    /// first (every violation so far, INVALID_ARGUMENT). A nil with no violation is a bug in a
    /// parser: INTERNAL naming the field, never a crash.
    ///
    /// ```swift
    /// let seeker = validation.entityID(request.seekerId, .jobSeeker, field: "seeker_id")
    /// try validation.finish()
    /// self.seeker = try validation.unwrap(seeker, field: "seeker_id")
    /// ```
    public func unwrap<Value>(_ value: Value?, field: String) throws(RPCError) -> Value {
        if let value { return value }
        try finish()
        throw RPCError(.internal, "internal error: \(field) passed validation without a value", cause: UnvalidatedField(field: field))
    }
}

/// The cause of the INTERNAL error `Validation.unwrap` throws: a parser returned nil for `field`
/// without recording a violation.
public struct UnvalidatedField: Error, Sendable, Equatable, CustomStringConvertible {
    public let field: String

    public var description: String { "\(field) has no value although validation recorded no violation" }
}
