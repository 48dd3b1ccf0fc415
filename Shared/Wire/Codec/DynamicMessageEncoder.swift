import Foundation

/// Encodes a `ProtoMessage` straight into a `DynamicMessage` by its schema — the fast path of
/// `ProtoMessage.dynamicMessage()` for responses (a list page is dozens of messages).
///
/// Field values of the usual shapes (scalars, strings, bytes, enums with Int32 raw values,
/// nested messages, arrays of those, `[String: V]` maps) are converted directly; anything else
/// goes through the general `ProtoNodeEncoder` + `ProtoNodeMapping` path for that field only.
struct DynamicMessageEncoder {
    func encode<T: ProtoMessage>(_ value: T) throws -> DynamicMessage {
        let box = MessageBox(schema: T.schema)
        try value.encode(to: FieldsEncoder(box: box))
        if let error = box.error { throw error }
        return box.message
    }

    static func encodeMessage(_ value: any ProtoMessage, schema: MessageSchema) throws -> DynamicMessage {
        guard type(of: value).protoName == schema.fullName else {
            throw ProtoCodecError(.invalidValue, "\(type(of: value).protoName) given where \(schema.fullName) is expected")
        }
        let box = MessageBox(schema: schema)
        try value.encode(to: FieldsEncoder(box: box))
        if let error = box.error { throw error }
        return box.message
    }
}

/// The message being filled; a class so the containers Codable hands out can share it.
private final class MessageBox {
    var message: DynamicMessage
    var error: (any Error)?

    init(schema: MessageSchema) {
        message = DynamicMessage(schema: schema)
    }
}

private struct FieldsEncoder: Encoder {
    let box: MessageBox
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(Fields<Key>(box: box))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        preconditionFailure("a ProtoMessage encodes as a keyed container")
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        preconditionFailure("a ProtoMessage encodes as a keyed container")
    }
}

private struct Fields<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: MessageBox
    var codingPath: [any CodingKey] { [] }

    func encodeNil(forKey key: Key) throws {}

    func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        let schema = box.message.schema
        guard let index = schema.fieldIndex(name: key.stringValue) else {
            throw ProtoCodecError(.invalidValue, field: key.stringValue, "\(schema.fullName) has no field \"\(key.stringValue)\"")
        }
        let field = schema.fields[index]
        if let direct = try FieldConversion.value(value, field: field) {
            box.message.values[index] = direct.isDefault && field.label != .optional ? nil : direct.value
        } else {
            // Unusual shape: the general path, for this field only.
            let node = try ProtoNodeEncoder().encode(value)
            let single = try ProtoNodeMapping.message(from: .object([(field.name, node)]), schema: schema)
            box.message.values[index] = single.values[index]
        }
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        preconditionFailure("nested containers are not used by ProtoMessage types")
    }

    func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        preconditionFailure("nested containers are not used by ProtoMessage types")
    }

    func superEncoder() -> any Encoder { FieldsEncoder(box: box) }
    func superEncoder(forKey key: Key) -> any Encoder { FieldsEncoder(box: box) }
}

/// Direct conversions of Swift values to field values; nil when the shape is not a usual one.
private enum FieldConversion {
    struct Converted {
        let value: ProtoValue
        let isDefault: Bool
    }

    static func value(_ value: Any, field: FieldSchema) throws -> Converted? {
        if field.label == .repeated {
            if field.isMap { return nil }
            if field.type == .bytes { return nil }
            guard let array = value as? [Any] else { return nil }
            var list: [ProtoValue] = []
            list.reserveCapacity(array.count)
            for element in array {
                guard let converted = try scalar(element, field: field) else { return nil }
                list.append(converted.value)
            }
            return Converted(value: .list(list), isDefault: list.isEmpty)
        }
        return try scalar(value, field: field)
    }

    static func scalar(_ value: Any, field: FieldSchema) throws -> Converted? {
        switch field.type {
        case .string:
            guard let s = value as? String else { return nil }
            if s.utf8.contains(0) { throw ProtoCodecError(.invalidString, field: field.name, "strings may not contain NUL characters") }
            return Converted(value: .string(s), isDefault: s.isEmpty)
        case .bool:
            guard let b = value as? Bool else { return nil }
            return Converted(value: .bool(b), isDefault: !b)
        case .int32, .sint32, .sfixed32, .int64, .sint64, .sfixed64:
            let v: Int64
            switch value {
            case let x as Int32: v = Int64(x)
            case let x as Int64: v = x
            case let x as Int: v = Int64(x)
            default: return nil
            }
            if !field.type.is64Bit && Int32(exactly: v) == nil { throw ProtoCodecError(.invalidValue, field: field.name, "\(v) is out of the int32 range") }
            return Converted(value: .int(v), isDefault: v == 0)
        case .uint32, .fixed32, .uint64, .fixed64:
            let v: UInt64
            switch value {
            case let x as UInt32: v = UInt64(x)
            case let x as UInt64: v = x
            case let x as UInt: v = UInt64(x)
            default: return nil
            }
            if !field.type.is64Bit && UInt32(exactly: v) == nil { throw ProtoCodecError(.invalidValue, field: field.name, "\(v) is out of the uint32 range") }
            return Converted(value: .uint(v), isDefault: v == 0)
        case .double, .float:
            switch value {
            case let x as Double: return Converted(value: .double(x), isDefault: x == 0)
            case let x as Float: return Converted(value: .double(Double(x)), isDefault: x == 0)
            default: return nil
            }
        case .bytes:
            switch value {
            case let b as [UInt8]: return Converted(value: .bytes(b), isDefault: b.isEmpty)
            case let d as Data: return Converted(value: .bytes([UInt8](d)), isDefault: d.isEmpty)
            default: return nil
            }
        case .enumeration:
            guard let raw = (value as? any RawRepresentable)?.rawValue as? Int32 else { return nil }
            return Converted(value: .enumeration(raw), isDefault: raw == 0)
        case .message:
            guard let message = value as? any ProtoMessage, let schema = field.messageSchema else { return nil }
            return Converted(value: .message(try DynamicMessageEncoder.encodeMessage(message, schema: schema)), isDefault: false)
        }
    }
}
