internal import CProtobufC
internal import Messages
import WireProtocol

/// Every message, enum and service of proto/, found by protobuf name.
///
/// Built once from the descriptor tables that `scripts/gen-protos.sh` generates next to the
/// protoc-c output, so adding a message to a `.proto` file makes it known here with no Swift code.
public final class ProtoRegistry: Sendable {
    /// The registry of everything compiled into this binary.
    public static let shared = ProtoRegistry()

    private let messages: [String: MessageSchema]
    private let enums: [String: EnumSchema]
    /// Services declared with `service` blocks in proto/, by full name (e.g. `echo.Echo`).
    public let services: [String: ServiceSchema]

    private init() {
        var messages: [String: MessageSchema] = [:]
        var index: UInt32 = 0
        while let descriptor = all_message_descriptor_at(index) {
            let schema = MessageSchema(descriptor: descriptor)
            messages[schema.fullName] = schema
            index += 1
        }
        var enums: [String: EnumSchema] = [:]
        index = 0
        while let e = all_enum_descriptor_at(index)?.pointee {
            index += 1
            do {
                let name = String(cString: e.name)
                var values: [(String, Int32)] = []
                for v in 0..<Int(e.n_values) {
                    values.append((String(cString: e.values[v].name), Int32(e.values[v].value)))
                }
                enums[name] = EnumSchema(fullName: name, values: values)
            }
        }
        var services: [String: ServiceSchema] = [:]
        index = 0
        while let s = all_service_descriptor_at(index)?.pointee {
            index += 1
            do {
                let name = String(cString: s.name)
                var methods: [ServiceSchema.Method] = []
                for m in 0..<Int(s.n_methods) {
                    let method = s.methods[m]
                    methods.append(
                        .init(
                            name: String(cString: method.name),
                            requestType: String(cString: method.input.pointee.name),
                            responseType: String(cString: method.output.pointee.name)))
                }
                services[name] = ServiceSchema(fullName: name, methods: methods)
            }
        }
        self.messages = messages
        self.enums = enums
        self.services = services
    }

    /// The schema of a message by full protobuf name (`package.Message`).
    public func message(named name: String) -> MessageSchema? { messages[name] }

    /// The schema of an enum by full protobuf name.
    public func enumeration(named name: String) -> EnumSchema? { enums[name] }

    /// All message schemas, sorted by name.
    public var allMessages: [MessageSchema] { messages.values.sorted { $0.fullName < $1.fullName } }
}

/// A `service` block of proto/: the methods a department declares in its contract.
public struct ServiceSchema: Sendable {
    public struct Method: Sendable, Hashable {
        public let name: String
        public let requestType: String
        public let responseType: String
    }
    public let fullName: String
    public let methods: [Method]
}
