import BrokerKit
import EchoKit
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization
import TestSupport
import WindowContract
import WireClient
import WireProtocol
import WireRuntime

/// A broker and echo service instances running in this test process; the broker binds port 0 and
/// reports the port the kernel gave it (`Broker.bind()`).
/// Faster than processes and lets tests look at the runtime's state; the end-to-end tests use
/// the real executables.
final class InProcessStack: Sendable {
    let address: PeerAddress
    private let brokerGroup: ServiceGroup
    private let brokerTask: Task<Void, any Error>
    private let echoes = Mutex<[EchoInstance]>([])
    static let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    private init(address: PeerAddress, group: ServiceGroup, task: Task<Void, any Error>) {
        self.address = address
        brokerGroup = group
        brokerTask = task
    }

    static func start(_ configure: (inout BrokerConfiguration) -> Void = { _ in }) async throws -> InProcessStack {
        var configuration = BrokerConfiguration()
        configuration.listen = PeerAddress(host: "127.0.0.1", port: 0)
        configure(&configuration)
        let broker = Broker(configuration: configuration, logger: quiet)
        let port = try await broker.bind()
        let group = ServiceGroup(services: [broker], logger: quiet)
        let task = Task { try await group.run() }
        return InProcessStack(address: PeerAddress(host: "127.0.0.1", port: port), group: group, task: task)
    }

    /// Starts an echo instance; returns it once registered.
    func startEcho(_ instanceID: String, maxConcurrent: Int = 64, heartbeat: TimeAmount = .milliseconds(200)) async throws -> EchoInstance {
        var configuration = ServiceRuntimeConfiguration()
        configuration.broker = address
        configuration.instanceID = instanceID
        configuration.maxConcurrentCalls = maxConcurrent
        configuration.heartbeatInterval = heartbeat
        let runtime = ServiceRuntime(definition: EchoHandlers(instanceID: instanceID).serviceDefinition(), configuration: configuration, logger: Self.quiet)
        let group = ServiceGroup(services: [runtime], logger: Self.quiet)
        let task = Task { try await group.run() }
        let instance = EchoInstance(runtime: runtime, group: group, task: task)
        echoes.withLock { $0.append(instance) }
        try await waitUntil("echo instance \(instanceID) to register") { runtime.registrations > 0 }
        return instance
    }

    func connect() async throws -> WireConnection {
        try await WireConnection.connect(to: address)
    }

    /// What the broker's `window.ListServices` says about `service` (nil when nothing is listed).
    func listing(of service: String = "echo") async throws -> Window.ServiceInfo? {
        let connection = try await connect()
        defer { Task { await connection.close() } }
        let listing = try await connection.call(
            service: "window", method: "ListServices", request: Window.ListServicesRequest(service: service), as: Window.ListServicesResponse.self)
        return listing.services.first { $0.name == service }
    }

    /// Polls `window.ListServices` until `condition` holds for `service`: the broker's own view of
    /// calls in flight at its instances and calls queued, so a test orders its steps on state,
    /// not on the clock.
    func waitFor(_ what: String, service: String = "echo", _ condition: @escaping @Sendable (Window.ServiceInfo) -> Bool) async throws {
        try await waitUntil(what) {
            guard let listed = try await self.listing(of: service) else { return false }
            return condition(listed)
        }
    }

    /// Stops the echo instances still running (as a crash would) and then the broker.
    func stop() async {
        for echo in echoes.withLock({ $0 }) { await echo.kill() }
        await brokerGroup.triggerGracefulShutdown()
        _ = await brokerTask.result
    }
}

/// An echo service instance running in the test process.
final class EchoInstance: Sendable {
    let runtime: ServiceRuntime
    let group: ServiceGroup
    let task: Task<Void, any Error>

    init(runtime: ServiceRuntime, group: ServiceGroup, task: Task<Void, any Error>) {
        self.runtime = runtime
        self.group = group
        self.task = task
    }

    /// SIGTERM-like: GOODBYE, drain, close.
    func shutdownGracefully() async {
        await group.triggerGracefulShutdown()
        _ = await task.result
    }

    /// Crash-like: the connection drops without GOODBYE.
    func kill() async {
        task.cancel()
        _ = await task.result
    }
}

/// Runs `body` with a started stack, stopping it afterwards even when `body` throws.
func withStack(_ configure: (inout BrokerConfiguration) -> Void = { _ in }, _ body: (InProcessStack) async throws -> Void) async throws {
    let stack = try await InProcessStack.start(configure)
    do {
        try await body(stack)
    } catch {
        await stack.stop()
        throw error
    }
    await stack.stop()
}

/// The status code a call failed with, or OK.
func statusOf(_ body: () async throws -> Void) async -> Wire.StatusCode {
    do {
        try await body()
        return .ok
    } catch let error as RPCError {
        return error.code
    } catch {
        return .unknown
    }
}
