import Foundation
import WireProtocol

/// JSON ↔ protobuf for any message of proto/, by its schema (proto3 JSON mapping): what lets the
/// `window` client call every method of every service without per-method code.
public enum ProtoJSON {
    /// Parses JSON text into a message of `schema`. Field names may be JSON (`idNumber`) or proto
    /// (`id_number`) names; unknown fields are an error naming the field.
    public static func message(fromJSON text: String, schema: MessageSchema) throws(ProtoCodecError) -> DynamicMessage {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        } catch {
            throw ProtoCodecError(.invalidValue, "not valid JSON: \(error.localizedDescription)")
        }
        return try ProtoNodeMapping.message(from: node(fromJSON: object), schema: schema)
    }

    /// Renders a message as pretty-printed JSON with sorted keys.
    public static func json(from message: DynamicMessage, pretty: Bool = true) -> String {
        var out = ""
        write(ProtoNodeMapping.node(from: message, flavor: .json), to: &out, indent: pretty ? 0 : nil)
        return out
    }

    static func node(fromJSON value: Any) -> ProtoNode {
        switch value {
        case is NSNull: return .null
        case let s as String: return .string(s)
        case let b as Bool where type(of: value) == Bool.self: return .bool(b)
        case let n as NSNumber:
            if isJSONBoolean(n) { return .bool(n.boolValue) }
            // Integers exactly as written (through Double, 2^53 + 1 would be rounded).
            let text = String(describing: n)
            if let i = Int64(text) { return .int(i) }
            if let u = UInt64(text) { return .uint(u) }
            return .double(n.doubleValue)
        case let a as [Any]: return .array(a.map(node(fromJSON:)))
        case let o as [String: Any]: return .object(o.keys.sorted().map { ($0, node(fromJSON: o[$0]!)) })
        default: return .null
        }
    }

    /// Foundation on Linux bridges JSON booleans to NSNumber; tell them apart from 0 and 1.
    private static func isJSONBoolean(_ n: NSNumber) -> Bool {
        String(cString: n.objCType) == "c" && (n == NSNumber(value: true) || n == NSNumber(value: false))
            && type(of: n) != NSNumber.self
    }

    private static func write(_ node: ProtoNode, to out: inout String, indent: Int?) {
        let newline = indent == nil ? "" : "\n"
        let pad = { (level: Int) -> String in String(repeating: "  ", count: level) }
        switch node {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .uint(let u): out += String(u)
        case .double(let d): out += d.isFinite ? (d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)) : "null"
        case .string(let s): out += quote(s)
        case .bytes(let b): out += quote(Data(b).base64EncodedString())
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "[" + newline
            for (i, item) in items.enumerated() {
                if let indent { out += pad(indent + 1) }
                write(item, to: &out, indent: indent.map { $0 + 1 })
                out += (i < items.count - 1 ? "," : "") + newline
            }
            if let indent { out += pad(indent) }
            out += "]"
        case .object(let pairs):
            if pairs.isEmpty { out += "{}"; return }
            out += "{" + newline
            let sorted = pairs.sorted { $0.0 < $1.0 }
            for (i, pair) in sorted.enumerated() {
                if let indent { out += pad(indent + 1) }
                out += quote(pair.0) + (indent == nil ? ":" : ": ")
                write(pair.1, to: &out, indent: indent.map { $0 + 1 })
                out += (i < sorted.count - 1 ? "," : "") + newline
            }
            if let indent { out += pad(indent) }
            out += "}"
        }
    }

    private static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20: out += String(format: "\\u%04x", c.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

extension ProtoJSON {
    /// A generated message as proto3 JSON (through its bytes and the descriptors).
    public static func json(of message: some ProtoMessage, pretty: Bool = true) throws(ProtoCodecError) -> String {
        guard let schema = ProtoRegistry.shared.message(named: type(of: message).protoName) else {
            throw ProtoCodecError(.unknownType, "\(type(of: message).protoName) is not compiled into this binary")
        }
        return json(from: try ProtoCBridge.decode(message.serializedBytes(), as: schema), pretty: pretty)
    }
}
