import Logging
import NIOCore
import WireProtocol

/// The channel handler of every endpoint that is not the broker (the `window` client, the
/// service runtime, tests): splits frames, matches RESPONSE frames to waiting calls by call id,
/// hands REQUEST/CANCEL frames to an `InboundCallHandling`, and fails everything still waiting
/// with UNAVAILABLE when the connection closes — a caller never hangs on a dead peer.
///
/// All its state is confined to the channel's event loop.
package final class WireConnectionHandler: ChannelInboundHandler {
    package typealias InboundIn = ByteBuffer
    package typealias OutboundOut = ByteBuffer

    private var reader: FrameReader
    private var waiting: [UInt64: Waiting] = [:]
    private var closed = false
    private let limits: ConnectionLimits
    private let logger: Logger
    /// Set by `WireConnection` right after the channel is created.
    var connection: WireConnection?
    var inbound: (any InboundCallHandling)?
    /// Last time any frame arrived, for heartbeat liveness.
    private(set) var lastReceived: NIODeadline = .now()
    /// The status of the ERROR frame the peer sent, if any (see `WireConnection.peerError()`).
    private(set) var peerError: Wire.Status?
    private var context: ChannelHandlerContext?

    struct Waiting {
        let continuation: CheckedContinuation<Wire.Frame, any Error>
        let timer: Scheduled<Void>?
    }

    package init(limits: ConnectionLimits, logger: Logger) {
        self.reader = FrameReader(maxFrameBytes: limits.maxFrameBytes)
        self.limits = limits
        self.logger = logger
    }

    package func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    /// Inside a read cycle, frames sent from the event loop (inline handlers' replies) are
    /// written without flushing; `channelReadComplete` flushes them together, one write(2)
    /// for the whole batch instead of one per reply.
    private var inReadCycle = false
    private var needsFlush = false

    package func channelReadComplete(context: ChannelHandlerContext) {
        inReadCycle = false
        if needsFlush {
            needsFlush = false
            context.flush()
        }
        context.fireChannelReadComplete()
    }

    package func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        inReadCycle = true
        reader.append(unwrapInboundIn(data))
        do {
            while let body = try reader.next() {
                lastReceived = .now()
                let frame: Wire.Frame
                do {
                    frame = try FrameCodec.decode(body)
                } catch {
                    protocolError(context: context, RPCError(.invalidArgument, "malformed frame: \(error)"))
                    return
                }
                handle(frame, context: context)
            }
        } catch {
            protocolError(context: context, RPCError(.resourceExhausted, error.description))
        }
    }

    private func handle(_ frame: Wire.Frame, context: ChannelHandlerContext) {
        switch frame.kind {
        case .response:
            guard let entry = waiting.removeValue(forKey: frame.callId) else { return }  // late: already failed
            entry.timer?.cancel()
            entry.continuation.resume(returning: frame)
        case .request:
            if let inbound, let connection {
                inbound.handleRequest(frame, on: connection)
            } else {
                let refusal = Wire.Frame.response(callId: frame.callId, status: Wire.Status(code: .unimplemented, message: "this endpoint serves no methods"))
                write(refusal, context: context)
                context.flush()
            }
        case .cancel:
            if let inbound, let connection { inbound.handleCancel(callId: frame.callId, on: connection) }
        case .heartbeat:
            break
        case .error:
            let status = frame.status ?? Wire.Status(code: .unavailable, message: "peer reported an error")
            peerError = status
            logger.warning("peer closes the connection", metadata: ["rpc.status": "\(status.code.name)", "error.message": "\(status.message)"])
            failAll(RPCError(status: status))
        case .goodbye where inbound != nil:
            if let inbound, let connection { inbound.goodbyeAcknowledged(on: connection) }
        case .register, .goodbye, .unspecified:
            protocolError(context: context, RPCError(.invalidArgument, "unexpected frame kind \(frame.kind) from peer"))
        }
    }

    private func protocolError(context: ChannelHandlerContext, _ error: RPCError) {
        logger.warning("closing connection after protocol error", metadata: ["error.message": "\(error.message)"])
        var buffer = context.channel.allocator.buffer(capacity: 128)
        FrameCodec.encode(Wire.Frame(kind: .error, status: error.status), into: &buffer)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(buffer)).whenComplete { _ in channel.close(promise: nil) }
        failAll(RPCError(.unavailable, "connection closed: \(error.message)"))
    }

    package func channelInactive(context: ChannelHandlerContext) {
        closed = true
        failAll(RPCError(.unavailable, "connection to \(context.channel.remoteAddress?.description ?? "peer") closed"))
        if let inbound, let connection { inbound.connectionClosed(connection) }
        context.fireChannelInactive()
    }

    package func errorCaught(context: ChannelHandlerContext, error: any Error) {
        logger.debug("connection error", metadata: ["error.message": "\(error)"])
        context.close(promise: nil)
    }

    private func failAll(_ error: RPCError) {
        let entries = waiting
        waiting.removeAll()
        for (_, entry) in entries {
            entry.timer?.cancel()
            entry.continuation.resume(throwing: error)
        }
    }

    private func write(_ frame: Wire.Frame, context: ChannelHandlerContext) {
        var buffer = context.channel.allocator.buffer(capacity: 64 + frame.payload.count)
        FrameCodec.encode(frame, into: &buffer)
        context.write(wrapOutboundOut(buffer), promise: nil)
    }

    // MARK: Called on the event loop by WireConnection

    func startCall(_ frame: Wire.Frame, timeout: TimeAmount?, continuation: CheckedContinuation<Wire.Frame, any Error>) {
        guard let context, !closed else {
            continuation.resume(throwing: RPCError(.unavailable, "connection is closed"))
            return
        }
        guard waiting.count < limits.maxInFlightPerConnection else {
            continuation.resume(
                throwing: RPCError(.resourceExhausted, "too many calls in flight on this connection (limit \(limits.maxInFlightPerConnection))"))
            return
        }
        let callId = frame.callId
        var timer: Scheduled<Void>?
        if let timeout {
            timer = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) { [weak self] in
                guard let self, let entry = self.waiting.removeValue(forKey: callId) else { return }
                entry.continuation.resume(throwing: RPCError(.deadlineExceeded, "no answer within the deadline"))
                self.send(Wire.Frame(callId: callId, kind: .cancel))
            }
        }
        waiting[callId] = Waiting(continuation: continuation, timer: timer)
        write(frame, context: context)
        context.flush()
    }

    func cancelCall(_ callId: UInt64) {
        guard let entry = waiting.removeValue(forKey: callId) else { return }
        entry.timer?.cancel()
        entry.continuation.resume(throwing: RPCError(.cancelled, "call cancelled by the caller"))
        send(Wire.Frame(callId: callId, kind: .cancel))
    }

    func send(_ frame: Wire.Frame) {
        guard let context, !closed else { return }
        write(frame, context: context)
        if inReadCycle {
            needsFlush = true
        } else {
            context.flush()
        }
    }

    func send(_ frames: [Wire.Frame]) {
        guard let context, !closed else { return }
        for frame in frames { write(frame, context: context) }
        context.flush()
    }
}
