import NIOCore
import Testing
import WireProtocol

/// Cutting broker-only metadata out of a frame's bytes gives exactly the frame the broker would
/// have re-encoded without them, payload untouched.
@Suite("Codec: metadata cut out of a frame's bytes")
struct FrameMetadataFilterTests {
    func body(of frame: Wire.Frame) -> ByteBuffer {
        var buffer = ByteBuffer()
        FrameCodec.encode(frame, into: &buffer)
        buffer.moveReaderIndex(forwardBy: 4)
        return buffer
    }

    func filtered(_ frame: Wire.Frame) throws -> Wire.Frame {
        let cut = try #require(FrameMetadataFilter.removing(from: body(of: frame), allocator: ByteBufferAllocator(), where: MetadataKey.isBrokerOnly(utf8:)))
        return try FrameCodec.decode(cut)
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

    @Test("a frame with nothing to drop comes back byte for byte; one with only broker keys loses its map")
    func edges() throws {
        let plain = Wire.Frame(callId: 1, kind: .request, service: "echo", method: "Echo", metadata: ["purpose": "p"], payload: [1, 2, 3])
        let cut = try #require(FrameMetadataFilter.removing(from: body(of: plain), allocator: ByteBufferAllocator(), where: MetadataKey.isBrokerOnly(utf8:)))
        #expect(Array(cut.readableBytesView) == Array(body(of: plain).readableBytesView))
        let onlyBroker = Wire.Frame(callId: 2, kind: .request, service: "echo", method: "Echo", metadata: ["authorization": "Bearer t"])
        #expect(try filtered(onlyBroker).metadata.isEmpty)
    }

    @Test("malformed bytes are refused (nil), never half-copied")
    func malformed() {
        for bytes: [UInt8] in [[0x0A], [0x32, 0x05, 0x0A], [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01], [0x0B]] {
            #expect(FrameMetadataFilter.removing(from: ByteBuffer(bytes: bytes), allocator: ByteBufferAllocator(), where: { _ in true }) == nil, "\(bytes)")
        }
    }
}
