import ProtoReflection
import WireProtocol

@testable import WireClient

/// Builds a message of any schema with a non-default value in every field (one member per
/// oneof), so round trips exercise every field type generically.
enum MessageFixtures {
    static func filled(_ schema: MessageSchema, seed: Int = 1) -> DynamicMessage {
        var message = DynamicMessage(schema: schema)
        var oneofTaken = false
        for (index, field) in schema.fields.enumerated() {
            if field.isOneofMember {
                if oneofTaken { continue }
                oneofTaken = true
            }
            if field.label == .repeated {
                if field.isMap, let entry = field.messageSchema {
                    var list: [ProtoValue] = []
                    for i in 0..<2 {
                        var e = DynamicMessage(schema: entry)
                        e.values[0] = .string("key\(i)-\(seed)")
                        e.values[1] = value(entry.fields[1], seed: seed + i)
                        list.append(.message(e))
                    }
                    message.values[index] = .list(list)
                } else {
                    message.values[index] = .list([value(field, seed: seed), value(field, seed: seed + 1)])
                }
            } else {
                message.values[index] = value(field, seed: seed)
            }
        }
        return message
    }

    static func value(_ field: FieldSchema, seed: Int) -> ProtoValue {
        switch field.type {
        case .int32, .sint32, .sfixed32: return .int(Int64(-1_000_000 - seed))
        case .int64, .sint64, .sfixed64: return .int(-9_000_000_000_000 - Int64(seed))
        case .uint32, .fixed32: return .uint(4_000_000_000 + UInt64(seed))
        case .uint64, .fixed64: return .uint(18_000_000_000_000_000_000 + UInt64(seed))
        case .float: return .double(1.5 + Double(seed))
        case .double: return .double(-2.25 * Double(seed))
        case .bool: return .bool(true)
        case .enumeration:
            let values = field.enumSchema!.values
            return .enumeration(values[min(seed, values.count - 1)].number == 0 ? values.last!.number : values[min(seed, values.count - 1)].number)
        case .string: return .string("社区 \(field.name) \(seed) ✓")
        case .bytes: return .bytes([0, 1, 2, 0xFF, UInt8(seed % 256)])
        case .message: return .message(filled(field.messageSchema!, seed: seed + 1))
        }
    }
}
