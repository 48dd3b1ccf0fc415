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
    /// Cut the broker's keys while forwarding (the bytes were checked to be well formed at the
    /// top level, so the cut is exact).
    let cut: Bool
    /// The bytes that will be forwarded.
    let count: Int

    /// What `FrameCodec.forward` leaves out of the bytes: the keys only the broker may set, when
    /// they are to be cut.
    var dropping: ((UnsafeRawBufferPointer) -> Bool)? {
        cut ? { MetadataKey.isBrokerOnly(utf8: $0) } : nil
    }

    init(bytes: ByteBuffer, cut: Bool, count: Int? = nil) {
        self.bytes = bytes
        self.cut = cut
        self.count = count ?? bytes.readableBytes
    }
}
