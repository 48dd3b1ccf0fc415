internal import CProtobufC
internal import Messages
import NIOCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Encodes and decodes `Frame` through protobuf-c, touching `Wire__Frame` directly.
///
/// The Frame is on every call's path (twice per hop), so unlike other messages it is not walked
/// through `DynamicMessage`: this file is the hand-specialised codec for that one message, and
/// with `ProtoCBridge` one of the two Swift files that see protobuf-c's C types.
public enum FrameCodec {
    /// The schema of `wire.Frame`, for the string scanner.
    static let schema: MessageSchema = ProtoRegistry.shared.message(named: "wire.Frame")!

    // MARK: Decoding

    /// Decodes one frame body (without its length prefix).
    ///
    /// - Parameter includePayload: false when the caller only forwards the bytes (the broker),
    ///   which saves copying the payload into Swift.
    public static func decode(_ body: UnsafeRawBufferPointer, includePayload: Bool = true) throws(ProtoCodecError) -> Frame {
        try ProtoWireScanner.validate(body, schema: schema)
        var exceeded: Int32 = 0
        var empty: UInt8 = 0
        let budget = body.count * ProtoCBridge.allocationFactor + 16 * 1024
        let unpacked = withUnsafePointer(to: &empty) { emptyPointer in
            // The registry's pointer to the static descriptor (valid for the whole process; a
            // pointer from `withUnsafePointer(to:)` would dangle once its closure returned).
            wire_unpack_bounded(
                schema.descriptor, body.count,
                body.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? emptyPointer, budget, &exceeded)
        }
        guard let unpacked else {
            if exceeded != 0 { throw ProtoCodecError(.tooLarge, "frame needs more than \(budget) bytes of memory to decode") }
            throw ProtoCodecError(.malformed, "not a valid wire.Frame")
        }
        defer { wire_free_unpacked(unpacked) }
        return UnsafeRawPointer(unpacked).withMemoryRebound(to: Wire__Frame.self, capacity: 1) { pointer in
            let f = pointer.pointee
            var frame = Frame(
                callID: f.call_id,
                kind: FrameKind(wireValue: Int32(bitPattern: f.kind.rawValue)),
                service: string(f.service),
                method: string(f.method),
                deadlineMilliseconds: f.deadline_ms)
            if f.n_metadata > 0 {
                var metadata: [String: String] = [:]
                metadata.reserveCapacity(f.n_metadata)
                for i in 0..<f.n_metadata {
                    if let entry = f.metadata[i]?.pointee {
                        metadata[string(entry.key)] = string(entry.value)  // last one wins, as in protobuf
                    }
                }
                frame.metadata = metadata
            }
            if includePayload && f.payload.len > 0 {
                frame.payload = Array(UnsafeBufferPointer(start: f.payload.data, count: f.payload.len))
            }
            if let status = f.status?.pointee {
                var violations: [FieldViolation] = []
                for i in 0..<status.n_violations {
                    if let v = status.violations[i]?.pointee {
                        violations.append(FieldViolation(field: string(v.field), description: string(v.`description`)))
                    }
                }
                frame.status = Status(
                    code: StatusCode(wireValue: Int32(bitPattern: status.code.rawValue)),
                    message: string(status.message), violations: violations)
            }
            return frame
        }
    }

