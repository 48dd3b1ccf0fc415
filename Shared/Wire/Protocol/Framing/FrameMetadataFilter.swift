import NIOCore

/// Removes metadata entries from a serialized frame without decoding and re-encoding it: the
/// frame's top-level fields are walked, the `metadata` map entries (field 6) whose key is dropped
/// are skipped, and every other byte — the payload above all — is copied as it came, straight
/// into the forwarded frame (``FrameCodec/forward(_:overridingCallId:deadlineMs:metadata:dropping:into:)``).
///
/// It exists for the broker's hot path: every authenticated request carries `authorization`, which
/// must not reach a service; re-encoding the whole frame to drop it cost a protobuf-c decode and
/// encode of the payload per call. Protobuf lets a message be cut at field boundaries and the
/// remaining fields still parse to the same values, so dropping whole entries is exact.
public enum FrameMetadataFilter {
    /// Field number of `Frame.metadata` in wire.proto.
    static let metadataField: UInt64 = 6

    /// How many bytes of `body` are left once the entries `drop` selects are cut out; nil when
    /// `body` is not well formed at the top level.
    public static func keptCount(of body: ByteBuffer, dropping drop: (UnsafeRawBufferPointer) -> Bool) -> Int? {
        body.withUnsafeReadableBytes { bytes in
            var count = 0
            return forEachKeptRun(of: bytes, dropping: drop, { count += $0.count }) ? count : nil
        }
    }

    /// Walks the top-level fields of `bytes` and hands `keep` each run of bytes between the
    /// metadata entries `drop` selects, in order. False when `bytes` is not well formed at the top
    /// level (`keep` may have been called for a part of it).
    static func forEachKeptRun(
        of bytes: UnsafeRawBufferPointer, dropping drop: (UnsafeRawBufferPointer) -> Bool, _ keep: (UnsafeRawBufferPointer) -> Void
    ) -> Bool {
        var index = 0
        var keptFrom = 0
        while index < bytes.count {
            let fieldStart = index
            guard let (field, value) = nextField(bytes, &index) else { return false }
            if field == metadataField, let value {
                guard let key = entryKey(UnsafeRawBufferPointer(rebasing: bytes[value])) else { return false }
                if drop(key) {
                    if fieldStart > keptFrom { keep(UnsafeRawBufferPointer(rebasing: bytes[keptFrom..<fieldStart])) }
                    keptFrom = index
                }
            }
        }
        if bytes.count > keptFrom { keep(UnsafeRawBufferPointer(rebasing: bytes[keptFrom..<bytes.count])) }
        return true
    }

    /// The key (field 1) of a map entry's bytes; empty when the entry has none (proto3 default).
    static func entryKey(_ entry: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer? {
        var index = 0
        var key = UnsafeRawBufferPointer(rebasing: entry[0..<0])
        while index < entry.count {
            guard let (field, value) = nextField(entry, &index) else { return nil }
            if field == 1, let value { key = UnsafeRawBufferPointer(rebasing: entry[value]) }
        }
        return key
    }

    /// Reads the field at `index`, advancing past it: its number, and for a length-delimited field
    /// where its bytes lie. Nil when the field is not well formed or runs past the end (groups,
    /// wire types 3 and 4, are refused).
    @inline(__always)
    static func nextField(_ bytes: UnsafeRawBufferPointer, _ index: inout Int) -> (field: UInt64, value: Range<Int>?)? {
        guard let tag = varint(bytes, &index) else { return nil }
        var value: Range<Int>?
        switch tag & 7 {
        case 0:
            guard varint(bytes, &index) != nil else { return nil }
        case 1:
            index += 8
        case 5:
            index += 4
        case 2:
            guard let length = varint(bytes, &index), length <= UInt64(bytes.count - index) else { return nil }
            value = index..<index + Int(length)
            index += Int(length)
        default:
            return nil
        }
        guard index <= bytes.count else { return nil }
        return (tag >> 3, value)
    }

    /// Reads a base-128 varint at `index`, advancing it; nil past the end or beyond 10 bytes.
    @inline(__always)
    static func varint(_ bytes: UnsafeRawBufferPointer, _ index: inout Int) -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while index < bytes.count, shift < 64 {
            let byte = bytes[index]
            index += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
        return nil
    }
}

extension MetadataKey {
    /// `isBrokerOnly` on a key's raw UTF-8 bytes (what ``FrameMetadataFilter`` sees).
    public static func isBrokerOnly(utf8 key: UnsafeRawBufferPointer) -> Bool {
        if key.count >= 2, key[0] == UInt8(ascii: "x"), key[1] == UInt8(ascii: "-") { return true }
        return equal(key, "authorization") || equal(key, "on-behalf-of")
    }

    /// Whether `key` holds exactly the bytes of `text`: lengths first (most keys differ there),
    /// then the bytes, with no allocation and no generic iteration (this runs for every entry of
    /// every request).
    @inline(__always)
    private static func equal(_ key: UnsafeRawBufferPointer, _ text: StaticString) -> Bool {
        guard key.count == text.utf8CodeUnitCount else { return false }
        let bytes = text.utf8Start
        for i in 0..<key.count where key[i] != bytes[i] { return false }
        return true
    }

}
