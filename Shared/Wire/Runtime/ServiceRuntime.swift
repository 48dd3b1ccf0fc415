import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import Synchronization
import WireClient
import WireProtocol

/// Runs a department service: dials the broker, registers its methods, heartbeats, serves the
/// calls the broker forwards, reconnects with backoff when the broker goes away, and on
/// shutdown says GOODBYE and drains its in-flight calls before closing.
///
/// A `Service` for swift-service-lifecycle: put it in a `ServiceGroup` with the service's other
/// long-running parts; SIGTERM/SIGINT trigger the graceful path.
public final class ServiceRuntime: Service {
    public let definition: ServiceDefinition
    public let configuration: ServiceRuntimeConfiguration
    public let instanceID: String
    private let logger: Logger
    private let dispatcher: CallDispatcher
    let link = BrokerLinkSlot()
    private let group: any EventLoopGroup
    /// How many registrations succeeded so far (reconnects count); read through `registrations`.
    private let registeredCount = Atomic<Int>(0)

    public init(
        definition: ServiceDefinition, configuration: ServiceRuntimeConfiguration, logger: Logger,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) {
        self.definition = definition
        self.configuration = configuration
        self.instanceID = configuration.instanceID ?? "\(definition.name)-\(String(UInt32.random(in: 0...UInt32.max), radix: 16))"
        var logger = logger
        logger[metadataKey: "service.instance"] = "\(instanceID)"
        self.logger = logger
        self.group = group
        let link = self.link
        self.dispatcher = CallDispatcher(
            definition: definition, maxConcurrentCalls: configuration.maxConcurrentCalls,
            defaultDeadline: configuration.defaultDeadline, logger: logger,
            outbound: { link.current })
    }

    /// How many times this instance has registered with a broker (reconnects count).
    public var registrations: Int { registeredCount.load(ordering: .relaxed) }

    public func run() async throws {
        let direct = try await startDirectListener()
        await withTaskCancellationHandler {
            await withGracefulShutdownHandler {
                await brokerLoop()
            } onGracefulShutdown: {
                self.beginShutdown()
            }
        } onCancel: {
            self.stopping.store(true, ordering: .relaxed)
            self.link.current?.channel.close(promise: nil)
        }
        await drain()
        if let direct { try? await direct.close() }
        if let connection = link.current { await connection.close() }
        logger.info("stopped")
        if let status = replacedBy.withLock({ $0 }) { throw RPCError(status: status) }
    }

    /// Set when the broker dropped this instance's link because another process registered under
    /// the same instance id: `run()` then ends with that error instead of reconnecting.
    private let replacedBy = Mutex<Wire.Status?>(nil)

    private let stopping = Atomic<Bool>(false)

    /// GOODBYE to the broker (no new calls); once the broker has answered it (every call it
    /// forwarded has then arrived) let calls in flight finish, then close the link, which ends
    /// `brokerLoop`. Both waits are bounded by the drain timeout.
    private func beginShutdown() {
        stopping.store(true, ordering: .relaxed)
        logger.info("shutting down: draining calls in flight", metadata: ["calls": "\(dispatcher.inFlight)"])
        let connection = link.current
        connection?.send(Wire.Frame(kind: .goodbye))
        Task {
            if connection != nil {
                await self.bounded("the broker to answer GOODBYE") { await self.dispatcher.whenGoodbyeAcknowledged() }
            }
            await self.drain()
            self.link.current?.channel.close(promise: nil)
        }
    }

    /// Waits until no call is in flight, at most the drain timeout.
    private func drain() async {
        await bounded("calls in flight to finish") { await self.dispatcher.whenIdle() }
        if dispatcher.inFlight > 0 {
            logger.warning("drain timeout: calls still in flight", metadata: ["calls": "\(dispatcher.inFlight)"])
        }
    }

