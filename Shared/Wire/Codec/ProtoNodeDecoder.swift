import Foundation

/// Decodes any `Decodable` from a `ProtoNode` tree with protobuf's forgiving semantics: a missing
/// key or null decodes as the type's default (0, "", false, empty collection, empty message), so
/// Swift structs need no optionals for proto3 scalars; `decodeIfPresent` sees absent fields as nil.
struct ProtoNodeDecoder {
    func decode<T: Decodable>(_ type: T.Type, from node: ProtoNode) throws -> T {
        try NodeDecoder(node: node, codingPath: []).decodeValue(type)
    }
}

private struct NodeDecoder: Decoder {
    let node: ProtoNode
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        if type == Data.self {
            return try Data(bytes()) as! T
        }
        if type == [UInt8].self {
            return try bytes() as! T
        }
        if type == ProtoNode.self {
            return node as! T
        }
        if let value = try primitive(type) { return value }
        return try T(from: self)
    }

    private func bytes() throws -> [UInt8] {
        switch node {
        case .null: return []
        case .bytes(let b): return b
        case .array(let items):
            return try items.map { item -> UInt8 in
                switch item {
                case .uint(let v) where v <= 255: return UInt8(v)
                case .int(let v) where v >= 0 && v <= 255: return UInt8(v)
                default: throw mismatch("bytes")
                }
            }
        default: throw mismatch("bytes")
        }
    }

    func mismatch(_ expected: String) -> DecodingError {
        DecodingError.typeMismatch(Any.self, .init(codingPath: codingPath, debugDescription: "expected \(expected), found \(node)"))
    }

    private func integer<I: FixedWidthInteger>(_ type: I.Type) throws -> I {
        let result: I?
        switch node {
        case .null: result = 0
        case .int(let v): result = I(exactly: v)
        case .uint(let v): result = I(exactly: v)
        case .double(let v): result = I(exactly: v)
        case .string(let s): result = I(s)
        case .bool(let b): result = b ? 1 : 0
        default: result = nil
        }
        guard let result else { throw mismatch("\(type)") }
        return result
    }

    func primitive<T>(_ type: T.Type) throws -> T? {
        switch type {
        case is Bool.Type:
            switch node {
            case .null: return false as? T
            case .bool(let b): return b as? T
            default: throw mismatch("Bool")
            }
        case is String.Type:
            switch node {
            case .null: return "" as? T
            case .string(let s): return s as? T
            default: throw mismatch("String")
            }
        case is Double.Type, is Float.Type:
            let d: Double
            switch node {
            case .null: d = 0
            case .double(let v): d = v
            case .int(let v): d = Double(v)
            case .uint(let v): d = Double(v)
            default: throw mismatch("a number")
            }
            return (type is Float.Type ? Float(d) as Any : d as Any) as? T
        case is Int.Type: return try integer(Int.self) as? T
        case is Int8.Type: return try integer(Int8.self) as? T
        case is Int16.Type: return try integer(Int16.self) as? T
        case is Int32.Type: return try integer(Int32.self) as? T
        case is Int64.Type: return try integer(Int64.self) as? T
        case is UInt.Type: return try integer(UInt.self) as? T
        case is UInt8.Type: return try integer(UInt8.self) as? T
        case is UInt16.Type: return try integer(UInt16.self) as? T
        case is UInt32.Type: return try integer(UInt32.self) as? T
        case is UInt64.Type: return try integer(UInt64.self) as? T
        default: return nil
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        switch node {
        case .null: return KeyedDecodingContainer(KeyedContainer<Key>(pairs: [], codingPath: codingPath))
        case .object(let pairs): return KeyedDecodingContainer(KeyedContainer<Key>(pairs: pairs, codingPath: codingPath))
        default: throw mismatch("an object")
        }
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        switch node {
        case .null: return UnkeyedContainer(items: [], codingPath: codingPath)
        case .array(let items): return UnkeyedContainer(items: items, codingPath: codingPath)
        case .bytes(let bytes): return UnkeyedContainer(items: bytes.map { .uint(UInt64($0)) }, codingPath: codingPath)
        default: throw mismatch("an array")
        }
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { SingleContainer(decoder: self) }

    struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let pairs: [(String, ProtoNode)]
        let codingPath: [any CodingKey]

        var allKeys: [Key] { pairs.compactMap { Key(stringValue: $0.0) } }

        private func value(_ key: Key) -> ProtoNode {
            pairs.first { $0.0 == key.stringValue }?.1 ?? .null
        }

        func contains(_ key: Key) -> Bool {
            guard let found = pairs.first(where: { $0.0 == key.stringValue }) else { return false }
            if case .null = found.1 { return false }
            return true
        }

        func decodeNil(forKey key: Key) throws -> Bool { !contains(key) }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            try NodeDecoder(node: value(key), codingPath: codingPath + [key]).decodeValue(type)
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            try NodeDecoder(node: value(key), codingPath: codingPath + [key]).container(keyedBy: type)
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            try NodeDecoder(node: value(key), codingPath: codingPath + [key]).unkeyedContainer()
        }

        func superDecoder() throws -> any Decoder { NodeDecoder(node: .object(pairs), codingPath: codingPath) }
        func superDecoder(forKey key: Key) throws -> any Decoder { NodeDecoder(node: value(key), codingPath: codingPath + [key]) }
    }

    struct UnkeyedContainer: UnkeyedDecodingContainer {
        let items: [ProtoNode]
        let codingPath: [any CodingKey]
        var currentIndex = 0
        var count: Int? { items.count }
        var isAtEnd: Bool { currentIndex >= items.count }

        init(items: [ProtoNode], codingPath: [any CodingKey]) {
            self.items = items
            self.codingPath = codingPath
        }

        private mutating func next() throws -> ProtoNode {
            guard !isAtEnd else {
                throw DecodingError.valueNotFound(Any.self, .init(codingPath: codingPath, debugDescription: "array ended"))
            }
            defer { currentIndex += 1 }
            return items[currentIndex]
        }

        mutating func decodeNil() throws -> Bool {
            if !isAtEnd, case .null = items[currentIndex] { currentIndex += 1; return true }
            return false
        }

        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
            try NodeDecoder(node: next(), codingPath: codingPath).decodeValue(type)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            try NodeDecoder(node: next(), codingPath: codingPath).container(keyedBy: type)
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            try NodeDecoder(node: next(), codingPath: codingPath).unkeyedContainer()
        }

        mutating func superDecoder() throws -> any Decoder { NodeDecoder(node: try next(), codingPath: codingPath) }
    }

    struct SingleContainer: SingleValueDecodingContainer {
        let decoder: NodeDecoder
        var codingPath: [any CodingKey] { decoder.codingPath }

        func decodeNil() -> Bool {
            if case .null = decoder.node { return true }
            return false
        }

        func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.decodeValue(type) }
    }
}
