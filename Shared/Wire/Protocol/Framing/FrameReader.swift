import NIOCore

/// Splits a byte stream into frame bodies: 4-byte big-endian length, then that many bytes.
///
/// Plain value logic (no channel), so split, coalesced, oversize and garbage input are unit
/// tested directly; every connection handler (broker, client, service) owns one. The length is
/// checked against the limit as soon as its 4 bytes arrive — before anything is buffered or
/// allocated for the body. It remembers when the frame now arriving began, so a connection can
/// close a peer that starts a frame and never finishes it.
public struct FrameReader {
    /// A frame announced more bytes than the limit.
    public struct FrameTooLarge: Error, Sendable, Equatable, CustomStringConvertible {
        public let size: Int
        public let limit: Int
        public init(size: Int, limit: Int) {
            self.size = size
            self.limit = limit
        }

        public var description: String {
            "frame of \(size) bytes exceeds the limit of \(limit) bytes"
        }
    }

    public let maxFrameBytes: Int
    private var pending: ByteBuffer?
    /// When the first byte of the still incomplete frame arrived; nil between frames.
    public private(set) var partialFrameStartedAt: NIODeadline?

    public init(maxFrameBytes: Int) {
        self.maxFrameBytes = maxFrameBytes
    }

    /// Bytes received but not yet returned as frames.
    public var bufferedBytes: Int { pending?.readableBytes ?? 0 }

    /// Adds received bytes. Call `next()` until it returns nil afterwards.
    public mutating func append(_ bytes: ByteBuffer, now: NIODeadline = .now()) {
        guard bytes.readableBytes > 0 else { return }
        if pending == nil || pending!.readableBytes == 0 {
            pending = bytes
        } else {
            var incoming = bytes
            pending!.writeBuffer(&incoming)
        }
        if partialFrameStartedAt == nil { partialFrameStartedAt = now }
    }

    /// The next complete frame body, or nil when more bytes are needed.
    public mutating func next() throws(FrameTooLarge) -> ByteBuffer? {
        guard var buffer = pending else { return nil }
        guard let length = buffer.getInteger(at: buffer.readerIndex, as: UInt32.self) else {
            return nil
        }
        let size = Int(length)
        guard size <= maxFrameBytes else {
            throw FrameTooLarge(size: size, limit: maxFrameBytes)
        }
        guard buffer.readableBytes >= 4 + size else {
            return nil
        }
        buffer.moveReaderIndex(forwardBy: 4)
        let body = buffer.readSlice(length: size)!
        if buffer.readableBytes == 0 {
            pending = nil
            partialFrameStartedAt = nil
        } else {
            // Compact now and then so a long-lived connection does not grow its buffer forever.
            if buffer.readerIndex > 64 * 1024 && buffer.readerIndex > buffer.readableBytes {
                var compacted = ByteBufferAllocator().buffer(capacity: buffer.readableBytes)
                compacted.writeBuffer(&buffer)
                buffer = compacted
            }
            pending = buffer
            partialFrameStartedAt = .now()
        }
        return body
    }
}
