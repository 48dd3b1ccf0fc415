internal import CProtobufC
internal import Messages
import WireProtocol

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Moves messages between `DynamicMessage` and protobuf-c: the one place that walks protobuf-c
/// structs generically, field by field, from the descriptors.
///
/// Services use their generated contract types; this walker serves what only knows a message by
/// name at run time: the `window call` CLI (JSON in, JSON out) and tests that walk every message.
/// Encoding builds the C struct in memory we own (freed after packing); decoding goes through
/// the checks and the bounded allocator of `wire_decode` (`ProtoC.decode`).
public enum ProtoCBridge {
    /// Decode budget per wire byte (see `ProtoC.allocationFactor`).
    public static let allocationFactor = ProtoC.allocationFactor

    // MARK: Decoding

    /// Decodes `bytes` as a message of `schema` (`wire_decode`: strings checked, at most `limit`
    /// bytes of memory).
    public static func decode(
        _ bytes: UnsafeRawBufferPointer, as schema: MessageSchema, allocationLimit limit: Int? = nil
    ) throws(ProtoCodecError) -> DynamicMessage {
        let message = try ProtoC.decode(bytes, descriptor: schema.descriptor, allocationLimit: limit)
        defer { ProtoC.free(message) }
        return read(UnsafeRawPointer(message), schema: schema)
    }

    /// Decodes a byte array as a message of `schema`.
    public static func decode(_ bytes: [UInt8], as schema: MessageSchema) throws(ProtoCodecError) -> DynamicMessage {
        do {
            return try bytes.withUnsafeBytes { raw in try decode(raw, as: schema) }
        } catch let error as ProtoCodecError {
            throw error
        } catch {
            throw ProtoCodecError(.malformed, "\(error)")
        }
    }

    static func read(_ base: UnsafeRawPointer, schema: MessageSchema) -> DynamicMessage {
        var result = DynamicMessage(schema: schema)
        for (index, field) in schema.fields.enumerated() {
            let at = base + field.offset
            switch field.label {
            case .repeated:
                let count = (base + field.quantifierOffset).load(as: Int.self)
                guard count > 0, let array = at.load(as: UnsafeRawPointer?.self) else { continue }
                var list: [ProtoValue] = []
                list.reserveCapacity(count)
                for i in 0..<count {
                    list.append(readElement(array + i * elementStride(field.type), field: field))
                }
                result.values[index] = .list(list)
            case .optional:
                if field.isOneofMember {
                    guard (base + field.quantifierOffset).load(as: UInt32.self) == field.number else { continue }
                } else if field.type != .message && field.type != .string {
                    guard (base + field.quantifierOffset).load(as: Int32.self) != 0 else { continue }
                }
                if let value = readSingular(at, field: field, keepDefault: true) { result.values[index] = value }
            case .singular:
                if let value = readSingular(at, field: field, keepDefault: false) { result.values[index] = value }
            }
        }
        return result
    }

    private static func elementStride(_ type: ProtoFieldType) -> Int {
        switch type {
        case .int32, .sint32, .sfixed32, .uint32, .fixed32, .float, .bool, .enumeration: return 4
        case .int64, .sint64, .sfixed64, .uint64, .fixed64, .double: return 8
        case .string, .message: return MemoryLayout<UnsafeRawPointer>.stride
        case .bytes: return MemoryLayout<ProtobufCBinaryData>.stride
        }
    }

    private static func readElement(_ at: UnsafeRawPointer, field: FieldSchema) -> ProtoValue {
        readSingular(at, field: field, keepDefault: true)
            ?? (field.type == .message ? .message(DynamicMessage(schema: field.messageSchema!)) : .bytes([]))
    }

    /// Reads one value; returns nil for proto3 defaults unless `keepDefault` (presence known).
    private static func readSingular(_ at: UnsafeRawPointer, field: FieldSchema, keepDefault: Bool) -> ProtoValue? {
        let value: ProtoValue
        switch field.type {
        case .int32, .sint32, .sfixed32:
            let v = at.load(as: Int32.self); if v == 0 && !keepDefault { return nil }; value = .int(Int64(v))
        case .int64, .sint64, .sfixed64:
            let v = at.load(as: Int64.self); if v == 0 && !keepDefault { return nil }; value = .int(v)
        case .uint32, .fixed32:
            let v = at.load(as: UInt32.self); if v == 0 && !keepDefault { return nil }; value = .uint(UInt64(v))
        case .uint64, .fixed64:
            let v = at.load(as: UInt64.self); if v == 0 && !keepDefault { return nil }; value = .uint(v)
        case .float:
            let v = at.load(as: Float.self); if v == 0 && !keepDefault { return nil }; value = .double(Double(v))
        case .double:
            let v = at.load(as: Double.self); if v == 0 && !keepDefault { return nil }; value = .double(v)
        case .bool:
            let v = at.load(as: Int32.self) != 0; if !v && !keepDefault { return nil }; value = .bool(v)
        case .enumeration:
            let v = at.load(as: Int32.self); if v == 0 && !keepDefault { return nil }; value = .enumeration(v)
        case .string:
            guard let cString = at.load(as: UnsafePointer<CChar>?.self) else { return keepDefault ? .string("") : nil }
            if cString[0] == 0 && !keepDefault { return nil }
            value = .string(String(cString: cString))
        case .bytes:
            let data = at.load(as: ProtobufCBinaryData.self)
            if data.len == 0 && !keepDefault { return nil }
            value = .bytes(data.len == 0 ? [] : Array(UnsafeBufferPointer(start: data.data, count: data.len)))
        case .message:
            guard let sub = at.load(as: UnsafeRawPointer?.self), let schema = field.messageSchema else { return nil }
            value = .message(read(sub, schema: schema))
        }
        return value
    }

