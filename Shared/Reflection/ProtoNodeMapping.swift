import Foundation
import WireProtocol

/// Fits a `ProtoNode` tree to a message schema and back: the single place that knows how
/// loosely typed values (Swift Codable output, JSON) become typed protobuf field values.
public enum ProtoNodeMapping {
    /// How to render a message as a node tree.
    public enum Flavor: Sendable {
        /// For Swift decoding: every singular scalar present (defaults included), 64-bit integers
        /// as numbers, bytes raw, enums as numbers.
        case codable
        /// proto3 JSON mapping: defaults omitted, 64-bit integers as strings, bytes base64,
        /// enums by name.
        case json
    }

    // MARK: Node → message

    public static func message(from node: ProtoNode, schema: MessageSchema, path: String = "") throws(ProtoCodecError) -> DynamicMessage {
        var message = DynamicMessage(schema: schema)
        switch node {
        case .null:
            return message
        case .object(let pairs):
            for (key, value) in pairs {
                guard let index = schema.fieldIndex(name: key) else {
                    throw ProtoCodecError(.invalidValue, field: path + key, "\(schema.fullName) has no field \"\(key)\"")
                }
                let field = schema.fields[index]
                if case .null = value { continue }
                message.values[index] = try fieldValue(value, field: field, path: path + field.name)
            }
            return message
        default:
            throw ProtoCodecError(.invalidValue, field: path.isEmpty ? nil : path, "expected an object for \(schema.fullName)")
        }
    }

    private static func fieldValue(_ node: ProtoNode, field: FieldSchema, path: String) throws(ProtoCodecError) -> ProtoValue? {
        guard field.label == .repeated else {
            return try scalar(node, field: field, path: path)
        }
        if field.isMap {
            guard case .object(let pairs) = node else {
                throw ProtoCodecError(.invalidValue, field: path, "expected an object (map)")
            }
            guard let entrySchema = field.messageSchema else { throw unknown(field, path) }
            let keyField = entrySchema.fields[0], valueField = entrySchema.fields[1]
            var list: [ProtoValue] = []
            for (key, value) in pairs {
                var entry = DynamicMessage(schema: entrySchema)
                entry.values[0] = try scalar(.string(key), field: keyField, path: path + "[\(key)]", keepDefault: true)
                entry.values[1] = try scalar(value, field: valueField, path: path + "[\(key)]", keepDefault: true)
                list.append(.message(entry))
            }
            return list.isEmpty ? nil : .list(list)
        }
        let elements: [ProtoNode]
        switch node {
        case .array(let array): elements = array
        case .bytes(let bytes) where field.type != .bytes: elements = bytes.map { .uint(UInt64($0)) }
        default: throw ProtoCodecError(.invalidValue, field: path, "expected an array")
        }
        var list: [ProtoValue] = []
        list.reserveCapacity(elements.count)
        for (i, element) in elements.enumerated() {
            guard let value = try scalar(element, field: field, path: path + "[\(i)]", keepDefault: true) else {
                throw ProtoCodecError(.invalidValue, field: path + "[\(i)]", "null is not allowed in a list")
            }
            list.append(value)
        }
        return list.isEmpty ? nil : .list(list)
    }

    private static func unknown(_ field: FieldSchema, _ path: String) -> ProtoCodecError {
        ProtoCodecError(.unknownType, field: path, "type \(field.messageTypeName ?? field.enumTypeName ?? "?") is not compiled in")
    }

    /// One value of the field's element type; nil for a proto3 default unless `keepDefault`.
    private static func scalar(_ node: ProtoNode, field: FieldSchema, path: String, keepDefault: Bool = false) throws(ProtoCodecError) -> ProtoValue? {
        let keep = keepDefault || field.label == .optional
        func bad(_ what: String) -> ProtoCodecError {
            ProtoCodecError(.invalidValue, field: path, "expected \(what)")
        }
        switch field.type {
        case .int32, .sint32, .sfixed32, .int64, .sint64, .sfixed64:
            let v: Int64
            switch node {
            case .int(let x): v = x
            case .uint(let x): guard let y = Int64(exactly: x) else { throw bad("a signed 64-bit integer") }; v = y
            case .double(let x): guard let y = Int64(exactly: x) else { throw bad("an integer") }; v = y
            case .string(let s): guard let y = Int64(s) else { throw bad("an integer") }; v = y
            default: throw bad("an integer")
            }
            if !field.type.is64Bit && Int32(exactly: v) == nil { throw bad("a 32-bit integer (got \(v))") }
            return v == 0 && !keep ? nil : .int(v)
        case .uint32, .fixed32, .uint64, .fixed64:
            let v: UInt64
            switch node {
            case .uint(let x): v = x
            case .int(let x): guard let y = UInt64(exactly: x) else { throw bad("a non-negative integer") }; v = y
            case .double(let x): guard let y = UInt64(exactly: x) else { throw bad("a non-negative integer") }; v = y
            case .string(let s): guard let y = UInt64(s) else { throw bad("a non-negative integer") }; v = y
            default: throw bad("a non-negative integer")
            }
            if !field.type.is64Bit && UInt32(exactly: v) == nil { throw bad("a 32-bit unsigned integer (got \(v))") }
            return v == 0 && !keep ? nil : .uint(v)
        case .float, .double:
            let v: Double
            switch node {
            case .double(let x): v = x
            case .int(let x): v = Double(x)
            case .uint(let x): v = Double(x)
            case .string(let s):
                switch s {
                case "NaN": v = .nan
                case "Infinity": v = .infinity
                case "-Infinity": v = -.infinity
                default: guard let y = Double(s) else { throw bad("a number") }; v = y
                }
            default: throw bad("a number")
            }
            return v == 0 && !keep ? nil : .double(v)
        case .bool:
            guard case .bool(let v) = node else { throw bad("true or false") }
            return !v && !keep ? nil : .bool(v)
        case .enumeration:
            let v: Int32
            switch node {
            case .int(let x): guard let y = Int32(exactly: x) else { throw bad("an enum value") }; v = y
            case .uint(let x): guard let y = Int32(exactly: x) else { throw bad("an enum value") }; v = y
            case .string(let name):
                guard let number = field.enumSchema?.number(of: name) else {
                    let known = field.enumSchema?.values.map(\.name).joined(separator: ", ") ?? ""
                    throw bad("one of \(known)")
                }
                v = number
            default: throw bad("an enum name or number")
            }
            return v == 0 && !keep ? nil : .enumeration(v)
        case .string:
            guard case .string(let v) = node else { throw bad("a string") }
            if v.utf8.contains(0) { throw ProtoCodecError(.invalidString, field: path, "strings may not contain NUL characters") }
            return v.isEmpty && !keep ? nil : .string(v)
        case .bytes:
            let v: [UInt8]
            switch node {
            case .bytes(let b): v = b
            case .string(let s):
                guard let data = Data(base64Encoded: s) ?? Data(base64Encoded: base64URLToStandard(s)) else { throw bad("base64 bytes") }
                v = [UInt8](data)
            case .array(let items):
                var out: [UInt8] = []
                for item in items {
                    switch item {
                    case .uint(let x) where x <= 255: out.append(UInt8(x))
                    case .int(let x) where x >= 0 && x <= 255: out.append(UInt8(x))
                    default: throw bad("bytes")
                    }
                }
                v = out
            default: throw bad("bytes")
            }
            return v.isEmpty && !keep ? nil : .bytes(v)
        case .message:
            guard let schema = field.messageSchema else { throw unknown(field, path) }
            return .message(try message(from: node, schema: schema, path: path + "."))
        }
    }

