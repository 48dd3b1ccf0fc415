import ArgumentParser
import CommandLineSupport
import Foundation
import WireClient
import WireProtocol
import WireRuntime

/// The flags every department service takes (`--broker`, `--db`, …), each also read from an
/// environment variable named in `--help`, so compose files configure all four the same way.
public struct DepartmentOptions: ParsableArguments {
    @Option(help: "The broker, HOST:PORT. Env: SERVICE_BROKER.")
    public var broker = CommandLineSupport.environment("SERVICE_BROKER", default: "127.0.0.1:7000")

    @Option(help: "SQLite database file (created if missing; default ./data/<service>.sqlite). Env: SERVICE_DB.")
    public var db = CommandLineSupport.environment("SERVICE_DB", default: "")

    @Option(help: "Instance id, unique per running instance (default <service>-<host>-<random>). Env: SERVICE_INSTANCE_ID.")
    public var instanceID = CommandLineSupport.environment("SERVICE_INSTANCE_ID", default: "")

    @Option(help: "Calls handled at once; the broker sends no more. Env: SERVICE_MAX_CONCURRENT.")
    public var maxConcurrent = CommandLineSupport.environment("SERVICE_MAX_CONCURRENT", default: 64)

    @Option(help: "Heartbeat interval proposed to the broker, ms. Env: SERVICE_HEARTBEAT_MS.")
    public var heartbeatMs = CommandLineSupport.environment("SERVICE_HEARTBEAT_MS", default: 1000)

    @Option(
        help:
            "Also serve direct clients on HOST:PORT (no broker in between); port 0 takes any free port, printed on standard output as `serving direct clients on HOST:PORT`. Env: SERVICE_LISTEN."
    )
    public var listen = CommandLineSupport.environment("SERVICE_LISTEN", default: "")

    @Option(
        help:
            "The service credential presented when registering (a token the broker's principals file issues for this service; never logged). Env: SERVICE_CREDENTIAL."
    )
    public var credential = CommandLineSupport.environment("SERVICE_CREDENTIAL", default: "")

    @Option(help: "Largest frame accepted, bytes (told to the broker, which refuses larger requests for this service). Env: SERVICE_MAX_FRAME_BYTES.")
    public var maxFrameBytes = CommandLineSupport.environment("SERVICE_MAX_FRAME_BYTES", default: 4 * 1024 * 1024)

    @Option(
        help:
            "Hours a write's idempotency key (and its stored reply) is kept; a retry after that runs the write again. Purged at start, then hourly. Env: SERVICE_IDEMPOTENCY_RETENTION_HOURS."
    )
    public var idempotencyRetentionHours = CommandLineSupport.environment("SERVICE_IDEMPOTENCY_RETENTION_HOURS", default: 7 * 24)

    @Option(help: "trace, debug, info, notice, warning, error or critical. Env: LOG_LEVEL.")
    public var logLevel = CommandLineSupport.environment("LOG_LEVEL", default: "info")

    public init() {}

    public func validate() throws {
        guard PeerAddress(broker) != nil else { throw ValidationError("--broker must be HOST:PORT (got \"\(broker)\")") }
        guard listen.isEmpty || PeerAddress(listen) != nil else { throw ValidationError("--listen must be HOST:PORT (got \"\(listen)\")") }
        guard (1...10_000).contains(maxConcurrent) else { throw ValidationError("--max-concurrent must be 1…10000") }
        guard (10...60_000).contains(heartbeatMs) else { throw ValidationError("--heartbeat-ms must be 10…60000") }
        guard (1024...64 * 1024 * 1024).contains(maxFrameBytes) else { throw ValidationError("--max-frame-bytes must be 1024…67108864") }
        guard (1...24 * 366).contains(idempotencyRetentionHours) else {
            throw ValidationError("--idempotency-retention-hours must be 1…8784 (a year)")
        }
    }

    /// `--instance-id`, or `<service>-<host>-<random>`: unique even across containers, where every
    /// process may be pid 1 and a restarted one keeps its host name.
    public func instanceID(service: String) -> String {
        instanceID.isEmpty
            ? "\(service)-\(ProcessInfo.processInfo.hostName)-\(String(UInt32.random(in: 0...UInt32.max), radix: 16))"
            : instanceID
    }

    /// The database path: `--db`, or `./data/<service>.sqlite`.
    public func databasePath(service: String) -> String {
        db.isEmpty ? "data/\(service).sqlite" : db
    }

    /// The runtime configuration these flags describe.
    public func runtimeConfiguration(service: String) -> ServiceRuntimeConfiguration {
        var configuration = ServiceRuntimeConfiguration()
        configuration.broker = PeerAddress(broker)!
        configuration.directListen = listen.isEmpty ? nil : PeerAddress(listen)
        configuration.instanceID = instanceID.isEmpty ? nil : instanceID
        configuration.maxConcurrentCalls = maxConcurrent
        configuration.heartbeatInterval = .milliseconds(Int64(heartbeatMs))
        configuration.limits.maxFrameBytes = maxFrameBytes
        configuration.credential = credential.isEmpty ? nil : credential
        return configuration
    }
}
