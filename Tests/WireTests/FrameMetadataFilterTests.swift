import NIOCore
import Testing
import WireProtocol

/// Cutting broker-only metadata out of a frame's bytes as it is forwarded gives exactly the frame
/// the broker would have re-encoded without them, payload untouched.
@Suite("Codec: metadata cut out of a frame's bytes")
struct FrameMetadataFilterTests {
    func body(of frame: Wire.Frame) -> ByteBuffer {
        var buffer = ByteBuffer()
        FrameCodec.encode(frame, into: &buffer)
        buffer.moveReaderIndex(forwardBy: 4)
        return buffer
    }

    /// `frame` forwarded with the broker's keys cut out, as the broker forwards a request.
    func forwarded(_ body: ByteBuffer, callId: UInt64, dropping: @escaping (UnsafeRawBufferPointer) -> Bool) -> ByteBuffer {
        var out = ByteBuffer()
        FrameCodec.forward(body, overridingCallId: callId, dropping: dropping, into: &out)
        #expect(out.readInteger(as: UInt32.self).map(Int.init) == out.readableBytes)
        return out
    }

    func filtered(_ frame: Wire.Frame) throws -> Wire.Frame {
        try FrameCodec.decode(forwarded(body(of: frame), callId: frame.callId, dropping: MetadataKey.isBrokerOnly(utf8:)))
    }

    @Test("authorization, on-behalf-of and x-… entries go; everything else stays as it was")
    func removesBrokerOnly() throws {
        let payload = (0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let frame = Wire.Frame(
            callId: 7, kind: .request, service: "employment", method: "GetJobSeeker", deadlineMs: 900,
            metadata: [
                "authorization": "Bearer cst_secret", "on-behalf-of": "dlg_abc", "x-principal-id": "forged", "x-": "", "purpose": "安置帮教",
                "request-id": "r-1", "idempotency-key": "k", "xylophone": "kept: no dash",
            ], payload: payload)
        var expected = frame
        expected.metadata = MetadataKey.withoutBrokerOnly(frame.metadata)
        #expect(try filtered(frame) == expected)
        #expect(expected.metadata.keys.sorted() == ["idempotency-key", "purpose", "request-id", "xylophone"])
    }

    @Test("the byte test agrees with the string test, near misses included")
    func bytesAgreeWithStrings() {
        let keys = [
            "authorization", "on-behalf-of", "x-", "x-principal-id", "", "x", "X-principal-id", "authorizatioN", "authorization ", "authorizatio",
            "on-behalf-o", "on-behalf-off", "purpose", "aauthorization",
        ]
        for key in keys {
            let bytes = Array(key.utf8)
            #expect(bytes.withUnsafeBytes { MetadataKey.isBrokerOnly(utf8: $0) } == MetadataKey.isBrokerOnly(key), "\(key)")
        }
    }

    @Test("a frame with nothing to drop comes back byte for byte; one with only broker keys loses its map")
    func edges() throws {
        let plain = Wire.Frame(callId: 1, kind: .request, service: "echo", method: "Echo", metadata: ["purpose": "p"], payload: [1, 2, 3])
        let original = Array(body(of: plain).readableBytesView)
        #expect(FrameMetadataFilter.keptCount(of: body(of: plain), dropping: MetadataKey.isBrokerOnly(utf8:)) == original.count)
        let out = forwarded(body(of: plain), callId: 1, dropping: MetadataKey.isBrokerOnly(utf8:))
        #expect(Array(out.readableBytesView.prefix(original.count)) == original)
        let onlyBroker = Wire.Frame(callId: 2, kind: .request, service: "echo", method: "Echo", metadata: ["authorization": "Bearer t"])
        #expect(try filtered(onlyBroker).metadata.isEmpty)
    }

    @Test("every frame that decodes can be cut: unknown fields of each wire type, at the top and in an entry; groups do not decode")
    func decodableFramesCut() throws {
        let base = Array(body(of: Wire.Frame(callId: 3, kind: .request, service: "echo", method: "Echo", metadata: ["purpose": "p"])).readableBytesView)
        let unknown: [UInt8] =
            [0xA0, 0x06, 0x01] + [0xA9, 0x06] + [UInt8](repeating: 7, count: 8) + [0xB2, 0x06, 0x02, 0x61, 0x62] + [0xBD, 0x06] + [1, 2, 3, 4]
        let token = Array("authorization".utf8), value = Array("Bearer t".utf8)
        let entryFields: [UInt8] = [0x0A, UInt8(token.count)] + token + [0x12, UInt8(value.count)] + value + [0x18, 0x01, 0x25, 1, 2, 3, 4]
        let entry = [0x32, UInt8(entryFields.count)] + entryFields
        for (kept, cut) in [(base + unknown, [UInt8]()), (base + unknown, entry)] {
            let bytes = kept + cut
            let decoded = try FrameCodec.decode(ByteBuffer(bytes: bytes))
            #expect(decoded.metadata["purpose"] == "p")
            #expect(FrameMetadataFilter.keptCount(of: ByteBuffer(bytes: bytes), dropping: MetadataKey.isBrokerOnly(utf8:)) == kept.count)
            var out = ByteBuffer()
            #expect(FrameCodec.forward(ByteBuffer(bytes: bytes), overridingCallId: 9, dropping: MetadataKey.isBrokerOnly(utf8:), into: &out))
            #expect(out.readInteger(as: UInt32.self).map(Int.init) == out.readableBytes)
            #expect(try FrameCodec.decode(out).metadata == ["purpose": "p"])
        }
        for group: [UInt8] in [[0xC3, 0x06, 0xC4, 0x06], [0xC4, 0x06]] {
            #expect(throws: ProtoCodecError.self) { try FrameCodec.decode(ByteBuffer(bytes: base + group)) }
        }
    }

    @Test("malformed bytes are refused (nil), and a forward that was to cut them writes none of them")
    func malformed() throws {
        let overridesOnly = forwarded(ByteBuffer(), callId: 5, dropping: { _ in true }).readableBytes
        for bytes: [UInt8] in [[0x0A], [0x32, 0x05, 0x0A], [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01], [0x0B]] {
            #expect(FrameMetadataFilter.keptCount(of: ByteBuffer(bytes: bytes), dropping: { _ in true }) == nil, "\(bytes)")
            let out = forwarded(ByteBuffer(bytes: bytes), callId: 5, dropping: { _ in true })
            #expect(out.readableBytes == overridesOnly, "\(bytes)")
            #expect(try FrameCodec.decode(out).callId == 5, "\(bytes)")
        }
    }
}
