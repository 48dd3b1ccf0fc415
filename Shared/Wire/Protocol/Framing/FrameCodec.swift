internal import Messages
import NIOCore

/// Frames on a byte stream: `Wire.Frame` (generated, protobuf-c underneath) behind a 4-byte
/// big-endian length, and the broker's forward that rewrites a frame without re-encoding it.
public enum FrameCodec {
    // MARK: Decoding

    /// Decodes one frame body (without its length prefix).
    public static func decode(_ body: UnsafeRawBufferPointer) throws(ProtoCodecError) -> Wire.Frame {
        try Wire.Frame(serializedBytes: body)
    }

    /// Decodes one frame body held in a ByteBuffer.
    public static func decode(_ body: ByteBuffer) throws(ProtoCodecError) -> Wire.Frame {
        do {
            return try body.withUnsafeReadableBytes { raw in try decode(raw) }
        } catch let error as ProtoCodecError {
            throw error
        } catch {
            throw ProtoCodecError(.malformed, "\(error)")
        }
    }

    // MARK: Encoding

    /// Appends `frame` with its 4-byte length prefix to `buffer`.
    ///
    /// Strings a frame carries were either checked on arrival or produced by our own code, so a
    /// NUL inside one is a bug somewhere; rather than drop the frame (a caller waiting forever),
    /// such characters are replaced and the frame is sent.
    public static func encode(_ frame: Wire.Frame, into buffer: inout ByteBuffer) {
        var arena = ProtoCArena()
        let message: UnsafeMutablePointer<Wire__Frame>
        do {
            message = try frame.cMessage(&arena)
        } catch {
            message = try! frame.withoutNULs().cMessage(&arena)
        }
        let size = ProtoC.packedSize(message)
        buffer.writeInteger(UInt32(size))
        ProtoC.pack(message, into: &buffer)
    }

    /// Writes `body` (a serialized frame received from a peer) with a new length prefix, followed
    /// by the serialization of a frame holding only `callId`, `deadlineMs` (if non-zero) and
    /// `metadata`: parsed together, the later fields override the earlier ones and map entries
    /// are appended, so a forwarder rewrites a frame without decoding and re-encoding its payload.
    ///
    /// With `dropping`, the metadata entries whose key it selects are left out of `body` as it is
    /// copied (``FrameMetadataFilter``), with no copy of the cut frame in between. Returns false
    /// when `body` could not be walked to cut it (it is not well formed at the top level; a frame
    /// that decoded is): then nothing of it was written rather than an entry that was to be
    /// dropped, and the frame written must not be sent.
    @discardableResult
    public static func forward(
        _ body: ByteBuffer, overridingCallId callId: UInt64, deadlineMs: UInt32 = 0,
        metadata: [(String, String)] = [], dropping: ((UnsafeRawBufferPointer) -> Bool)? = nil, into buffer: inout ByteBuffer
    ) -> Bool {
        var overrides = Wire.Frame(callId: callId, deadlineMs: deadlineMs)
        for (key, value) in metadata { overrides.metadata[key] = value }
        var arena = ProtoCArena()
        let message: UnsafeMutablePointer<Wire__Frame>
        do {
            message = try overrides.cMessage(&arena)
        } catch {
            message = try! overrides.withoutNULs().cMessage(&arena)
        }
        // The length is known once the body is written (cut or not): written then, in front.
        let lengthAt = buffer.writerIndex
        buffer.writeInteger(UInt32(0))
        let bodyStart = buffer.writerIndex
        var whole = true
        if let dropping {
            whole = body.withUnsafeReadableBytes { bytes in
                FrameMetadataFilter.forEachKeptRun(of: bytes, dropping: dropping) { buffer.writeBytes($0) }
            }
            if !whole { buffer.moveWriterIndex(to: bodyStart) }
        } else {
            var body = body
            buffer.writeBuffer(&body)
        }
        ProtoC.pack(message, into: &buffer)
        buffer.setInteger(UInt32(buffer.writerIndex - bodyStart), at: lengthAt)
        return whole
    }
}

extension Wire.Frame {
    /// This frame with NUL characters in its strings replaced by U+FFFD.
    func withoutNULs() -> Wire.Frame {
        func clean(_ text: String) -> String { text.replacingNUL() }
        var copy = self
        copy.service = clean(service)
        copy.method = clean(method)
        copy.metadata = Dictionary(metadata.map { (clean($0.key), clean($0.value)) }, uniquingKeysWith: { _, last in last })
        if var status = copy.status {
            status.message = clean(status.message)
            status.violations = status.violations.map { Wire.FieldViolation(field: clean($0.field), description: clean($0.description)) }
            copy.status = status
        }
        return copy
    }
}

extension String {
    func replacingNUL() -> String {
        guard utf8.contains(0) else { return self }
        return String(String.UnicodeScalarView(unicodeScalars.map { $0 == "\0" ? "\u{FFFD}" : $0 }))
    }
}
