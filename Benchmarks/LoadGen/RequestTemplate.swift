import NIOCore
import WireClient
import WireProtocol

/// One request frame serialized once; each call appends only its call id.
///
/// `wire.proto` lets a sender append fields to a serialized Wire.Frame (a later scalar overrides an
/// earlier one — the broker itself forwards frames that way), so the template is the Wire.Frame
/// encoded with `call_id` 0 (absent in proto3) and a call is: length prefix, template bytes,
/// then field 1 (tag 0x08) with the call id as a varint. No protobuf-c work per call.
struct RequestTemplate: Sendable {
    /// The serialized Wire.Frame without call id and without length prefix.
    let body: [UInt8]

    init(service: String, method: String, deadlineMs: UInt32, payload: [UInt8]) {
        let frame = Wire.Frame(
            callId: 0, kind: .request, service: service, method: method,
            deadlineMs: deadlineMs, payload: payload)
        var buffer = ByteBufferAllocator().buffer(capacity: payload.count + 64)
        FrameCodec.encode(frame, into: &buffer)
        buffer.moveReaderIndex(forwardBy: 4)
        body = buffer.readBytes(length: buffer.readableBytes) ?? []
    }

    /// Bytes one request takes on the wire with the largest call id.
    var maximumFrameBytes: Int { 4 + body.count + 1 + 10 }

    /// Appends the length-prefixed request frame for `callId` to `buffer`.
    @inline(__always)
    func write(callId: UInt64, into buffer: inout ByteBuffer) {
        let total = maximumFrameBytes
        body.withUnsafeBytes { template in
            _ = buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: total) { out in
                var id = callId
                // Varint of the call id first, into the tail, to learn its length.
                let tailStart = 4 + template.count + 1
                var n = 0
                repeat {
                    var byte = UInt8(truncatingIfNeeded: id & 0x7F)
                    id >>= 7
                    if id != 0 { byte |= 0x80 }
                    out[tailStart + n] = byte
                    n += 1
                } while id != 0
                let length = UInt32(template.count + 1 + n)
                out[0] = UInt8(truncatingIfNeeded: length >> 24)
                out[1] = UInt8(truncatingIfNeeded: length >> 16)
                out[2] = UInt8(truncatingIfNeeded: length >> 8)
                out[3] = UInt8(truncatingIfNeeded: length)
                if template.count > 0 {
                    UnsafeMutableRawBufferPointer(rebasing: out[4..<(4 + template.count)]).copyMemory(from: template)
                }
                out[4 + template.count] = 0x08  // field 1 (call_id), wire type 0 (varint)
                return tailStart + n
            }
        }
    }
}
