/// Collects every problem with a request before anything is written, so a clerk sees all bad
/// fields at once and the service answers INVALID_ARGUMENT naming each of them.
///
/// ```swift
/// var validation = Validation()
/// validation.require(!request.name.isEmpty, field: "name", "must not be empty")
/// let id = validation.parse("id_number") { try ResidentIdentityNumber(request.idNumber) }
/// try validation.finish()
/// ```
public struct Validation: Sendable {
    public private(set) var violations: [Wire.FieldViolation] = []

    public init() {}

    /// Records a violation of `field` unless `condition` holds.
    public mutating func require(_ condition: Bool, field: String, _ description: @autoclosure () -> String) {
        if !condition { violations.append(Wire.FieldViolation(field: field, description: description())) }
    }

    /// Records a violation of `field`.
    public mutating func fail(field: String, _ description: String) {
        violations.append(Wire.FieldViolation(field: field, description: description))
    }

    /// Runs a parser; a thrown error becomes a violation of `field` (with the error's description)
    /// and the result is nil.
    public mutating func parse<T>(_ field: String, _ parser: () throws -> T) -> T? {
        do {
            return try parser()
        } catch {
            violations.append(Wire.FieldViolation(field: field, description: "\(error)"))
            return nil
        }
    }

    /// Checks a string's length in characters.
    public mutating func length(_ value: String, field: String, within range: ClosedRange<Int>) {
        let count = value.count
        if !range.contains(count) {
            fail(
                field: field,
                range.lowerBound == 1 && count == 0
                    ? "must not be empty" : "must be \(range.lowerBound)…\(range.upperBound) characters long (is \(count))")
        }
    }

    public var isValid: Bool { violations.isEmpty }

    /// Throws INVALID_ARGUMENT listing every violation, if there are any.
    public func finish() throws(RPCError) {
        guard violations.isEmpty else {
            let summary = violations.map { "\($0.field): \($0.description)" }.joined(separator: "; ")
            throw RPCError(.invalidArgument, summary, violations: violations)
        }
    }
}