    /// Runs `wait`, giving up after the drain timeout (a shutdown must end). The loser of the
    /// race is left behind, not awaited: a wait that never ends must not hold the shutdown.
    private func bounded(_ what: String, _ wait: @escaping @Sendable () async -> Void) async {
        let timeout = configuration.drainTimeout
        let finished = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let first = Atomic<Bool>(false)
            let resume: @Sendable (Bool) -> Void = { value in
                if !first.exchange(true, ordering: .acquiringAndReleasing) { continuation.resume(returning: value) }
            }
            Task {
                await wait(); resume(true)
            }
            Task {
                try? await Task.sleep(nanoseconds: UInt64(max(timeout.nanoseconds, 0)))
                resume(false)
            }
        }
        if !finished { logger.warning("shutdown: gave up waiting for \(what)") }
    }

    /// Connect, register, serve until the connection drops; repeat with backoff until shutdown.
    private func brokerLoop() async {
        var backoff = configuration.reconnectBackoff.initial
        while !stopping.load(ordering: .relaxed) && !Task.isCancelled {
            do {
                let connection = try await WireConnection.connect(
                    to: configuration.broker, limits: configuration.limits, inbound: dispatcher, group: group, logger: logger)
                let interval = try await register(on: connection)
                link.current = connection
                registeredCount.add(1, ordering: .relaxed)
                backoff = configuration.reconnectBackoff.initial
                logger.info("registered with broker", metadata: ["broker": "\(configuration.broker)", "heartbeat.ms": "\(interval.nanoseconds / 1_000_000)"])
                let heartbeat = startHeartbeat(on: connection, interval: interval)
                try? await connection.closeFuture.get()
                heartbeat.cancel()
                link.current = nil
                if stopping.load(ordering: .relaxed) { return }
                if let status = await connection.peerError(), status.code == .alreadyExists {
                    // Two live processes with one id would take it from each other for ever:
                    // the newer registration keeps it, this one stops.
                    logger.error(
                        "another process registered with this instance id; stopping (give each instance its own --instance-id)",
                        metadata: ["broker": "\(configuration.broker)"])
                    replacedBy.withLock { $0 = status }
                    stopping.store(true, ordering: .relaxed)
                    return
                }
                logger.warning("lost the broker; reconnecting", metadata: ["broker": "\(configuration.broker)"])
            } catch {
                logger.warning(
                    "cannot reach the broker",
                    metadata: ["broker": "\(configuration.broker)", "error.message": "\(error)", "retry.ms": "\(backoff.nanoseconds / 1_000_000)"])
            }
            // Jitter spreads the reconnects of many instances after a broker restart.
            let jittered = NIODeadline.now() + .nanoseconds(Int64(Double(backoff.nanoseconds) * Double.random(in: 0.5...1.0)))
            while NIODeadline.now() < jittered && !stopping.load(ordering: .relaxed) && !Task.isCancelled {
                try? await Task.sleep(nanoseconds: 20_000_000)
            }
            backoff = min(backoff * 2, configuration.reconnectBackoff.maximum)
        }
    }

    private func register(on connection: WireConnection) async throws -> TimeAmount {
        let request = Wire.RegisterRequest(
            service: definition.name, instanceId: instanceID, methods: definition.registration,
            maxConcurrentCalls: UInt32(configuration.maxConcurrentCalls),
            heartbeatIntervalMs: UInt32(configuration.heartbeatInterval.nanoseconds / 1_000_000),
            maxFrameBytes: UInt32(clamping: configuration.limits.maxFrameBytes))
        let credential = configuration.credential.map { [MetadataKey.authorization: "Bearer \($0)"] } ?? [:]
        let frame = Wire.Frame(kind: .register, service: definition.name, metadata: credential, payload: try request.serializedBytes())
        let response = try await connection.call(frame, timeout: .seconds(10))
        guard let status = response.status, status.code == .ok else {
            await connection.close()
            throw RPCError(status: response.status ?? Wire.Status(code: .unknown, message: "registration refused"))
        }
        let reply = try Wire.RegisterReply(serializedBytes: response.payload)
        return .milliseconds(Int64(max(reply.heartbeatIntervalMs, 10)))
    }

    /// Sends a heartbeat every interval and closes the connection when the broker has been
    /// silent for 3 intervals (its heartbeats count), which makes `brokerLoop` reconnect.
    private func startHeartbeat(on connection: WireConnection, interval: TimeAmount) -> RepeatedTask {
        let logger = self.logger
        return connection.channel.eventLoop.scheduleRepeatedTask(initialDelay: interval, delay: interval) { _ in
            if NIODeadline.now() - connection.lastReceived > interval * 3 {
                logger.warning("broker silent for 3 heartbeat intervals; dropping the connection")
                connection.channel.close(promise: nil)
                return
            }
            connection.send(Wire.Frame(kind: .heartbeat))
        }
    }

    /// Serves the same methods to clients that connect directly (no broker in between).
    private func startDirectListener() async throws -> (any Channel)? {
        guard let address = configuration.directListen else { return nil }
        let limits = configuration.limits
        let logger = self.logger
        let dispatcher = self.dispatcher
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let handler = WireConnectionHandler(limits: limits, logger: logger)
                    try channel.pipeline.syncOperations.addHandler(handler)
                    _ = WireConnection.accepted(channel: channel, handler: handler, inbound: DirectCallHandling(dispatcher: dispatcher))
                }
            }
            .bind(host: address.host, port: address.port).get()
        let bound = PeerAddress(host: address.host, port: channel.localAddress?.port ?? address.port)
        logger.info("serving direct clients", metadata: ["listen": "\(bound)"])
        // One line on standard output with the port actually bound (port 0 takes a free one),
        // for scripts and tests to wait on; a single write(2), so it is never left in a buffer.
        var announcement = "serving direct clients on \(bound)\n"
        announcement.withUTF8 { bytes in _ = write(STDOUT_FILENO, bytes.baseAddress, bytes.count) }
        return channel
    }
}

/// The current connection to the broker, shared between the reconnect loop and handlers that
/// call other services. Mutex-protected, so Sendable.
final class BrokerLinkSlot: Sendable {
    private let slot = Mutex<WireConnection?>(nil)

    var current: WireConnection? {
        get { slot.withLock { $0 } }
        set { slot.withLock { $0 = newValue } }
    }
}
