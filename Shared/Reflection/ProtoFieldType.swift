import WireProtocol

/// The protobuf scalar and composite types, as protobuf-c's field descriptors name them.
///
/// Kept as a Swift enum so code outside the C bridge never sees `ProtobufCType`.
public enum ProtoFieldType: Sendable, Hashable {
    case int32, sint32, sfixed32, int64, sint64, sfixed64
    case uint32, fixed32, uint64, fixed64
    case float, double, bool, enumeration, string, bytes, message

    /// Whether the C struct stores this type in 4 bytes (as opposed to 8 or a pointer).
    var isSigned: Bool {
        switch self {
        case .int32, .sint32, .sfixed32, .int64, .sint64, .sfixed64: return true
        default: return false
        }
    }

    var isUnsigned: Bool {
        switch self {
        case .uint32, .fixed32, .uint64, .fixed64: return true
        default: return false
        }
    }

    /// Whether this type is encoded as a 64-bit integer (JSON writes these as strings).
    var is64Bit: Bool {
        switch self {
        case .int64, .sint64, .sfixed64, .uint64, .fixed64: return true
        default: return false
        }
    }
}

/// Cardinality of a field: proto3 implicit presence, explicit presence (proto2 optional or
/// oneof member), or repeated.
public enum ProtoFieldLabel: Sendable, Hashable {
    case singular
    case optional
    case repeated
}