    /// Decodes one frame body held in a ByteBuffer.
    public static func decode(_ body: ByteBuffer, includePayload: Bool = true) throws(ProtoCodecError) -> Frame {
        do {
            return try body.withUnsafeReadableBytes { try decode($0, includePayload: includePayload) }
        } catch let error as ProtoCodecError {
            throw error
        } catch {
            throw ProtoCodecError(.malformed, "\(error)")
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }

    // MARK: Encoding

    /// Appends `frame` with its 4-byte length prefix to `buffer`.
    public static func encode(_ frame: Frame, into buffer: inout ByteBuffer) {
        var strings = CStrings()
        defer { strings.freeAll() }
        var f = Wire__Frame()
        wire__frame__init(&f)
        f.call_id = frame.callID
        f.kind = Wire__FrameKind(rawValue: UInt32(bitPattern: frame.kind.rawValue))
        f.service = strings.copy(frame.service)
        f.method = strings.copy(frame.method)
        f.deadline_ms = frame.deadlineMilliseconds

        var entries = [Wire__Frame__MetadataEntry](repeating: Wire__Frame__MetadataEntry(), count: frame.metadata.count)
        var entryPointers = [UnsafeMutablePointer<Wire__Frame__MetadataEntry>?](repeating: nil, count: frame.metadata.count)
        var status = Wire__Status()
        var violations = [Wire__FieldViolation](repeating: Wire__FieldViolation(), count: frame.status?.violations.count ?? 0)
        var violationPointers = [UnsafeMutablePointer<Wire__FieldViolation>?](repeating: nil, count: violations.count)

        entries.withUnsafeMutableBufferPointer { entryBuffer in
            entryPointers.withUnsafeMutableBufferPointer { entryPointerBuffer in
                violations.withUnsafeMutableBufferPointer { violationBuffer in
                    violationPointers.withUnsafeMutableBufferPointer { violationPointerBuffer in
                        // Keys sorted: the same frame always encodes to the same bytes.
                        for (i, key) in frame.metadata.keys.sorted().enumerated() {
                            wire__frame__metadata_entry__init(&entryBuffer[i])
                            entryBuffer[i].key = strings.copy(key)
                            entryBuffer[i].value = strings.copy(frame.metadata[key]!)
                            entryPointerBuffer[i] = entryBuffer.baseAddress! + i
                        }
                        f.n_metadata = entryBuffer.count
                        f.metadata = entryPointerBuffer.baseAddress
                        if let s = frame.status {
                            wire__status__init(&status)
                            status.code = Wire__StatusCode(rawValue: UInt32(bitPattern: s.code.rawValue))
                            status.message = strings.copy(s.message)
                            for (i, v) in s.violations.enumerated() {
                                wire__field_violation__init(&violationBuffer[i])
                                violationBuffer[i].field = strings.copy(v.field)
                                violationBuffer[i].`description` = strings.copy(v.description)
                                violationPointerBuffer[i] = violationBuffer.baseAddress! + i
                            }
                            status.n_violations = violationBuffer.count
                            status.violations = violationPointerBuffer.baseAddress
                            withUnsafeMutablePointer(to: &status) { statusPointer in
                                f.status = statusPointer
                                frame.payload.withUnsafeBufferPointer { payload in
                                    pack(&f, payload: payload, into: &buffer)
                                }
                            }
                        } else {
                            frame.payload.withUnsafeBufferPointer { payload in
                                pack(&f, payload: payload, into: &buffer)
                            }
                        }
                    }
                }
            }
        }
    }

    private static func pack(_ f: inout Wire__Frame, payload: UnsafeBufferPointer<UInt8>, into buffer: inout ByteBuffer) {
        f.payload = ProtobufCBinaryData(len: payload.count, data: UnsafeMutablePointer(mutating: payload.baseAddress))
        withUnsafeMutablePointer(to: &f) { pointer in
            pointer.withMemoryRebound(to: ProtobufCMessage.self, capacity: 1) { message in
                let size = protobuf_c_message_get_packed_size(message)
                buffer.writeInteger(UInt32(size))
                buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: size) { out in
                    protobuf_c_message_pack(message, out.baseAddress!.assumingMemoryBound(to: UInt8.self))
                }
            }
        }
    }

    /// Writes `body` (a serialized frame received from a peer) with a new length prefix, followed
    /// by the serialization of a Frame holding only `callID`, `deadlineMilliseconds` (if non-zero)
    /// and `metadata`: parsed together, the later fields override the earlier ones, so a
    /// forwarder rewrites a frame without decoding and re-encoding its payload.
    public static func forward(
        _ body: ByteBuffer, overridingCallID callID: UInt64, deadlineMilliseconds: UInt32 = 0,
        metadata: [(String, String)] = [], into buffer: inout ByteBuffer
    ) {
        var strings = CStrings()
        defer { strings.freeAll() }
        var f = Wire__Frame()
        wire__frame__init(&f)
        f.call_id = callID
        f.deadline_ms = deadlineMilliseconds
        var entries = [Wire__Frame__MetadataEntry](repeating: Wire__Frame__MetadataEntry(), count: metadata.count)
        var entryPointers = [UnsafeMutablePointer<Wire__Frame__MetadataEntry>?](repeating: nil, count: metadata.count)
        entries.withUnsafeMutableBufferPointer { entryBuffer in
            entryPointers.withUnsafeMutableBufferPointer { entryPointerBuffer in
                for (i, pair) in metadata.enumerated() {
                    wire__frame__metadata_entry__init(&entryBuffer[i])
                    entryBuffer[i].key = strings.copy(pair.0)
                    entryBuffer[i].value = strings.copy(pair.1)
                    entryPointerBuffer[i] = entryBuffer.baseAddress! + i
                }
                f.n_metadata = metadata.count
                f.metadata = entryPointerBuffer.baseAddress
                withUnsafeMutablePointer(to: &f) { pointer in
                    pointer.withMemoryRebound(to: ProtobufCMessage.self, capacity: 1) { message in
                        let size = protobuf_c_message_get_packed_size(message)
                        buffer.writeInteger(UInt32(body.readableBytes + size))
                        var body = body
                        buffer.writeBuffer(&body)
                        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: size) { out in
                            protobuf_c_message_pack(message, out.baseAddress!.assumingMemoryBound(to: UInt8.self))
                        }
                    }
                }
            }
        }
    }

    /// C copies of Swift strings for one encode, freed together.
    private struct CStrings {
        private var pointers: [UnsafeMutablePointer<CChar>] = []

        mutating func copy(_ string: String) -> UnsafeMutablePointer<CChar>? {
            if string.isEmpty { return nil }
            let pointer = strdup(string)!
            pointers.append(pointer)
            return pointer
        }

        mutating func freeAll() {
            for pointer in pointers { free(pointer) }
        }
    }
}
