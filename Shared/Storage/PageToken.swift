/// An opaque cursor for keyset pagination: the sort-key values of the last
/// record on a page, which the next call continues after.
///
/// Services list records with `WHERE (sort keys) > (cursor) ORDER BY … LIMIT`
/// rather than OFFSET, so pages stay fast and stable while records are
/// inserted. Clients only see an unpadded URL-safe base64 string and must
/// treat it as opaque; the format version inside lets it change later.
///
/// Tokens are checksummed to reject garbage and truncation, but not signed:
/// a client can forge one, so decoded values must only ever be bound as SQL
/// parameters, never trusted as authorisation.
///
/// Binary layout, version 1: `[version][value count]` then, per value, a
/// LEB128 length and its UTF-8 bytes, then the first 4 bytes of the SHA-256
/// of everything before.
public struct PageToken: Sendable, Hashable {
    /// The layout version written by ``encoded``.
    public static let formatVersion: UInt8 = 1
    /// Longer strings are refused before any decoding work.
    public static let maximumEncodedLength = 4096
    /// The most cursor values one token may carry.
    public static let maximumValueCount = 32

    private static let checksumLength = 4

    /// The cursor: the last record's sort-key values, as strings.
    public let values: [String]

    public init(values: [String]) {
        self.values = values
    }

    /// The string to send to the client as `next_page_token`.
    public var encoded: String {
        var bytes: [UInt8] = [Self.formatVersion, UInt8(clamping: values.count)]
        for value in values.prefix(Self.maximumValueCount) {
            let utf8 = Array(value.utf8)
            Self.appendLength(utf8.count, to: &bytes)
            bytes.append(contentsOf: utf8)
        }
        bytes.append(contentsOf: SHA256Hash.digest(bytes).prefix(Self.checksumLength))
        return Base64URL.encode(bytes)
    }

    /// Decodes a token received from a client.
    public init(encoded text: String) throws(PageTokenError) {
        if text.isEmpty {
            throw .invalid(reason: "empty")
        }
        if text.utf8.count > Self.maximumEncodedLength {
            throw .invalid(reason: "longer than \(Self.maximumEncodedLength) characters")
        }
        guard let bytes = Base64URL.decode(text) else {
            throw .invalid(reason: "not URL-safe base64")
        }
        guard bytes.count >= 2 + Self.checksumLength else {
            throw .invalid(reason: "too short")
        }
        let body = bytes.dropLast(Self.checksumLength)
        guard Array(SHA256Hash.digest(Array(body)).prefix(Self.checksumLength)) == Array(bytes.suffix(Self.checksumLength)) else {
            throw .invalid(reason: "checksum mismatch")
        }
        guard body[body.startIndex] == Self.formatVersion else {
            throw .invalid(reason: "unsupported format version \(body[body.startIndex])")
        }

        var reader = ByteReader(bytes: Array(body.dropFirst()))
        guard let count = reader.readByte(), Int(count) <= Self.maximumValueCount else {
            throw .invalid(reason: "too many values")
        }
        var values: [String] = []
        for _ in 0..<count {
            guard let length = reader.readLength(), let utf8 = reader.read(length) else {
                throw .invalid(reason: "truncated")
            }
            guard let value = String(validating: utf8, as: UTF8.self) else {
                throw .invalid(reason: "value is not UTF-8")
            }
            values.append(value)
        }
        guard reader.isAtEnd else {
            throw .invalid(reason: "trailing bytes")
        }
        self.values = values
    }

    /// Decodes a request's `page_token` field, where the empty string (the
    /// protobuf default) means "first page" and yields nil.
    public static func decodeIfPresent(_ text: String) throws(PageTokenError) -> PageToken? {
        text.isEmpty ? nil : try PageToken(encoded: text)
    }

    private static func appendLength(_ length: Int, to bytes: inout [UInt8]) {
        var remaining = UInt64(length)
        while remaining >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: remaining) | 0x80)
            remaining >>= 7
        }
        bytes.append(UInt8(remaining))
    }

    /// Sequential reads over the token body; every read fails softly (nil)
    /// at the end of input so that truncated tokens become errors, not traps.
    private struct ByteReader {
        let bytes: [UInt8]
        var offset = 0

        var isAtEnd: Bool { offset == bytes.count }

        mutating func readByte() -> UInt8? {
            guard offset < bytes.count else { return nil }
            defer { offset += 1 }
            return bytes[offset]
        }

        /// A LEB128 length, at most 4 bytes (enough for any token).
        mutating func readLength() -> Int? {
            var result = 0
            for shift in stride(from: 0, to: 28, by: 7) {
                guard let byte = readByte() else { return nil }
                result |= Int(byte & 0x7F) << shift
                if byte & 0x80 == 0 { return result }
            }
            return nil
        }

        mutating func read(_ count: Int) -> [UInt8]? {
            guard count <= bytes.count - offset else { return nil }
            defer { offset += count }
            return Array(bytes[offset..<offset + count])
        }
    }
}
