import Foundation

/// Encodes any `Encodable` into a `ProtoNode` tree (then `ProtoNodeMapping` fits it to a schema).
///
/// `Data` and `[UInt8]` become bytes; dictionaries with `String` keys become objects (maps);
/// optionals that are nil are left out (absent fields).
struct ProtoNodeEncoder {
    func encode<T: Encodable>(_ value: T) throws -> ProtoNode {
        let root = NodeBuilder()
        try NodeEncoder(builder: root, codingPath: []).encodeValue(value)
        return root.build()
    }
}

/// A node under construction; containers hand out child builders that are filled later.
private final class NodeBuilder {
    enum Storage {
        case empty
        case value(ProtoNode)
        case object([(String, NodeBuilder)])
        case array([NodeBuilder])
    }
    var storage: Storage = .empty

    func build() -> ProtoNode {
        switch storage {
        case .empty: return .null
        case .value(let node): return node
        case .object(let pairs): return .object(pairs.map { ($0.0, $0.1.build()) })
        case .array(let items): return .array(items.map { $0.build() })
        }
    }

    func child(forKey key: String) -> NodeBuilder {
        var pairs: [(String, NodeBuilder)] = []
        if case .object(let existing) = storage { pairs = existing }
        if let found = pairs.first(where: { $0.0 == key }) { return found.1 }
        let child = NodeBuilder()
        pairs.append((key, child))
        storage = .object(pairs)
        return child
    }

    func appendChild() -> NodeBuilder {
        var items: [NodeBuilder] = []
        if case .array(let existing) = storage { items = existing }
        let child = NodeBuilder()
        items.append(child)
        storage = .array(items)
        return child
    }
}

private struct NodeEncoder: Encoder {
    let builder: NodeBuilder
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func encodeValue<T: Encodable>(_ value: T) throws {
        if let data = value as? Data {
            builder.storage = .value(.bytes([UInt8](data)))
        } else if let bytes = value as? [UInt8] {
            builder.storage = .value(.bytes(bytes))
        } else if let node = value as? ProtoNode {
            builder.storage = .value(node)
        } else {
            try value.encode(to: self)
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .empty = builder.storage { builder.storage = .object([]) }
        return KeyedEncodingContainer(KeyedContainer<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .empty = builder.storage { builder.storage = .array([]) }
        return UnkeyedContainer(encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleContainer(encoder: self) }

    static func primitive<T>(_ value: T) -> ProtoNode? {
        switch value {
        case let v as Bool: return .bool(v)
        case let v as String: return .string(v)
        case let v as Double: return .double(v)
        case let v as Float: return .double(Double(v))
        case let v as Int: return .int(Int64(v))
        case let v as Int8: return .int(Int64(v))
        case let v as Int16: return .int(Int64(v))
        case let v as Int32: return .int(Int64(v))
        case let v as Int64: return .int(v)
        case let v as UInt: return .uint(UInt64(v))
        case let v as UInt8: return .uint(UInt64(v))
        case let v as UInt16: return .uint(UInt64(v))
        case let v as UInt32: return .uint(UInt64(v))
        case let v as UInt64: return .uint(v)
        default: return nil
        }
    }

    struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let encoder: NodeEncoder
        var codingPath: [any CodingKey] { encoder.codingPath }

        func encodeNil(forKey key: Key) throws {}

        func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            let child = encoder.builder.child(forKey: key.stringValue)
            if let node = NodeEncoder.primitive(value) {
                child.storage = .value(node)
            } else {
                try NodeEncoder(builder: child, codingPath: codingPath + [key]).encodeValue(value)
            }
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            NodeEncoder(builder: encoder.builder.child(forKey: key.stringValue), codingPath: codingPath + [key]).container(keyedBy: keyType)
        }

        func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            NodeEncoder(builder: encoder.builder.child(forKey: key.stringValue), codingPath: codingPath + [key]).unkeyedContainer()
        }

        func superEncoder() -> any Encoder { encoder }
        func superEncoder(forKey key: Key) -> any Encoder {
            NodeEncoder(builder: encoder.builder.child(forKey: key.stringValue), codingPath: codingPath + [key])
        }
    }

    struct UnkeyedContainer: UnkeyedEncodingContainer {
        let encoder: NodeEncoder
        var codingPath: [any CodingKey] { encoder.codingPath }
        var count: Int {
            if case .array(let items) = encoder.builder.storage { return items.count }
            return 0
        }

        func encodeNil() throws { encoder.builder.appendChild().storage = .value(.null) }

        func encode<T: Encodable>(_ value: T) throws {
            let child = encoder.builder.appendChild()
            if let node = NodeEncoder.primitive(value) {
                child.storage = .value(node)
            } else {
                try NodeEncoder(builder: child, codingPath: codingPath).encodeValue(value)
            }
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            NodeEncoder(builder: encoder.builder.appendChild(), codingPath: codingPath).container(keyedBy: keyType)
        }

        func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            NodeEncoder(builder: encoder.builder.appendChild(), codingPath: codingPath).unkeyedContainer()
        }

        func superEncoder() -> any Encoder { NodeEncoder(builder: encoder.builder.appendChild(), codingPath: codingPath) }
    }

    struct SingleContainer: SingleValueEncodingContainer {
        let encoder: NodeEncoder
        var codingPath: [any CodingKey] { encoder.codingPath }

        func encodeNil() throws { encoder.builder.storage = .value(.null) }

        func encode<T: Encodable>(_ value: T) throws {
            if let node = NodeEncoder.primitive(value) {
                encoder.builder.storage = .value(node)
            } else {
                try encoder.encodeValue(value)
            }
        }
    }
}
