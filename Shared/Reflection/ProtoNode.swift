import WireProtocol

/// A loosely typed value tree between Swift values (Codable) or JSON text and a
/// `DynamicMessage`; `ProtoNodeMapping` fits it to the schema, so that fitting is written once.
public indirect enum ProtoNode: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case double(Double)
    case string(String)
    case bytes([UInt8])
    case array([ProtoNode])
    /// Keys in insertion order, for stable output.
    case object([(String, ProtoNode)])

    public static func == (lhs: ProtoNode, rhs: ProtoNode) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.uint(let a), .uint(let b)): return a == b
        case (.double(let a), .double(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.bytes(let a), .bytes(let b)): return a == b
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    func member(_ key: String) -> ProtoNode? {
        guard case .object(let pairs) = self else { return nil }
        return pairs.first { $0.0 == key }?.1
    }
}
