import WireProtocol

/// A protobuf message as plain Swift data, shaped by its `MessageSchema`.
///
/// The one representation every codec path goes through: protobuf-c fills it on decode and reads
/// it on encode (`ProtoCBridge`), Codable types map onto it (`ProtoEncoder`/`ProtoDecoder`) and
/// JSON maps onto it (`ProtoJSON`). Absent fields are `nil`; proto3 scalars equal to their
/// default are absent, as on the wire.
public struct DynamicMessage: Sendable, Equatable {
    public let schema: MessageSchema
    /// Values by index into `schema.fields`.
    public var values: [ProtoValue?]

    public init(schema: MessageSchema) {
        self.schema = schema
        self.values = Array(repeating: nil, count: schema.fields.count)
    }

    /// The value of the field with this proto or JSON name.
    public subscript(name: String) -> ProtoValue? {
        get { schema.fieldIndex(name: name).flatMap { values[$0] } }
        set {
            guard let index = schema.fieldIndex(name: name) else {
                preconditionFailure("\(schema.fullName) has no field \(name)")
            }
            values[index] = newValue
        }
    }

    public static func == (lhs: DynamicMessage, rhs: DynamicMessage) -> Bool {
        lhs.schema === rhs.schema && lhs.values == rhs.values
    }
}
