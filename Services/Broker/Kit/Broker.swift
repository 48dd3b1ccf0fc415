import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import Synchronization
import WindowContract
import WireClient
import WireProtocol

/// The one-stop service window: accepts callers and department services, routes each call to a
/// live instance of the service it names, and answers the `window` methods itself.
///
/// A `Service` for swift-service-lifecycle. On graceful shutdown (SIGTERM/SIGINT) it stops
/// accepting, refuses new calls with UNAVAILABLE, lets calls in flight finish up to the drain
/// timeout, fails the rest with UNAVAILABLE, closes every connection and returns.
public final class Broker: Service {
    public let configuration: BrokerConfiguration
    private let logger: Logger
    private let loop: any EventLoop
    private let server = Mutex<(any Channel)?>(nil)

    /// - Parameter loop: the single event loop every broker connection runs on (see `BrokerState`).
    public init(configuration: BrokerConfiguration, logger: Logger, loop: any EventLoop = MultiThreadedEventLoopGroup.singleton.next()) {
        self.configuration = configuration
        self.logger = logger
        self.loop = loop
    }

    /// Binds the listening socket; returns the bound port (useful with port 0). `run()` binds
    /// itself if this was not called.
    @discardableResult
    public func bind() async throws -> Int {
        if let existing = server.withLock({ $0 }) { return existing.localAddress?.port ?? 0 }
        let (configuration, loop, logger) = (self.configuration, self.loop, self.logger)
        let bound = try await loop.submit {
            NIOLoopBound(BrokerState(configuration: configuration, loop: loop, logger: logger), eventLoop: loop)
        }.get()
        let channel = try await ServerBootstrap(group: loop)
            .serverChannelOption(.backlog, value: 512)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 16)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(BrokerConnection(state: bound.value))
                }
            }
            .bind(host: configuration.listen.host, port: configuration.listen.port).get()
        stateBox.withLock { $0 = bound }
        server.withLock { $0 = channel }
        logger.info(
            "broker listening",
            metadata: [
                "listen": "\(channel.localAddress?.description ?? "?")", "broker.id": "\(configuration.brokerID)",
                "auth": "\(configuration.principals.map { "\($0.count) principals" } ?? "none (every caller is anonymous)")",
            ])
        return channel.localAddress?.port ?? 0
    }

    private let stateBox = Mutex<NIOLoopBound<BrokerState>?>(nil)

    /// Replaces who may call (from broker.sqlite); callers with revoked or expired tokens are
    /// refused from their next request on. Ignored in development mode (no principals at start).
    public func updatePrincipals(_ directory: PrincipalDirectory) {
        guard let state = stateBox.withLock({ $0 }) else { return }
        loop.execute { state.value.replacePrincipals(directory) }
    }

    public func run() async throws {
        try await bind()
        guard let channel = server.withLock({ $0 }), let state = stateBox.withLock({ $0 }) else { return }
        await withGracefulShutdownHandler {
            try? await channel.closeFuture.get()
        } onGracefulShutdown: {
            self.logger.info("shutting down: no new connections or calls")
            self.loop.execute { state.value.beginDrain() }
            channel.close(promise: nil)
        }
        // Let calls in flight finish, up to the drain timeout.
        let giveUp = NIODeadline.now() + configuration.drainTimeout
        while NIODeadline.now() < giveUp {
            let inFlight = try await loop.submit { state.value.calls.count }.get()
            if inFlight == 0 { break }
            try? await Task.sleep(nanoseconds: 20_000_000)
        }
        try await loop.submit { state.value.terminate() }.get()
        logger.info("broker stopped")
    }
}
