import ArgumentParser
import EchoKit
import Foundation
import Logging
import ServiceLifecycle
import Wire

/// `echo-service`: the test service, dialling the broker like every department service.
@main
struct EchoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "echo-service",
        abstract: "The test service `echo`: Echo, Sleep, Fail, Validate, Relay (proto/echo.proto).",
        discussion: """
            Dials the broker, registers, heartbeats and serves calls; reconnects when the broker
            restarts. With --listen it also serves clients directly (no broker in between), which
            the benchmark uses to show the broker's own cost. SIGTERM/SIGINT: says GOODBYE to the
            broker, finishes calls in flight, exits 0.

            EXAMPLES
              echo-service --broker 127.0.0.1:7000
              echo-service --broker 127.0.0.1:7000 --listen 127.0.0.1:7100 --max-concurrent 256
            """)

    @Option(help: "The broker, HOST:PORT. Env: ECHO_BROKER.")
    var broker = CommandLineSupport.environment("ECHO_BROKER", default: "127.0.0.1:7000")

    @Option(help: "Also serve direct clients on HOST:PORT. Env: ECHO_LISTEN.")
    var listen = CommandLineSupport.environment("ECHO_LISTEN", default: "")

    @Option(help: "Instance id, unique per running instance (default echo-<host>-<random>). Env: ECHO_INSTANCE_ID.")
    var instanceID = CommandLineSupport.environment("ECHO_INSTANCE_ID", default: "")

    @Option(help: "Calls handled at once; the broker sends no more. Env: ECHO_MAX_CONCURRENT.")
    var maxConcurrent = CommandLineSupport.environment("ECHO_MAX_CONCURRENT", default: 256)

    @Option(help: "Heartbeat interval proposed to the broker, ms. Env: ECHO_HEARTBEAT_MS.")
    var heartbeatMs = CommandLineSupport.environment("ECHO_HEARTBEAT_MS", default: 1000)

    @Option(help: "trace, debug, info, notice, warning, error or critical. Env: LOG_LEVEL.")
    var logLevel = CommandLineSupport.environment("LOG_LEVEL", default: "info")

    func validate() throws {
        guard PeerAddress(broker) != nil else { throw ValidationError("--broker must be HOST:PORT (got \"\(broker)\")") }
        guard listen.isEmpty || PeerAddress(listen) != nil else { throw ValidationError("--listen must be HOST:PORT (got \"\(listen)\")") }
        guard (1...100_000).contains(maxConcurrent) else { throw ValidationError("--max-concurrent must be 1…100000") }
        guard (10...60_000).contains(heartbeatMs) else { throw ValidationError("--heartbeat-ms must be 10…60000") }
    }

    func run() async throws {
        CommandLineSupport.bootstrapLogging(level: logLevel)
        let logger = Logger(label: "echo")
        var configuration = ServiceRuntimeConfiguration()
        configuration.broker = PeerAddress(broker)!
        configuration.directListen = listen.isEmpty ? nil : PeerAddress(listen)
        configuration.instanceID = instanceID.isEmpty ? nil : instanceID
        configuration.maxConcurrentCalls = maxConcurrent
        configuration.heartbeatInterval = .milliseconds(Int64(heartbeatMs))
        // Unique even across containers, where every process may be pid 1.
        let id = configuration.instanceID ?? "echo-\(ProcessInfo.processInfo.hostName)-\(String(UInt32.random(in: 0...UInt32.max), radix: 16))"
        configuration.instanceID = id
        let runtime = ServiceRuntime(definition: EchoService.definition(instanceID: id), configuration: configuration, logger: logger)
        let group = ServiceGroup(
            configuration: .init(services: [.init(service: runtime)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
