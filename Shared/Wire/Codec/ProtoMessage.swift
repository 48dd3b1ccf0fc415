/// A Swift type that is a message of proto/: a `Codable` struct whose property names are the
/// proto fields' JSON names (`id_number` → `idNumber`), plus the full protobuf name.
///
/// Conforming is all a service writes per message; encoding and decoding go through protobuf-c
/// by way of the descriptors (`ProtoCBridge`). Proto3 scalars need no optionals (absent decodes
/// as the default); sub-messages may be optional (absent → nil).
public protocol ProtoMessage: Codable, Sendable {
    /// Full protobuf name, e.g. `echo.EchoRequest`.
    static var protoName: String { get }

    /// This value as a dynamic message of its schema. The default goes through Codable;
    /// generated messages (scripts/gen-swift-messages.py) implement it field by field.
    func dynamicMessage() throws(ProtoCodecError) -> DynamicMessage

    /// Builds the value from a dynamic message of the same schema (same defaults as above).
    init(dynamicMessage message: DynamicMessage) throws(ProtoCodecError)
}

extension ProtoMessage {
    /// The schema of this message type. A type whose `protoName` is not in proto/ is a
    /// programming error caught by the first test that touches it.
    public static var schema: MessageSchema {
        guard let schema = ProtoRegistry.shared.message(named: protoName) else {
            preconditionFailure("\(protoName) is not a message of proto/ (regenerate with make proto)")
        }
        return schema
    }

    /// This value as a dynamic message of its schema.
    public func dynamicMessage() throws(ProtoCodecError) -> DynamicMessage {
        do {
            return try DynamicMessageEncoder().encode(self)
        } catch let error as ProtoCodecError {
            throw error
        } catch {
            throw ProtoCodecError(.invalidValue, "cannot encode \(Self.protoName): \(error)")
        }
    }

    /// Serializes through protobuf-c.
    public func serializedBytes() throws(ProtoCodecError) -> [UInt8] {
        try ProtoCBridge.encode(dynamicMessage())
    }

    /// Builds the value from a dynamic message of the same schema.
    public init(dynamicMessage message: DynamicMessage) throws(ProtoCodecError) {
        let node = ProtoNodeMapping.node(from: message, flavor: .codable)
        do {
            self = try ProtoNodeDecoder().decode(Self.self, from: node)
        } catch {
            throw ProtoCodecError(.invalidValue, "cannot decode \(Self.protoName): \(error)")
        }
    }

    /// Deserializes through protobuf-c, with the decoder's guards (strings, memory budget).
    public init(serializedBytes bytes: UnsafeRawBufferPointer) throws(ProtoCodecError) {
        try self.init(dynamicMessage: ProtoCBridge.decode(bytes, as: Self.schema))
    }

    /// Deserializes through protobuf-c, with the decoder's guards (strings, memory budget).
    public init(serializedBytes bytes: [UInt8]) throws(ProtoCodecError) {
        try self.init(dynamicMessage: ProtoCBridge.decode(bytes, as: Self.schema))
    }
}
