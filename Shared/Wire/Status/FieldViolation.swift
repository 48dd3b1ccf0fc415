/// One bad field of a request, reported with INVALID_ARGUMENT so a clerk's screen or an
/// integrator's code can point at the exact field.
public struct FieldViolation: ProtoMessage, Equatable, Hashable {
    public static let protoName = "wire.FieldViolation"
    /// Path of the field in the request, e.g. `seeker.id_number`.
    public var field: String
    public var description: String

    public init(field: String, description: String) {
        self.field = field
        self.description = description
    }
}