    private static func base64URLToStandard(_ s: String) -> String {
        var t = s.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while t.count % 4 != 0 { t.append("=") }
        return t
    }

    // MARK: Message → node

    public static func node(from message: DynamicMessage, flavor: Flavor) -> ProtoNode {
        var pairs: [(String, ProtoNode)] = []
        for (index, field) in message.schema.fields.enumerated() {
            let value = message.values[index]
            let key = field.jsonName
            if field.label == .repeated {
                let list: [ProtoValue]
                if case .list(let l)? = value { list = l } else { list = [] }
                if list.isEmpty && flavor == .json { continue }
                if field.isMap {
                    var entries: [(String, ProtoNode)] = []
                    for case .message(let entry) in list {
                        let k = entry.values[0].map { mapKey($0) } ?? ""
                        let v =
                            entry.values[1].map { node(from: $0, field: entry.schema.fields[1], flavor: flavor) }
                            ?? defaultNode(entry.schema.fields[1], flavor: flavor)
                        entries.removeAll { $0.0 == k }
                        entries.append((k, v))
                    }
                    pairs.append((key, .object(entries)))
                } else {
                    pairs.append((key, .array(list.map { node(from: $0, field: field, flavor: flavor) })))
                }
                continue
            }
            if let value {
                pairs.append((key, node(from: value, field: field, flavor: flavor)))
            } else if flavor == .codable && field.label == .singular && field.type != .message {
                pairs.append((key, defaultNode(field, flavor: flavor)))
            }
        }
        return .object(pairs)
    }

    private static func mapKey(_ value: ProtoValue) -> String {
        switch value {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .uint(let u): return String(u)
        case .bool(let b): return b ? "true" : "false"
        default: return ""
        }
    }

    private static func defaultNode(_ field: FieldSchema, flavor: Flavor) -> ProtoNode {
        switch field.type {
        case .int32, .sint32, .sfixed32: return .int(0)
        case .int64, .sint64, .sfixed64: return flavor == .json ? .string("0") : .int(0)
        case .uint32, .fixed32: return .uint(0)
        case .uint64, .fixed64: return flavor == .json ? .string("0") : .uint(0)
        case .float, .double: return .double(0)
        case .bool: return .bool(false)
        case .enumeration: return flavor == .json ? .string(field.enumSchema?.name(of: 0) ?? "0") : .int(0)
        case .string: return .string("")
        case .bytes: return flavor == .json ? .string("") : .bytes([])
        case .message: return .object([])
        }
    }

    private static func node(from value: ProtoValue, field: FieldSchema, flavor: Flavor) -> ProtoNode {
        switch value {
        case .int(let v): return flavor == .json && field.type.is64Bit ? .string(String(v)) : .int(v)
        case .uint(let v): return flavor == .json && field.type.is64Bit ? .string(String(v)) : .uint(v)
        case .double(let v):
            if flavor == .json && !v.isFinite { return .string(v.isNaN ? "NaN" : (v > 0 ? "Infinity" : "-Infinity")) }
            return .double(v)
        case .bool(let v): return .bool(v)
        case .string(let v): return .string(v)
        case .bytes(let v): return flavor == .json ? .string(Data(v).base64EncodedString()) : .bytes(v)
        case .enumeration(let v):
            if flavor == .json, let name = field.enumSchema?.name(of: v) { return .string(name) }
            return .int(Int64(v))
        case .message(let m): return node(from: m, flavor: flavor)
        case .list(let l): return .array(l.map { node(from: $0, field: field, flavor: flavor) })
        }
    }
}
