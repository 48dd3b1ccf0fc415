package import CProtobufC

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The memory a generated message's protoc-c struct is built in before packing: structs, strings,
/// bytes and pointer arrays come from a few chunks (the first small, each next one twice the
/// size), all freed together when the arena goes out of scope (non-copyable, so it is freed
/// exactly once). Memory is handed out uninitialized: generated code initializes every struct
/// with protoc-c's `__init` and fills every array it allocates. Used only by generated code.
package struct ProtoCArena: ~Copyable {
    /// The first chunk (most messages need no other), then the rest.
    private var first: UnsafeMutableRawPointer?
    private var chunks: [UnsafeMutableRawPointer] = []
    private var cursor: UnsafeMutableRawPointer?
    private var remaining = 0
    private var nextChunkSize = 512

    package init() {}

    deinit {
        free(first)
        for chunk in chunks { free(chunk) }
    }

    private mutating func keep(_ chunk: UnsafeMutableRawPointer) {
        if first == nil { first = chunk } else { chunks.append(chunk) }
    }

    /// Uninitialized memory for `size` bytes, 16-byte aligned.
    package mutating func raw(_ size: Int) -> UnsafeMutableRawPointer {
        let padded = (max(size, 1) + 15) & ~15
        if padded > remaining {
            if padded > nextChunkSize / 2 {
                // Large values (payloads) get a chunk of their own; the current chunk stays open.
                let chunk = malloc(padded)!
                keep(chunk)
                return chunk
            }
            let chunk = malloc(nextChunkSize)!
            keep(chunk)
            cursor = chunk
            remaining = nextChunkSize
            nextChunkSize = min(nextChunkSize * 2, 64 * 1024)
        }
        let pointer = cursor!
        cursor = pointer + padded
        remaining -= padded
        return pointer
    }

    /// Uninitialized storage for `count` values of `T` (a C struct or pointer): the caller
    /// initializes every element.
    package mutating func allocate<T>(_ type: T.Type, count: Int = 1) -> UnsafeMutablePointer<T> {
        raw(MemoryLayout<T>.stride * count).bindMemory(to: T.self, capacity: count)
    }

    /// A copy of trivial values (integers, floats, C enums) as a C array.
    package mutating func array<T: BitwiseCopyable>(_ values: [T]) -> UnsafeMutablePointer<T> {
        let pointer = allocate(T.self, count: values.count)
        values.withUnsafeBufferPointer { source in
            pointer.update(from: source.baseAddress!, count: values.count)
        }
        return pointer
    }

    /// A NUL-terminated copy of `string`; a NUL inside it cannot be carried by protobuf-c.
    package mutating func string(_ string: String, field: String) throws(ProtoCodecError) -> UnsafeMutablePointer<CChar>? {
        let count = string.utf8.count
        let pointer = raw(count + 1).bindMemory(to: UInt8.self, capacity: count + 1)
        var copied =
            string.utf8.withContiguousStorageIfAvailable { source -> Bool in
                if count > 0 { pointer.update(from: source.baseAddress!, count: count) }
                return true
            } ?? false
        if !copied {
            for (index, byte) in string.utf8.enumerated() { pointer[index] = byte }
            copied = true
        }
        pointer[count] = 0
        if count > 0 && memchr(pointer, 0, count) != nil {
            throw ProtoCodecError(.invalidString, field: field, "strings may not contain NUL characters")
        }
        return UnsafeMutableRawPointer(pointer).assumingMemoryBound(to: CChar.self)
    }

    /// A copy of `bytes` as protobuf-c's binary data.
    package mutating func bytes(_ bytes: [UInt8]) -> ProtobufCBinaryData {
        guard !bytes.isEmpty else { return ProtobufCBinaryData(len: 0, data: nil) }
        let pointer = raw(bytes.count).bindMemory(to: UInt8.self, capacity: bytes.count)
        bytes.withUnsafeBufferPointer { pointer.update(from: $0.baseAddress!, count: bytes.count) }
        return ProtobufCBinaryData(len: bytes.count, data: pointer)
    }
}
