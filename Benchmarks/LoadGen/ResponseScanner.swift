/// Reads the three things the load generator needs from a serialized `wire.Frame` — call id,
/// kind and status code — in one pass without allocating, instead of a full protobuf-c decode
/// per response. Field numbers are those of proto/wire.proto (`Wire.Frame.call_id = 1`, `kind = 2`,
/// `status = 8`; `Wire.Status.code = 1`); later occurrences override earlier ones as in protobuf.
/// The first response of every connection is also decoded with `FrameCodec` and compared, so a
/// disagreement between this scanner and the real codec cannot go unnoticed.
enum ResponseScanner {
    struct Summary: Equatable {
        var callId: UInt64 = 0
        var kind: UInt64 = 0
        /// Whether field 8 (`status`) was present at all.
        var hasStatus = false
        var statusCode: UInt64 = 0
    }

    /// nil when the bytes are not well-formed protobuf.
    static func scan(_ bytes: UnsafeRawBufferPointer) -> Summary? {
        var summary = Summary()
        var position = 0
        let count = bytes.count
        while position < count {
            guard let key = varint(bytes, &position) else { return nil }
            let field = key >> 3
            switch key & 7 {
            case 0:
                guard let value = varint(bytes, &position) else { return nil }
                if field == 1 { summary.callId = value } else if field == 2 { summary.kind = value }
            case 1:
                guard count - position >= 8 else { return nil }
                position += 8
            case 5:
                guard count - position >= 4 else { return nil }
                position += 4
            case 2:
                guard let length = varint(bytes, &position), length <= UInt64(count - position) else { return nil }
                let end = position + Int(length)
                if field == 8 {
                    summary.hasStatus = true
                    guard let code = statusCode(UnsafeRawBufferPointer(rebasing: bytes[position..<end])) else { return nil }
                    if let code { summary.statusCode = code }
                }
                position = end
            default:
                return nil
            }
        }
        return summary
    }

    /// The `code` of a serialized `wire.Status`: .some(nil) when absent, nil when malformed.
    private static func statusCode(_ bytes: UnsafeRawBufferPointer) -> UInt64?? {
        var code: UInt64?
        var position = 0
        let count = bytes.count
        while position < count {
            guard let key = varint(bytes, &position) else { return nil }
            switch key & 7 {
            case 0:
                guard let value = varint(bytes, &position) else { return nil }
                if key >> 3 == 1 { code = value }
            case 1:
                guard count - position >= 8 else { return nil }
                position += 8
            case 5:
                guard count - position >= 4 else { return nil }
                position += 4
            case 2:
                guard let length = varint(bytes, &position), length <= UInt64(count - position) else { return nil }
                position += Int(length)
            default:
                return nil
            }
        }
        return .some(code)
    }

    @inline(__always)
    private static func varint(_ bytes: UnsafeRawBufferPointer, _ position: inout Int) -> UInt64? {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while position < bytes.count && shift < 64 {
            let byte = bytes[position]
            position += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
        }
        return nil
    }
}