    // MARK: Encoding

    /// Serializes `message` through protobuf-c.
    public static func encode(_ message: DynamicMessage) throws(ProtoCodecError) -> [UInt8] {
        var arena = Arena()
        defer { arena.freeAll() }
        let cMessage = try build(message, arena: &arena)
        let size = protobuf_c_message_get_packed_size(cMessage)
        var out = [UInt8](repeating: 0, count: size)
        let written = out.withUnsafeMutableBufferPointer { protobuf_c_message_pack(cMessage, $0.baseAddress!) }
        precondition(written == size, "protobuf-c packed \(written) bytes, announced \(size)")
        return out
    }

    /// Memory allocated while building a C message, freed together after packing.
    struct Arena {
        private var pointers: [UnsafeMutableRawPointer] = []

        mutating func allocate(_ size: Int) -> UnsafeMutableRawPointer {
            let pointer = calloc(1, max(size, 1))!
            pointers.append(pointer)
            return pointer
        }

        mutating func string(_ text: String) -> UnsafeMutableRawPointer {
            let pointer = strdup(text)!
            pointers.append(UnsafeMutableRawPointer(pointer))
            return UnsafeMutableRawPointer(pointer)
        }

        mutating func freeAll() {
            for pointer in pointers { free(pointer) }
            pointers.removeAll()
        }
    }

    static func build(_ message: DynamicMessage, arena: inout Arena) throws(ProtoCodecError) -> UnsafeMutablePointer<ProtobufCMessage> {
        let schema = message.schema
        let base = arena.allocate(schema.sizeofMessage)
        let cMessage = base.assumingMemoryBound(to: ProtobufCMessage.self)
        protobuf_c_message_init(schema.descriptor, base)
        for (index, field) in schema.fields.enumerated() {
            guard let value = message.values[index] else { continue }
            let at = base + field.offset
            switch field.label {
            case .repeated:
                guard case .list(let list) = value else { throw mismatch(field, value) }
                guard !list.isEmpty else { continue }
                let stride = elementStride(field.type)
                let array = arena.allocate(stride * list.count)
                for (i, element) in list.enumerated() {
                    try write(element, to: array + i * stride, field: field, arena: &arena)
                }
                (base + field.quantifierOffset).storeBytes(of: list.count, as: Int.self)
                at.storeBytes(of: UnsafeMutableRawPointer?(array), as: UnsafeMutableRawPointer?.self)
            case .optional:
                try write(value, to: at, field: field, arena: &arena)
                if field.isOneofMember {
                    (base + field.quantifierOffset).storeBytes(of: field.number, as: UInt32.self)
                } else if field.type != .message && field.type != .string {
                    (base + field.quantifierOffset).storeBytes(of: Int32(1), as: Int32.self)
                }
            case .singular:
                try write(value, to: at, field: field, arena: &arena)
            }
        }
        return cMessage
    }

    private static func mismatch(_ field: FieldSchema, _ value: ProtoValue) -> ProtoCodecError {
        ProtoCodecError(.invalidValue, field: field.name, "value \(value) does not fit a \(field.type) field")
    }

    private static func write(_ value: ProtoValue, to at: UnsafeMutableRawPointer, field: FieldSchema, arena: inout Arena) throws(ProtoCodecError) {
        switch (field.type, value) {
        case (.int32, .int(let v)), (.sint32, .int(let v)), (.sfixed32, .int(let v)):
            guard let narrow = Int32(exactly: v) else { throw ProtoCodecError(.invalidValue, field: field.name, "\(v) is out of the int32 range") }
            at.storeBytes(of: narrow, as: Int32.self)
        case (.int64, .int(let v)), (.sint64, .int(let v)), (.sfixed64, .int(let v)):
            at.storeBytes(of: v, as: Int64.self)
        case (.uint32, .uint(let v)), (.fixed32, .uint(let v)):
            guard let narrow = UInt32(exactly: v) else { throw ProtoCodecError(.invalidValue, field: field.name, "\(v) is out of the uint32 range") }
            at.storeBytes(of: narrow, as: UInt32.self)
        case (.uint64, .uint(let v)), (.fixed64, .uint(let v)):
            at.storeBytes(of: v, as: UInt64.self)
        case (.float, .double(let v)):
            at.storeBytes(of: Float(v), as: Float.self)
        case (.double, .double(let v)):
            at.storeBytes(of: v, as: Double.self)
        case (.bool, .bool(let v)):
            at.storeBytes(of: Int32(v ? 1 : 0), as: Int32.self)
        case (.enumeration, .enumeration(let v)):
            at.storeBytes(of: v, as: Int32.self)
        case (.string, .string(let v)):
            if v.utf8.contains(0) { throw ProtoCodecError(.invalidString, field: field.name, "strings may not contain NUL characters") }
            at.storeBytes(of: UnsafeMutableRawPointer?(arena.string(v)), as: UnsafeMutableRawPointer?.self)
        case (.bytes, .bytes(let v)):
            let copy = arena.allocate(v.count)
            v.withUnsafeBytes { copy.copyMemory(from: $0.baseAddress ?? UnsafeRawPointer(copy), byteCount: v.count) }
            at.storeBytes(of: ProtobufCBinaryData(len: v.count, data: copy.assumingMemoryBound(to: UInt8.self)), as: ProtobufCBinaryData.self)
        case (.message, .message(let sub)):
            guard sub.schema.fullName == field.messageTypeName else { throw mismatch(field, value) }
            let built = try build(sub, arena: &arena)
            at.storeBytes(of: UnsafeMutableRawPointer?(UnsafeMutableRawPointer(built)), as: UnsafeMutableRawPointer?.self)
        default:
            throw mismatch(field, value)
        }
    }
}
