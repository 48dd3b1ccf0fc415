/// Walks serialized protobuf bytes once, before protobuf-c unpacks them, to refuse what
/// protobuf-c would accept silently: string fields that are not UTF-8 or contain NUL bytes
/// (protobuf-c hands out NUL-terminated C strings, so `"ab\0cd"` would quietly become `"ab"`).
///
/// It also rejects structurally broken input early (truncated varints and lengths, groups),
/// recursing into sub-messages the schema knows; nesting is bounded because no message of
/// proto/ contains itself (a test checks that), and by `maxDepth` for good measure.
public enum ProtoWireScanner {
    static let maxDepth = 32

    public static func validate(_ bytes: UnsafeRawBufferPointer, schema: MessageSchema) throws(ProtoCodecError) {
        try scan(bytes, schema: schema, depth: 0, path: "")
    }

    private static func scan(_ bytes: UnsafeRawBufferPointer, schema: MessageSchema, depth: Int, path: String) throws(ProtoCodecError) {
        guard depth < maxDepth else { throw ProtoCodecError(.malformed, "messages nested too deeply") }
        var position = 0
        let count = bytes.count
        while position < count {
            let key = try varint(bytes, &position)
            let fieldNumber = UInt32(truncatingIfNeeded: key >> 3)
            guard fieldNumber != 0 else { throw ProtoCodecError(.malformed, "field number 0 in \(schema.fullName)") }
            switch key & 7 {
            case 0:
                _ = try varint(bytes, &position)
            case 1:
                guard count - position >= 8 else { throw truncated(schema) }
                position += 8
            case 5:
                guard count - position >= 4 else { throw truncated(schema) }
                position += 4
            case 2:
                let length = try varint(bytes, &position)
                guard length <= UInt64(count - position) else { throw truncated(schema) }
                let body = UnsafeRawBufferPointer(rebasing: bytes[position..<(position + Int(length))])
                position += Int(length)
                guard let index = schema.fieldIndex(number: fieldNumber) else { continue }
                let field = schema.fields[index]
                switch field.type {
                case .string:
                    if !isValidString(body) {
                        throw ProtoCodecError(.invalidString, field: path + field.name, "is not valid UTF-8 or contains a NUL byte")
                    }
                case .message:
                    if let sub = field.messageSchema {
                        try scan(body, schema: sub, depth: depth + 1, path: path + field.name + ".")
                    }
                default:
                    continue
                }
            default:
                throw ProtoCodecError(.malformed, "unsupported wire type \(key & 7) in \(schema.fullName)")
            }
        }
    }

    private static func truncated(_ schema: MessageSchema) -> ProtoCodecError {
        ProtoCodecError(.malformed, "truncated \(schema.fullName) message")
    }

    private static func varint(_ bytes: UnsafeRawBufferPointer, _ position: inout Int) throws(ProtoCodecError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
            if shift >= 70 { break }
        }
        throw ProtoCodecError(.malformed, "truncated or overlong varint")
    }

    /// UTF-8 validation (RFC 3629: no overlongs, no surrogates, at most U+10FFFF) that also
    /// refuses NUL; an ASCII fast path keeps the common case cheap.
    static func isValidString(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let b0 = bytes[i]
            if b0 < 0x80 {
                if b0 == 0 { return false }
                i += 1
                continue
            }
            let needed: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch b0 {
            case 0xC2...0xDF: needed = 1
            case 0xE0: needed = 2; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: needed = 2
            case 0xED: needed = 2; upper = 0x9F
            case 0xF0: needed = 3; lower = 0x90
            case 0xF1...0xF3: needed = 3
            case 0xF4: needed = 3; upper = 0x8F
            default: return false
            }
            guard n - i > needed else { return false }
            let b1 = bytes[i + 1]
            guard b1 >= lower && b1 <= upper else { return false }
            for k in 2..<(needed + 1) {
                let b = bytes[i + k]
                guard b >= 0x80 && b <= 0xBF else { return false }
            }
            i += needed + 1
        }
        return true
    }
}
