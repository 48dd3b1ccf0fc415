import NIOCore
import Testing
import WireProtocol

@testable import WireClient

@Suite("Codec: Wire.Frame")
struct FrameCodecTests {
    func body(of frame: Wire.Frame) -> ByteBuffer {
        var buffer = ByteBuffer()
        FrameCodec.encode(frame, into: &buffer)
        #expect(buffer.readInteger(as: UInt32.self) == UInt32(buffer.readableBytes))
        return buffer
    }

    @Test("a frame with every field round-trips")
    func roundTrip() throws {
        let frame = Wire.Frame(
            callId: 42, kind: .response, service: "employment", method: "RegisterJobSeeker", deadlineMs: 1500,
            metadata: ["authorization": "Bearer x", "purpose": "安置帮教"], payload: [1, 2, 3, 0],
            status: Wire.Status(code: .invalidArgument, message: "bad", violations: [Wire.FieldViolation(field: "a", description: "b")]))
        #expect(try FrameCodec.decode(body(of: frame)) == frame)
    }

    @Test("the same frame always encodes to the same bytes")
    func deterministic() {
        let frame = Wire.Frame(callId: 1, kind: .request, metadata: ["b": "2", "a": "1", "c": "3"])
        #expect(Array(body(of: frame).readableBytesView) == Array(body(of: frame).readableBytesView))
    }

    @Test("forwarding appends overrides: new call id and deadline win, broker metadata replaces the caller's")
    func forward() throws {
        let original = Wire.Frame(
            callId: 7, kind: .request, service: "echo", method: "Echo", deadlineMs: 5000,
            metadata: ["x-principal-id": "forged", "purpose": "review"], payload: Array(repeating: 9, count: 100))
        var out = ByteBuffer()
        FrameCodec.forward(
            body(of: original), overridingCallId: 99, deadlineMs: 1234,
            metadata: [("x-principal-id", "clerk-01"), ("x-principal-roles", "clerk")], into: &out)
        let length = out.readInteger(as: UInt32.self)
        #expect(length.map(Int.init) == out.readableBytes)
        let forwarded = try FrameCodec.decode(out)
        #expect(forwarded.callId == 99)
        #expect(forwarded.deadlineMs == 1234)
        #expect(forwarded.metadata == ["x-principal-id": "clerk-01", "x-principal-roles": "clerk", "purpose": "review"])
        #expect(forwarded.payload == original.payload)
        #expect(forwarded.service == "echo" && forwarded.method == "Echo" && forwarded.kind == .request)
    }

    @Test("garbage bodies are refused with an error, not a crash")
    func garbage() {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let bytes = (0..<Int.random(in: 1...64, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            _ = try? FrameCodec.decode(ByteBuffer(bytes: bytes))
        }
        #expect(throws: ProtoCodecError.self) { try FrameCodec.decode(ByteBuffer(bytes: [0x1A, 0x02, 0xFF, 0xFE])) }
    }

    @Test("PeerAddress parses HOST:PORT and refuses the rest")
    func addresses() {
        #expect(PeerAddress("127.0.0.1:7000") == PeerAddress(host: "127.0.0.1", port: 7000))
        #expect(PeerAddress("localhost:1")?.host == "127.0.0.1")
        #expect(PeerAddress("[::1]:7000")?.host == "::1")
        #expect(PeerAddress("nohost") == nil)
        #expect(PeerAddress(":7000") == nil)
        #expect(PeerAddress("h:70000") == nil)
    }

    @Test("Validation collects every violation and throws INVALID_ARGUMENT naming each field")
    func validation() {
        var validation = Validation()
        validation.require(false, field: "a", "must be set")
        validation.length("", field: "b", within: 1...5)
        _ = validation.parse("c") { () throws -> Int in throw RPCError(.internal, "nope") }
        #expect(validation.violations.map(\.field) == ["a", "b", "c"])
        #expect(throws: RPCError.self) { try validation.finish() }
        do { try validation.finish() } catch { #expect(error.code == .invalidArgument && error.violations.count == 3) }
    }
}
