package import CProtobufC
internal import Messages
import NIOCore

/// The calls into protobuf-c that generated messages share: pack a built struct, unpack with the
/// decoder's guards, and read C fields back into Swift values. Only generated code and the frame
/// codec use it; no C type reaches a department service's API.
package enum ProtoC {
    /// Decode budget per wire byte. protobuf-c's structs need more memory than the wire bytes — a
    /// 3-byte empty sub-message becomes a struct of ~50 bytes plus bookkeeping — so legitimate
    /// messages stay under ~40×; anything needing more than 64× is refused (RESOURCE_EXHAUSTED)
    /// instead of being allowed to exhaust memory.
    package static let allocationFactor = 64

    /// Serializes a struct built by a generated message.
    package static func pack<C>(_ message: UnsafeMutablePointer<C>) -> [UInt8] {
        message.withMemoryRebound(to: ProtobufCMessage.self, capacity: 1) { base in
            let size = protobuf_c_message_get_packed_size(base)
            guard size > 0 else { return [] }
            return [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
                count = protobuf_c_message_pack(base, buffer.baseAddress!)
            }
        }
    }

    /// Appends the serialization of a built struct to `buffer`; returns its size.
    @discardableResult
    package static func pack<C>(_ message: UnsafeMutablePointer<C>, into buffer: inout ByteBuffer) -> Int {
        message.withMemoryRebound(to: ProtobufCMessage.self, capacity: 1) { base in
            let size = protobuf_c_message_get_packed_size(base)
            if size > 0 {
                buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: size) { out in
                    protobuf_c_message_pack(base, out.baseAddress!.assumingMemoryBound(to: UInt8.self))
                }
            }
            return size
        }
    }

    /// The packed size of a built struct.
    package static func packedSize<C>(_ message: UnsafeMutablePointer<C>) -> Int {
        message.withMemoryRebound(to: ProtobufCMessage.self, capacity: 1) { protobuf_c_message_get_packed_size($0) }
    }

    /// Unpacks `bytes` as a message of `descriptor` (`wire_decode`: strings checked, memory bounded)
    /// and hands the struct to `read`, which copies what it needs; the struct is freed afterwards.
    package static func unpack<C, R>(
        _ bytes: UnsafeRawBufferPointer, descriptor: UnsafePointer<ProtobufCMessageDescriptor>, as: C.Type,
        allocationLimit: Int? = nil, _ read: (UnsafePointer<C>) -> R
    ) throws(ProtoCodecError) -> R {
        let message = try decode(bytes, descriptor: descriptor, allocationLimit: allocationLimit)
        defer { wire_free_unpacked(message) }
        return UnsafeRawPointer(message).withMemoryRebound(to: C.self, capacity: 1) { read($0) }
    }

    /// `wire_decode` with its failures as `ProtoCodecError`; free the result with `free(_:)`.
    package static func decode(
        _ bytes: UnsafeRawBufferPointer, descriptor: UnsafePointer<ProtobufCMessageDescriptor>, allocationLimit: Int? = nil
    ) throws(ProtoCodecError) -> UnsafeMutablePointer<ProtobufCMessage> {
        let budget = allocationLimit ?? (bytes.count * allocationFactor + 64 * 1024)
        var error = wire_decode_error()
        let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
        if let message = wire_decode(descriptor, bytes.count, base, budget, &error) {
            return message
        }
        let name = String(cString: descriptor.pointee.name)
        switch error.status {
        case WIRE_DECODE_INVALID_STRING:
            let field = withUnsafeBytes(of: error.field) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            throw ProtoCodecError(.invalidString, field: field, "is not valid UTF-8 or contains a NUL byte")
        case WIRE_DECODE_TOO_LARGE:
            throw ProtoCodecError(.tooLarge, "decoding \(name) needs more than \(budget) bytes of memory")
        default:
            throw ProtoCodecError(.malformed, "not a valid \(name) message")
        }
    }

    /// Frees a message returned by `decode`.
    package static func free(_ message: UnsafeMutablePointer<ProtobufCMessage>) {
        wire_free_unpacked(message)
    }

    // MARK: Reading C fields

    package static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        guard let pointer, pointer.pointee != 0 else { return "" }
        return String(cString: pointer)
    }

    package static func bytes(_ data: ProtobufCBinaryData) -> [UInt8] {
        guard data.len > 0, let pointer = data.data else { return [] }
        return Array(UnsafeBufferPointer(start: pointer, count: data.len))
    }

    /// A repeated scalar field.
    package static func array<C, S>(_ count: Int, _ pointer: UnsafeMutablePointer<C>?, _ convert: (C) -> S) -> [S] {
        guard count > 0, let pointer else { return [] }
        return UnsafeBufferPointer(start: pointer, count: count).map(convert)
    }

    /// A repeated message field (an array of pointers; protobuf-c never stores NULL in it).
    package static func messages<C, S>(
        _ count: Int, _ pointer: UnsafeMutablePointer<UnsafeMutablePointer<C>?>?, _ convert: (UnsafePointer<C>) -> S
    ) -> [S] {
        guard count > 0, let pointer else { return [] }
        var result: [S] = []
        result.reserveCapacity(count)
        for index in 0..<count {
            if let element = pointer[index] { result.append(convert(element)) }
        }
        return result
    }

    /// A map field (repeated entries; a later entry for a key wins, as protobuf specifies).
    package static func map<C, V>(
        _ count: Int, _ pointer: UnsafeMutablePointer<UnsafeMutablePointer<C>?>?, _ convert: (UnsafePointer<C>) -> (String, V)
    ) -> [String: V] {
        guard count > 0, let pointer else { return [:] }
        var result: [String: V] = [:]
        result.reserveCapacity(count)
        for index in 0..<count {
            if let entry = pointer[index] {
                let (key, value) = convert(entry)
                result[key] = value
            }
        }
        return result
    }
}
