import EmploymentKit
import Testing
import Wire

/// The generated field-by-field conversions must agree with the schema for every message:
/// every field set, converted to Swift and back, gives the same message and the same bytes.
@Suite("Generated employment messages")
struct GeneratedMessagesTests {
    static let names = EmploymentMessagesCatalog.all.map { $0.protoName }

    @Test("every message round-trips field by field", arguments: names)
    func roundTrip(name: String) throws {
        let type = try #require(EmploymentMessagesCatalog.all.first { $0.protoName == name })
        let filled = Self.filled(type.schema)
        let value = try type.init(dynamicMessage: filled)
        #expect(try value.dynamicMessage() == filled)
        let bytes = try value.serializedBytes()
        #expect(try type.init(serializedBytes: bytes).serializedBytes() == bytes)
        #expect(try ProtoCBridge.decode(bytes, as: type.schema) == filled)
    }

    @Test("the catalog lists every message of the contract")
    func catalog() {
        let inProto = ProtoRegistry.shared.allMessages.map(\.fullName).filter { $0.hasPrefix("employment.") }
        #expect(Set(Self.names) == Set(inProto))
    }

    /// Every field non-default (enums: their last value; messages: filled recursively).
    static func filled(_ schema: MessageSchema, depth: Int = 0) -> DynamicMessage {
        var message = DynamicMessage(schema: schema)
        for (index, field) in schema.fields.enumerated() {
            let one: ProtoValue
            switch field.type {
            case .string: one = .string("值 \(field.name)")
            case .bytes: one = .bytes([1, 0, 255])
            case .bool: one = .bool(true)
            case .double, .float: one = .double(2.5)
            case .int32, .sint32, .sfixed32, .int64, .sint64, .sfixed64: one = .int(-42)
            case .uint32, .fixed32, .uint64, .fixed64: one = .uint(42)
            case .enumeration: one = .enumeration(field.enumSchema!.values.last!.number)
            case .message: one = .message(filled(field.messageSchema!, depth: depth + 1))
            }
            message.values[index] = field.label == .repeated ? .list([one, one]) : one
        }
        return message
    }
}
