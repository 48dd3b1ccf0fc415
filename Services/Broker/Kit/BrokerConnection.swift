import Foundation
import Logging
import NIOCore
import WindowContract
import WireClient
import WireProtocol

/// One connection to the broker — a caller, a service instance, or both — on the broker's event
/// loop: splits frames, enforces the connection's limits and timers, and hands each frame to
/// `BrokerState`. A protocol violation (malformed frame, oversize, unexpected kind) closes this
/// connection with an ERROR frame and touches no other.
final class BrokerConnection: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let state: BrokerState
    private var context: ChannelHandlerContext?
    private var reader: FrameReader
    private var hasUnflushedWrites = false
    private var lastReceived = NIODeadline.now()
    private var tick: RepeatedTask?
    private var closing = false
    /// Set when this connection registered as a service instance.
    var instance: InstanceRecord?
    /// This connection's calls in flight as a caller: its call id → broker call id.
    var clientCalls: [UInt64: UInt64] = [:]
    private(set) var peerDescription = "?"
    /// Who this connection's requests come from, cached per authorization value and principals
    /// snapshot until `validUntil`: the token's expiry, read on the monotonic clock the call
    /// already reads, but at most a second ahead, so that a step of the wall clock is noticed
    /// within a second without reading the wall clock for every call.
    private var principalCache: (authorization: String?, generation: Int, validUntil: NIODeadline, caller: Caller)?
    /// How long a cached principal is used before its token's expiry is read on the wall clock again.
    static let principalRecheck = TimeAmount.seconds(1)

    init(state: BrokerState) {
        self.state = state
        self.reader = FrameReader(maxFrameBytes: state.configuration.limits.maxFrameBytes)
    }

    var allocator: ByteBufferAllocator { context?.channel.allocator ?? ByteBufferAllocator() }

    // MARK: Lifecycle

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func channelActive(context: ChannelHandlerContext) {
        if let address = context.channel.remoteAddress {
            peerDescription = "\(address.ipAddress ?? "?"):\(address.port ?? 0)"
        }
        guard state.admit(self) else {
            state.logger.warning(
                "refusing connection: limit reached", metadata: ["peer": "\(peerDescription)", "limit": "\(state.configuration.maxConnections)"])
            fail(Wire.Status(code: .resourceExhausted, message: "too many connections (limit \(state.configuration.maxConnections))"))
            return
        }
        startTick(every: .seconds(1), on: context.eventLoop)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        tick?.cancel()
        tick = nil
        state.connectionClosed(self)
        self.context = nil
        context.fireChannelInactive()
    }

    /// A caller that does not read its responses must not make the broker buffer without bound:
    /// stop reading its requests until it catches up. (Not for service instances: they must keep
    /// being read so their responses drain, or both sides could wait on each other.)
    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if instance == nil {
            let writable = context.channel.isWritable
            context.channel.setOption(.autoRead, value: writable).whenFailure { _ in }
            if writable { context.read() }
        }
        context.fireChannelWritabilityChanged()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        state.logger.debug("connection error", metadata: ["peer": "\(peerDescription)", "error.message": "\(error)"])
        context.close(promise: nil)
    }

    // MARK: Reading

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !closing else { return }
        reader.append(unwrapInboundIn(data))
        do {
            while !closing, let body = try reader.next() {
                lastReceived = .now()
                handle(body)
            }
        } catch {
            state.logger.warning(
                "closing connection: oversize frame", metadata: ["peer": "\(peerDescription)", "size": "\(error.size)", "limit": "\(error.limit)"])
            fail(Wire.Status(code: .resourceExhausted, message: error.description))
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        state.flush()
        context.fireChannelReadComplete()
    }

    private func handle(_ body: ByteBuffer) {
        let header: Wire.Frame
        do {
            header = try FrameCodec.decode(body)
        } catch {
            state.logger.warning("closing connection: malformed frame", metadata: ["peer": "\(peerDescription)", "error.message": "\(error)"])
            fail(Wire.Status(code: .invalidArgument, message: "malformed frame: \(error)"))
            return
        }
        switch header.kind {
        case .request:
            handleRequest(header, body: body)
        case .response:
            guard instance != nil else { return protocolViolation("RESPONSE from a connection that is not a registered service") }
            state.completed(header, body: body, from: self)
        case .cancel:
            state.cancel(clientCallID: header.callId, from: self)
        case .register:
            handleRegister(header, body: body)
        case .heartbeat:
            break  // lastReceived was updated
        case .goodbye:
            state.instanceDraining(self)
            // Out of routing now: everything forwarded to the instance was written before this.
            if instance != nil { send(Wire.Frame(kind: .goodbye)) }
        case .error:
            state.logger.info(
                "peer reported an error and closes", metadata: ["peer": "\(peerDescription)", "error.message": "\(header.status?.message ?? "")"])
            close()
        case .unspecified:
            protocolViolation("frame without a kind")
        }
    }

    private func handleRequest(_ header: Wire.Frame, body: ByteBuffer) {
        guard header.callId != 0 else { return protocolViolation("request with call_id 0") }
        guard clientCalls[header.callId] == nil else {
            return respond(
                callId: header.callId, Wire.Status(code: .invalidArgument, message: "call_id \(header.callId) is already in flight on this connection"))
        }
        guard !state.draining else {
            return respond(callId: header.callId, Wire.Status(code: .unavailable, message: "the broker is shutting down"))
        }
        guard clientCalls.count < state.configuration.limits.maxInFlightPerConnection else {
            return respond(
                callId: header.callId,
                Wire.Status(
                    code: .resourceExhausted,
                    message: "too many calls in flight on this connection (limit \(state.configuration.limits.maxInFlightPerConnection))"))
        }
        let metadata = RequestMetadata(header.metadata)
        // Liveness probes may ask for Health without a token; a token that is wrong is refused anyway.
        let openProbe = metadata.authorization == nil && header.service == Window.serviceName && header.method == "Health"
        let now = NIODeadline.now()
        guard var caller = authenticate(metadata.authorization, now: now) ?? (openProbe ? Caller.probe : nil) else {
            return respond(callId: header.callId, Wire.Status(code: .unauthenticated, message: "missing or unknown bearer token in metadata \"authorization\""))
        }
        // A service calling within a call it handles acts for that call's caller; one holding a
        // delegation acts for the person who granted it.
        if let handle = metadata.onBehalfOf {
            guard let service = instance?.service,
                let original = handle.hasPrefix(Delegation.tokenPrefix)
                    ? state.callerDelegated(token: handle, grantee: service, service: header.service, method: header.method)
                    : state.callerBehind(handle: handle, on: self)
            else {
                return respond(
                    callId: header.callId,
                    Wire.Status(
                        code: .permissionDenied,
                        message: "on-behalf-of names neither a call in flight on this service link nor a delegation it holds for this method"))
            }
            caller = original
        }
        if let refusal = Self.checkMetadata(
            entries: header.metadata.count, bytes: metadata.bytes, maxEntries: state.configuration.maxMetadataEntries,
            maxBytes: state.configuration.maxMetadataBytes)
        {
            return respond(callId: header.callId, refusal)
        }
        if header.service == Window.serviceName {
            return answerWindow(header, body: body, metadata: metadata, caller: caller)
        }
        state.route(header, body: forwardable(header, body: body, metadata: metadata), from: self, caller: caller, metadata: metadata, now: now)
    }

    /// The broker's own methods: access as window.proto declares it, then answered here (on the
    /// loop, or off it for the audit log's reads), and recorded like every call.
    private func answerWindow(_ header: Wire.Frame, body: ByteBuffer, metadata: RequestMetadata, caller: Caller) {
        let started = NIODeadline.now()
        let audit = state.audit
        if WindowDelegationMethods.names.contains(header.method) {
            return answerDelegation(header, metadata: metadata, caller: caller, started: started)
        }
        guard state.principals == nil || WindowBuiltins.admits(header.method, roles: caller.roles) else {
            audit?.record(
                caller: caller, service: header.service, method: header.method, metadata: metadata, status: .permissionDenied,
                since: started)
            return respond(callId: header.callId, Wire.Status(code: .permissionDenied, message: "\(caller.id) may not call window.\(header.method)"))
        }
        if WindowAdminMethods.names.contains(header.method) {
            let store = state.configuration.principalStore
            let future = state.loop.makeFutureWithTask { await WindowAdminMethods.answer(header, store: store) }
            future.assumeIsolated().whenSuccess { status, payload, directory in
                if let directory { self.state.replacePrincipals(directory) }
                audit?.record(
                    caller: caller, service: header.service, method: header.method, metadata: metadata, status: status.code,
                    since: started)
                self.respond(callId: header.callId, status, payload: payload)
                self.state.flush()  // answered outside a read cycle: nothing else would flush it
            }
            return
        }
        if WindowBuiltins.composed.contains(header.method) {
            // Served by the composition module, the instance of `window` registered in this
            // process: routed, access-checked and audited like a call to any office.
            return state.route(header, body: forwardable(header, body: body, metadata: metadata), from: self, caller: caller, metadata: metadata)
        }
        guard WindowAuditMethods.names.contains(header.method) else {
            let (status, payload) = WindowBuiltins.answer(header, state: state)
            return respond(callId: header.callId, status, payload: payload)
        }
        // The calls recorded on this loop are queued first, so the query's flush covers every call
        // answered before it.
        audit?.handOver()
        let log = audit?.log
        let future = state.loop.makeFutureWithTask { await WindowAuditMethods.answer(header, audit: log) }
        future.assumeIsolated().whenSuccess { status, payload in
            audit?.record(
                caller: caller, service: header.service, method: header.method, metadata: metadata, status: status.code, since: started)
            self.respond(callId: header.callId, status, payload: payload)
            self.state.flush()  // answered outside a read cycle: nothing else would flush it
        }
    }

    /// `window.GrantDelegation` / `EndDelegation`: for service links only, answered off the loop,
    /// the change installed on it, recorded like every call.
    private func answerDelegation(_ header: Wire.Frame, metadata: RequestMetadata, caller: Caller, started: NIODeadline) {
        let audit = state.audit
        let grantee = instance?.service
        if let refusal = WindowDelegationMethods.refusal(header.method, caller: caller, grantee: grantee) {
            audit?.record(
                caller: caller, service: header.service, method: header.method, metadata: metadata, status: refusal.code,
                since: started)
            return respond(callId: header.callId, refusal)
        }
        let store = state.configuration.delegationStore
        let future = state.loop.makeFutureWithTask { await WindowDelegationMethods.answer(header, caller: caller, grantee: grantee!, store: store) }
        future.assumeIsolated().whenSuccess { status, payload, change in
            self.state.apply(change)
            audit?.record(
                caller: caller, service: header.service, method: header.method, metadata: metadata, status: status.code,
                since: started)
            self.respond(callId: header.callId, status, payload: payload)
            self.state.flush()  // answered outside a read cycle: nothing else would flush it
        }
    }

    /// RESOURCE_EXHAUSTED when a request carries more metadata than the broker accepts.
    static func checkMetadata(entries: Int, bytes: Int, maxEntries: Int, maxBytes: Int) -> Wire.Status? {
        guard entries <= maxEntries else {
            return Wire.Status(code: .resourceExhausted, message: "\(entries) metadata entries exceed the limit of \(maxEntries)")
        }
        guard bytes <= maxBytes else {
            return Wire.Status(code: .resourceExhausted, message: "\(bytes) bytes of metadata exceed the limit of \(maxBytes)")
        }
        return nil
    }

    /// The request as it may leave the broker: without `authorization` and without any key of
    /// the broker's own namespace (`x-…`), which the broker then sets itself. A request that
    /// carries none of them is forwarded as it arrived; one that does has those entries cut out
    /// of its bytes as it is forwarded (the call id the broker appends overrides the caller's).
    private func forwardable(_ header: Wire.Frame, body: ByteBuffer, metadata: RequestMetadata) -> ForwardedBody {
        // The entries are cut out of the bytes as they came, while they are copied into the
        // forwarded frame; the payload is not re-encoded.
        ForwardedBody(bytes: body, cut: metadata.hasBrokerOnly)
    }

    /// Who sent a request with `authorization` in its metadata, or nil when unauthenticated.
    private func authenticate(_ authorization: String?, now: NIODeadline) -> Caller? {
        if let cached = principalCache, cached.authorization == authorization, cached.generation == state.principalsGeneration,
            now < cached.validUntil
        {
            return cached.caller
        }
        let caller: Caller
        var expiresAt: Date?
        if let instance {
            caller = Caller(id: "service:\(instance.service)", roles: ["service"], gridScope: [])
        } else if let directory = state.principals {
            guard let entry = directory.principal(forAuthorization: authorization) else { return nil }
            caller = Caller(id: entry.id, roles: Set(entry.roles), gridScope: entry.gridScope)
            expiresAt = entry.expiresAt
        } else {
            caller = Caller(id: "anonymous", roles: [], gridScope: [])
        }
        var valid = Self.principalRecheck
        if let expiresAt {
            // Clamped before converting: a far expiry would overflow the nanoseconds.
            let left = max(0, min(expiresAt.timeIntervalSinceNow, Double(valid.nanoseconds) / 1e9))
            valid = .nanoseconds(Int64(left * 1e9))
        }
        principalCache = (authorization, state.principalsGeneration, now + valid, caller)
        return caller
    }

    private func handleRegister(_ header: Wire.Frame, body: ByteBuffer) {
        let status: Wire.Status
        var payload: [UInt8] = []
        do {
            let frame = try FrameCodec.decode(body)
            let request = try Wire.RegisterRequest(serializedBytes: frame.payload)
            let composition = try admit(request.service, authorization: frame.metadata[MetadataKey.authorization])
            let reply = try state.register(request, from: self, composition: composition)
            payload = try reply.serializedBytes()
            status = .ok
            principalCache = nil
            rescheduleTick()
        } catch let error as any RPCErrorConvertible {
            status = error.rpcError.status
        } catch {
            status = Wire.Status(code: .internal, message: "registration failed")
        }
        respond(callId: header.callId, status, payload: payload)
    }

    /// Work admission (社区工作准入): with principals configured, only a service credential issued
    /// for `service` may register an instance of it. A missing or unknown credential is
    /// UNAUTHENTICATED without saying which; a credential for another service is PERMISSION_DENIED.
    ///
    /// Service `window` is the broker's own: only its composition module, presenting the credential
    /// the broker made at start, may register it (returns true then), in development mode too.
    private func admit(_ service: String, authorization: String?) throws(RPCError) -> Bool {
        if service == Window.serviceName {
            guard let credential = state.configuration.compositionCredential,
                let presented = authorization, Self.constantTimeEqual(presented, "Bearer \(credential)")
            else {
                state.logger.warning("registration refused: service window is the broker's own", metadata: ["peer": "\(peerDescription)"])
                throw RPCError(.permissionDenied, "\"window\" is the broker's own service")
            }
            return true
        }
        guard let directory = state.principals else { return false }
        guard let entry = directory.principal(forAuthorization: authorization), !entry.services.isEmpty else {
            state.logger.warning("registration refused: no valid service credential", metadata: ["peer": "\(peerDescription)", "rpc.service": "\(service)"])
            throw RPCError(.unauthenticated, "registration needs a valid service credential in metadata \"authorization\"")
        }
        guard entry.services.contains(service) else {
            state.logger.warning(
                "registration refused: credential of another service",
                metadata: ["peer": "\(peerDescription)", "rpc.service": "\(service)", "principal": "\(entry.id)"])
            throw RPCError(.permissionDenied, "this credential may not register service \(service)")
        }
        return false
    }

    /// Compares two secrets in time that depends only on their lengths.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let (x, y) = (Array(a.utf8), Array(b.utf8))
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    // MARK: Timers

    private func onTick() {
        let now = NIODeadline.now()
        let limits = state.configuration.limits
        if let started = reader.partialFrameStartedAt, now - started > limits.frameTimeout {
            state.logger.warning("closing connection: frame not completed in time", metadata: ["peer": "\(peerDescription)"])
            fail(Wire.Status(code: .resourceExhausted, message: "a frame was not completed within \(limits.frameTimeout.nanoseconds / 1_000_000_000) s"))
            return
        }
        if let instance {
            if now - lastReceived > instance.heartbeatInterval * 3 {
                state.logger.warning(
                    "service instance silent for 3 heartbeat intervals; dropping it",
                    metadata: ["rpc.service": "\(instance.service)", "service.instance": "\(instance.instanceID)"])
                close()
                return
            }
            send(Wire.Frame(kind: .heartbeat))
        } else if clientCalls.isEmpty && now - lastReceived > limits.idleTimeout {
            state.logger.info("closing idle connection", metadata: ["peer": "\(peerDescription)"])
            fail(Wire.Status(code: .unavailable, message: "connection idle for \(limits.idleTimeout.nanoseconds / 1_000_000_000) s"))
        }
    }

    /// A heartbeat interval below a second needs a faster tick than the 1 s default.
    func rescheduleTick() {
        guard let context, let interval = instance?.heartbeatInterval, interval < .seconds(1) else { return }
        startTick(every: interval, on: context.eventLoop)
    }

    /// One repeating timer per connection checks heartbeats, idleness and slow frames; it is
    /// cancelled when the channel goes inactive (which breaks the reference it holds).
    private func startTick(every interval: TimeAmount, on loop: any EventLoop) {
        tick?.cancel()
        let bound = NIOLoopBound(self, eventLoop: loop)
        tick = loop.scheduleRepeatedTask(initialDelay: interval, delay: interval) { _ in
            bound.value.onTick()
        }
    }

    // MARK: Writing

    /// Queues bytes for this connection; flushed at the end of the current read cycle.
    func write(_ buffer: ByteBuffer) {
        guard let context, !closing else { return }
        context.write(wrapOutboundOut(buffer), promise: nil)
        if !hasUnflushedWrites {
            hasUnflushedWrites = true
            state.markDirty(self)
        }
    }

    func flushNow() {
        hasUnflushedWrites = false
        context?.flush()
    }

    /// Encodes and queues a frame, flushing right away (for frames sent outside a read cycle).
    func send(_ frame: Wire.Frame) {
        var buffer = allocator.buffer(capacity: 64)
        FrameCodec.encode(frame, into: &buffer)
        write(buffer)
        state.flush()
    }

    /// Answers one of this caller's calls.
    func respond(callId: UInt64, _ status: Wire.Status, payload: [UInt8] = []) {
        var buffer = allocator.buffer(capacity: 64 + payload.count)
        FrameCodec.encode(.response(callId: callId, status: status, payload: payload), into: &buffer)
        write(buffer)
    }

    private func protocolViolation(_ message: String) {
        state.logger.warning("closing connection: protocol violation", metadata: ["peer": "\(peerDescription)", "error.message": "\(message)"])
        fail(Wire.Status(code: .invalidArgument, message: message))
    }

    /// Sends an ERROR frame saying why, then closes.
    func fail(_ status: Wire.Status) {
        guard let context, !closing else { return }
        var buffer = allocator.buffer(capacity: 64)
        FrameCodec.encode(Wire.Frame(kind: .error, status: status), into: &buffer)
        closing = true
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(buffer)).whenComplete { _ in channel.close(promise: nil) }
    }

    func close() {
        guard let context, !closing else { return }
        closing = true
        context.flush()
        context.close(promise: nil)
    }
}
