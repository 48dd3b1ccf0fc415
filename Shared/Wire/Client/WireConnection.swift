import Logging
import NIOCore
import NIOPosix
import Synchronization
import WireProtocol

/// One connection to the broker (or directly to a service): many calls in flight, answered in
/// any order, matched by call id. Used by the `window` client, by services calling other
/// services, and by tests.
///
/// Sendable: its mutable state lives in the channel handler on the channel's event loop
/// (reached through `NIOLoopBound`), and the call id counter is atomic.
public final class WireConnection: Sendable {
    public let channel: any Channel
    private let handler: NIOLoopBound<WireConnectionHandler>
    private let nextCallID = Atomic<UInt64>(1)
    /// The peer this connection was dialled to.
    public let peer: PeerAddress?

    init(channel: any Channel, handler: WireConnectionHandler, peer: PeerAddress?) {
        self.channel = channel
        self.handler = NIOLoopBound(handler, eventLoop: channel.eventLoop)
        self.peer = peer
    }

    /// Dials `address`; fails with UNAVAILABLE when nothing listens there.
    public static func connect(
        to address: PeerAddress, limits: ConnectionLimits = .init(), inbound: (any InboundCallHandling)? = nil,
        connectTimeout: TimeAmount = .seconds(5), group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger = Logger(label: "wire.client")
    ) async throws -> WireConnection {
        do {
            let channel = try await ClientBootstrap(group: group)
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .connectTimeout(connectTimeout)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let handler = WireConnectionHandler(limits: limits, logger: logger)
                        try channel.pipeline.syncOperations.addHandler(handler)
                    }
                }
                .connect(host: address.host, port: address.port).get()
            return try await channel.eventLoop.submit {
                let handler = try channel.pipeline.syncOperations.handler(type: WireConnectionHandler.self)
                let connection = WireConnection(channel: channel, handler: handler, peer: address)
                handler.connection = connection
                handler.inbound = inbound
                return connection
            }.get()
        } catch let error as RPCError {
            throw error
        } catch {
            throw RPCError(.unavailable, "cannot connect to \(address): \(Self.describe(error))")
        }
    }

    /// Wraps an accepted channel (a service serving direct clients); call on the channel's loop.
    package static func accepted(channel: any Channel, handler: WireConnectionHandler, inbound: any InboundCallHandling) -> WireConnection {
        let connection = WireConnection(channel: channel, handler: handler, peer: nil)
        handler.connection = connection
        handler.inbound = inbound
        return connection
    }

    private static func describe(_ error: any Error) -> String {
        let text = "\(error)"
        if text.contains("refused") || text.contains("ECONNREFUSED") { return "connection refused" }
        if text.contains("connectTimeout") || text.contains("timed out") { return "connection timed out" }
        return text
    }

    /// A fresh call id for this connection.
    public func makeCallId() -> UInt64 {
        nextCallID.add(1, ordering: .relaxed).oldValue
    }

    /// Sends a request frame and waits for its response frame. `timeout` guards against a peer
    /// that never answers; the broker normally answers DEADLINE_EXCEEDED first. Cancelling the
    /// calling task sends CANCEL and throws CANCELLED.
    public func call(_ request: Wire.Frame, timeout: TimeAmount? = nil) async throws -> Wire.Frame {
        var request = request
        if request.callId == 0 { request.callId = makeCallId() }
        let callId = request.callId
        let frame = request
        let handler = self.handler
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                channel.eventLoop.execute {
                    handler.value.startCall(frame, timeout: timeout, continuation: continuation)
                }
            }
        } onCancel: {
            channel.eventLoop.execute { handler.value.cancelCall(callId) }
        }
    }

    /// Calls `service.method` with a typed request; throws `RPCError` for a non-OK status.
    public func call<Request: ProtoMessage, Response: ProtoMessage>(
        service: String, method: String, request: Request, as: Response.Type = Response.self,
        deadline: TimeAmount = .seconds(10), metadata: [String: String] = [:]
    ) async throws -> Response {
        let payload = try request.serializedBytes()
        let response = try await callRaw(service: service, method: method, payload: payload, deadline: deadline, metadata: metadata)
        return try Response(serializedBytes: response)
    }

    /// Calls `service.method` with serialized bytes; returns the response payload or throws
    /// `RPCError` for a non-OK status.
    public func callRaw(
        service: String, method: String, payload: [UInt8], deadline: TimeAmount = .seconds(10),
        metadata: [String: String] = [:]
    ) async throws -> [UInt8] {
        let milliseconds = UInt32(clamping: max(1, deadline.nanoseconds / 1_000_000))
        let frame = Wire.Frame(
            kind: .request, service: service, method: method, deadlineMs: milliseconds,
            metadata: metadata, payload: payload)
        // The peer answers at the deadline; wait a little longer before giving up on it.
        let response = try await call(frame, timeout: deadline + .milliseconds(500))
        let status = response.status ?? Wire.Status(code: .unknown, message: "response without status")
        guard status.code == .ok else { throw RPCError(status: status) }
        return response.payload
    }

    /// Sends a frame that expects no answer (heartbeat, goodbye, a response).
    public func send(_ frame: Wire.Frame) {
        let handler = self.handler
        if channel.eventLoop.inEventLoop {
            handler.value.send(frame)
        } else {
            channel.eventLoop.execute { handler.value.send(frame) }
        }
    }

    /// When the last frame arrived (for heartbeat liveness); call from the channel's loop.
    package var lastReceived: NIODeadline { handler.value.lastReceived }

    /// The status of the ERROR frame the peer sent before closing, if it sent one (why it closed:
    /// a protocol error, or — from a broker — this instance's registration replaced by another).
    package func peerError() async -> Wire.Status? {
        let handler = self.handler
        return try? await channel.eventLoop.submit { handler.value.peerError }.get()
    }

    /// Closes the connection; calls in flight fail with UNAVAILABLE.
    public func close() async {
        try? await channel.close()
    }

    /// Completes when the connection has closed.
    public var closeFuture: EventLoopFuture<Void> { channel.closeFuture }
}
