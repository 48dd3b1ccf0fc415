import WireProtocol

/// A field value of a `DynamicMessage`: the protobuf types collapsed to what Swift needs to hold
/// them. Integers keep their width's range; the schema says which wire type they become.
public enum ProtoValue: Sendable, Equatable {
    /// int32, int64, sint32, sint64, sfixed32, sfixed64.
    case int(Int64)
    /// uint32, uint64, fixed32, fixed64.
    case uint(UInt64)
    /// double and float.
    case double(Double)
    case bool(Bool)
    case string(String)
    case bytes([UInt8])
    /// An enum value by number (proto3 enums are open: unknown numbers are kept).
    case enumeration(Int32)
    case message(DynamicMessage)
    /// A repeated field; a map is a list of entry messages.
    case list([ProtoValue])
}
