import WireProtocol

/// One field of a message schema: what the codec needs to move a value between Swift and the
/// protobuf-c struct, copied out of protobuf-c's field descriptor once at start-up.
///
/// A class (immutable, so Sendable): the codec reads it for every field of every message, and a
/// struct of four strings would be copied — four retains and releases — on each read.
public final class FieldSchema: Sendable {
    /// The proto field name, e.g. `id_number`.
    public let name: String
    /// The proto3 JSON name, e.g. `idNumber`; also the Swift property name the Codable bridge uses.
    public let jsonName: String
    public let number: UInt32
    public let type: ProtoFieldType
    public let label: ProtoFieldLabel
    /// Member of a oneof: presence is the oneof's case field (at `quantifierOffset`) equal to `number`.
    public let isOneofMember: Bool
    /// Full name of the message type, for `.message` fields.
    public let messageTypeName: String?
    /// Full name of the enum type, for `.enumeration` fields.
    public let enumTypeName: String?
    /// A `map<K, V>` field: repeated entry messages with fields `key` (1) and `value` (2).
    public let isMap: Bool
    let offset: Int
    let quantifierOffset: Int

    init(
        name: String, jsonName: String, number: UInt32, type: ProtoFieldType, label: ProtoFieldLabel, isOneofMember: Bool,
        messageTypeName: String?, enumTypeName: String?, isMap: Bool, offset: Int, quantifierOffset: Int
    ) {
        self.name = name
        self.jsonName = jsonName
        self.number = number
        self.type = type
        self.label = label
        self.isOneofMember = isOneofMember
        self.messageTypeName = messageTypeName
        self.enumTypeName = enumTypeName
        self.isMap = isMap
        self.offset = offset
        self.quantifierOffset = quantifierOffset
    }

    /// The schema of the message type, for `.message` fields.
    public var messageSchema: MessageSchema? {
        messageTypeName.flatMap { ProtoRegistry.shared.message(named: $0) }
    }

    /// The schema of the enum type, for `.enumeration` fields.
    public var enumSchema: EnumSchema? {
        enumTypeName.flatMap { ProtoRegistry.shared.enumeration(named: $0) }
    }

    /// Converts `snake_case` to protoc's lowerCamelCase JSON name.
    static func jsonName(for name: String) -> String {
        var result = ""
        var upperNext = false
        for character in name {
            if character == "_" {
                upperNext = true
            } else if upperNext {
                result.append(contentsOf: character.uppercased())
                upperNext = false
            } else {
                result.append(character)
            }
        }
        return result
    }
}
