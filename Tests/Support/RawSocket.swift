import Dispatch
import Foundation
import NIOCore
import WireClient
import WireProtocol

#if canImport(Glibc)
    import Glibc
#endif

/// A plain blocking TCP socket to a loopback port, for tests that must send what no well-behaved
/// client would (garbage, oversize lengths, half frames). Blocking reads run on a Dispatch
/// thread, never on Swift's cooperative pool.
public final class RawSocket: Sendable {
    private let fd: Int32

    public init(port: Int) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ProcessError("socket() failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            throw ProcessError("connect to 127.0.0.1:\(port) failed")
        }
        self.fd = fd
    }

    deinit { close(fd) }

    /// Sends bytes; returns false when the peer has closed.
    @discardableResult
    public func send(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in
            var sent = 0
            while sent < raw.count {
                let n = Glibc.send(fd, raw.baseAddress! + sent, raw.count - sent, Int32(MSG_NOSIGNAL))
                if n <= 0 { return false }
                sent += n
            }
            return true
        }
    }

    /// Sends a frame: length prefix + encoded `Wire.Frame`.
    @discardableResult
    public func send(_ frame: Wire.Frame) -> Bool {
        var buffer = ByteBuffer()
        FrameCodec.encode(frame, into: &buffer)
        return send(Array(buffer.readableBytesView))
    }

    /// What a read saw.
    public enum ReadResult: Sendable {
        case frame(Wire.Frame)
        case closed
        case timedOut
        case garbage
    }

    /// Reads one frame, or reports the connection closed, within `timeout` seconds.
    public func readFrame(timeout: Double = 5) async -> ReadResult {
        let fd = self.fd
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: RawSocket.blockingReadFrame(fd: fd, timeout: timeout))
            }
        }
    }

    /// Reads frames until the connection closes or `timeout` passes; true when it closed.
    public func waitUntilClosed(timeout: Double = 5) async -> Bool {
        let giveUp = Date().addingTimeInterval(timeout)
        while Date() < giveUp {
            switch await readFrame(timeout: max(0.05, giveUp.timeIntervalSinceNow)) {
            case .closed: return true
            case .timedOut: return false
            case .frame, .garbage: continue
            }
        }
        return false
    }

    private static func blockingReadFrame(fd: Int32, timeout: Double) -> ReadResult {
        let giveUp = Date().addingTimeInterval(timeout)
        func readExactly(_ count: Int) -> [UInt8]? {
            var out = [UInt8](repeating: 0, count: count)
            var got = 0
            while got < count {
                let left = giveUp.timeIntervalSinceNow
                if left <= 0 { return nil }
                var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                let ready = poll(&pfd, 1, Int32(left * 1000) + 1)
                if ready <= 0 { continue }
                let n = out.withUnsafeMutableBytes { recv(fd, $0.baseAddress! + got, count - got, 0) }
                if n <= 0 { return got == 0 && count > 0 ? [] : nil }
                got += n
            }
            return out
        }
        guard let header = readExactly(4) else { return .timedOut }
        if header.isEmpty { return .closed }
        let length = Int(header[0]) << 24 | Int(header[1]) << 16 | Int(header[2]) << 8 | Int(header[3])
        guard length < 64 * 1024 * 1024 else { return .garbage }
        guard let body = readExactly(length) else { return .timedOut }
        if length > 0 && body.isEmpty { return .closed }
        guard let frame = try? FrameCodec.decode(ByteBuffer(bytes: body)) else { return .garbage }
        return .frame(frame)
    }
}
