import NIOCore
import WireProtocol

/// A request's frame as the broker will forward it: the bytes as they arrived, and whether the
/// entries only the broker may set (`authorization`, `x-…`) are to be cut out of them as they are
/// copied into the forwarded frame.
///
/// It exists so that a request carrying a token costs one copy, not two: cutting the entries into
/// a buffer of their own and then copying that buffer into the forwarded frame was a third of
/// what authentication cost the event loop per call.
struct ForwardedBody {
    let bytes: ByteBuffer
    /// Cut the broker's keys while forwarding. The bytes decoded as a frame, so they are well
    /// formed at the top level and the cut is exact.
    let cut: Bool
    /// The bytes that will be forwarded, at most: exact unless `cut` (the entries cut out are
    /// only measured when the bytes are walked, see ``exactCount()``).
    let count: Int

    /// What `FrameCodec.forward` leaves out of the bytes: the keys only the broker may set, when
    /// they are to be cut.
    var dropping: ((UnsafeRawBufferPointer) -> Bool)? {
        cut ? { MetadataKey.isBrokerOnly(utf8: $0) } : nil
    }

    init(bytes: ByteBuffer, cut: Bool) {
        self.bytes = bytes
        self.cut = cut
        self.count = bytes.readableBytes
    }

    /// The bytes that will be forwarded, exactly: a walk over the frame when entries are cut (only
    /// needed when ``count`` is near a limit). Nil when the bytes cannot be walked.
    func exactCount() -> Int? {
        cut ? FrameMetadataFilter.keptCount(of: bytes, dropping: MetadataKey.isBrokerOnly(utf8:)) : count
    }
}
