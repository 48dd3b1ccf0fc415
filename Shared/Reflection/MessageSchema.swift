internal import CProtobufC
import WireProtocol

/// A message type of proto/: its fields, mirrored from protobuf-c's descriptor so the codec can
/// walk messages generically; one instance per type, built once and shared.
public final class MessageSchema: Sendable {
    /// Full protobuf name, e.g. `echo.EchoRequest`.
    public let fullName: String
    /// Fields in declaration order of the descriptor (sorted by number).
    public let fields: [FieldSchema]
    private let indexByNumber: [UInt32: Int]
    private let indexByName: [String: Int]
    let sizeofMessage: Int

    /// Points into the static, immutable descriptor tables that protoc-c generated and that live
    /// for the whole process; nothing ever writes through it, so sharing it across threads is safe.
    nonisolated(unsafe) let descriptor: UnsafePointer<ProtobufCMessageDescriptor>

    init(descriptor: UnsafePointer<ProtobufCMessageDescriptor>) {
        self.descriptor = descriptor
        let d = descriptor.pointee
        fullName = String(cString: d.name)
        sizeofMessage = Int(d.sizeof_message)
        var fields: [FieldSchema] = []
        for i in 0..<Int(d.n_fields) {
            fields.append(MessageSchema.field(d.fields[i], parentName: fullName))
        }
        self.fields = fields
        var byNumber: [UInt32: Int] = [:]
        var byName: [String: Int] = [:]
        for (i, field) in fields.enumerated() {
            byNumber[field.number] = i
            byName[field.name] = i
            byName[field.jsonName] = i
        }
        indexByNumber = byNumber
        indexByName = byName
    }

    /// Index into `fields` of the field with this number.
    public func fieldIndex(number: UInt32) -> Int? { indexByNumber[number] }

    /// Index into `fields` of the field with this proto name or JSON name.
    public func fieldIndex(name: String) -> Int? { indexByName[name] }

    private static func field(_ f: ProtobufCFieldDescriptor, parentName: String) -> FieldSchema {
        let name = String(cString: f.name)
        let type = fieldType(f.type)
        var messageTypeName: String?
        var enumTypeName: String?
        var isMap = false
        if type == .message, let raw = f.descriptor {
            let sub = raw.assumingMemoryBound(to: ProtobufCMessageDescriptor.self).pointee
            let subName = String(cString: sub.name)
            messageTypeName = subName
            // protoc names a map's entry type `<Parent>.<CamelField>Entry`, with key = 1, value = 2.
            isMap =
                f.label == PROTOBUF_C_LABEL_REPEATED
                && subName.hasPrefix(parentName + ".") && subName.hasSuffix("Entry")
                && sub.n_fields == 2 && sub.fields[0].id == 1 && sub.fields[1].id == 2
        } else if type == .enumeration, let raw = f.descriptor {
            enumTypeName = String(cString: raw.assumingMemoryBound(to: ProtobufCEnumDescriptor.self).pointee.name)
        }
        let isOneof = (f.flags & UInt32(PROTOBUF_C_FIELD_FLAG_ONEOF.rawValue)) != 0
        let label: ProtoFieldLabel
        switch f.label {
        case PROTOBUF_C_LABEL_REPEATED: label = .repeated
        case PROTOBUF_C_LABEL_OPTIONAL, PROTOBUF_C_LABEL_REQUIRED: label = .optional
        default: label = isOneof ? .optional : .singular
        }
        return FieldSchema(
            name: name, jsonName: FieldSchema.jsonName(for: name), number: f.id, type: type, label: label,
            isOneofMember: isOneof, messageTypeName: messageTypeName, enumTypeName: enumTypeName, isMap: isMap,
            offset: Int(f.offset), quantifierOffset: Int(f.quantifier_offset))
    }

    private static func fieldType(_ t: ProtobufCType) -> ProtoFieldType {
        switch t {
        case PROTOBUF_C_TYPE_INT32: return .int32
        case PROTOBUF_C_TYPE_SINT32: return .sint32
        case PROTOBUF_C_TYPE_SFIXED32: return .sfixed32
        case PROTOBUF_C_TYPE_INT64: return .int64
        case PROTOBUF_C_TYPE_SINT64: return .sint64
        case PROTOBUF_C_TYPE_SFIXED64: return .sfixed64
        case PROTOBUF_C_TYPE_UINT32: return .uint32
        case PROTOBUF_C_TYPE_FIXED32: return .fixed32
        case PROTOBUF_C_TYPE_UINT64: return .uint64
        case PROTOBUF_C_TYPE_FIXED64: return .fixed64
        case PROTOBUF_C_TYPE_FLOAT: return .float
        case PROTOBUF_C_TYPE_DOUBLE: return .double
        case PROTOBUF_C_TYPE_BOOL: return .bool
        case PROTOBUF_C_TYPE_ENUM: return .enumeration
        case PROTOBUF_C_TYPE_STRING: return .string
        case PROTOBUF_C_TYPE_BYTES: return .bytes
        default: return .message
        }
    }
}
