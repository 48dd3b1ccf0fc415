import EmploymentContract
import ProtoReflection
import Testing
import WireProtocol

/// The generated conversions must agree with protoc-c's descriptors for every message: every
/// field set (through the reflection path), decoded into the generated type and encoded again,
/// gives the same bytes.
@Suite("Generated employment messages")
struct GeneratedMessagesTests {
    static let names = Employment.allMessageTypes.map { $0.protoName }

    @Test("every message round-trips through its generated type with every field set", arguments: names)
    func roundTrip(name: String) throws {
        let type = try #require(Employment.allMessageTypes.first { $0.protoName == name })
        let schema = try #require(ProtoRegistry.shared.message(named: name))
        let filled = Self.filled(schema)
        let bytes = try ProtoCBridge.encode(filled)
        let value = try type.init(serializedBytes: bytes)
        let again = try value.serializedBytes()
        #expect(again == bytes)
        #expect(try ProtoCBridge.decode(again, as: schema) == filled)
    }

    @Test("the generated types cover every message of the contract")
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
