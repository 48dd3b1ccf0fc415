import ArgumentParser
import BrokerKit
import CommandLineSupport
import Domain
import Foundation
import Logging
import NIOCore
import ServiceLifecycle
import Storage
import WindowComposition
import WireClient
import WireProtocol
import WireRuntime

/// `broker`: the community's one-stop service window (serve, the default) and the management of
/// its principals in broker.sqlite.
@main
struct BrokerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "broker",
        abstract: "The one-stop service window (一站式服务窗口): routes calls between callers and department services.",
        discussion: """
            `broker` (or `broker serve`) runs the window; `broker principals …` manages who may call
            it, in the same database. `broker serve --help` lists the serving options.

            FIRST ADMINISTRATOR (one-off, before the first start with authentication):
              broker principals issue --db data/broker.sqlite --id admin-01 --role admin
            prints the new token once; keep it, the database holds only its hash.
            """,
        subcommands: [Serve.self, PrincipalsCommand.self],
        defaultSubcommand: Serve.self)
}

/// `broker serve`: listens, routes, answers the window methods.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Listen and route calls (the default).",
        discussion: """
            Department services (employment, assistance, health, security) dial the broker, register
            their methods and heartbeat; callers (the `window` client, back-office integrations in any
            language) connect to the broker only. Each call is routed to a live instance of the service
            it names. The wire protocol: 4-byte big-endian length + protobuf `wire.Frame` (proto/wire.proto).

            Every option can also be set through the environment variable named in its help,
            which is how deploy/docker-compose.yml configures it.

            EXAMPLES
              broker                                   # listen on 127.0.0.1:7000, no authentication
              broker --listen 0.0.0.0:7000 --principals deploy/principals.json
              broker --db data/broker.sqlite --communities deploy/communities.json
              BROKER_LISTEN=0.0.0.0:7000 broker --log-level debug
              broker --listen 127.0.0.1:0              # any free port; read it from standard output

            Once bound, the broker prints one line on standard output, `listening on HOST:PORT`,
            with the port it got (the one the kernel chose for port 0); a script or test waits
            for that line instead of guessing a free port. Logs go to standard error.

            Stops gracefully on SIGTERM/SIGINT: no new calls, calls in flight finish (up to
            --drain-timeout-ms), exit status 0.
            """)

    @Option(help: "HOST:PORT to listen on; port 0 takes any free port (printed as `listening on HOST:PORT`). Env: BROKER_LISTEN.")
    var listen = CommandLineSupport.environment("BROKER_LISTEN", default: "127.0.0.1:7000")

    @Option(help: "Name in logs and in window.Health. Env: BROKER_ID.")
    var brokerID = CommandLineSupport.environment("BROKER_ID", default: "broker-\(ProcessInfo.processInfo.processIdentifier)")

    @Option(
        help:
            "Import this JSON file of principals [{token, id, roles, grid_scope, services}] into broker.sqlite at start (tokens are stored as hashes). With no principal in the database every caller is 'anonymous' and nothing is enforced (development only). Env: BROKER_PRINCIPALS."
    )
    var principals = CommandLineSupport.environment("BROKER_PRINCIPALS", default: "")

    @Option(help: "The broker's SQLite database (the communities and grids registry); created if missing. Env: BROKER_DB.")
    var db = CommandLineSupport.environment("BROKER_DB", default: "data/broker.sqlite")

    @Option(
        help:
            "Import this JSON file of communities and their grids into the registry at start (deploy/communities.json shows the format); communities not in the file are kept. Env: BROKER_COMMUNITIES."
    )
    var communities = CommandLineSupport.environment("BROKER_COMMUNITIES", default: "")

    @Option(
        help:
            "JSON working-day calendar: {\"holidays\": [\"YYYY-MM-DD\", …], \"make_up_working_days\": […]} from the State Council's yearly notice (deploy/calendar.json is an example); rectification deadlines count working days by it. Without it: Monday to Friday. Env: BROKER_CALENDAR."
    )
    var calendar = CommandLineSupport.environment("BROKER_CALENDAR", default: "")

    @Option(
        help:
            "Longest wait between two tries of a life event's step while its office is unavailable, ms (the first wait is 200 ms, doubling). Env: BROKER_STEP_RETRY_MAX_MS."
    )
    var stepRetryMaxMs = CommandLineSupport.environment("BROKER_STEP_RETRY_MAX_MS", default: 10_000)

    @Option(help: "Largest frame accepted, bytes. Env: BROKER_MAX_FRAME_BYTES.")
    var maxFrameBytes = CommandLineSupport.environment("BROKER_MAX_FRAME_BYTES", default: 4 * 1024 * 1024)

    @Option(help: "Connections accepted at once. Env: BROKER_MAX_CONNECTIONS.")
    var maxConnections = CommandLineSupport.environment("BROKER_MAX_CONNECTIONS", default: 4096)

    @Option(help: "Calls one connection may have in flight. Env: BROKER_MAX_IN_FLIGHT.")
    var maxInFlight = CommandLineSupport.environment("BROKER_MAX_IN_FLIGHT", default: 1024)

    @Option(help: "Calls queued per service while every instance is busy. Env: BROKER_MAX_QUEUE.")
    var maxQueue = CommandLineSupport.environment("BROKER_MAX_QUEUE", default: 1024)

    @Option(help: "Deadline for calls that carry none, ms. Env: BROKER_DEFAULT_DEADLINE_MS.")
    var defaultDeadlineMs = CommandLineSupport.environment("BROKER_DEFAULT_DEADLINE_MS", default: 10_000)

    @Option(help: "Longest deadline a caller may ask for, ms. Env: BROKER_MAX_DEADLINE_MS.")
    var maxDeadlineMs = CommandLineSupport.environment("BROKER_MAX_DEADLINE_MS", default: 300_000)

    @Option(help: "Close a connection with no frames and no calls for this long, s. Env: BROKER_IDLE_TIMEOUT_S.")
    var idleTimeoutS = CommandLineSupport.environment("BROKER_IDLE_TIMEOUT_S", default: 300)

    @Option(help: "A frame that started arriving must complete within this time, s. Env: BROKER_FRAME_TIMEOUT_S.")
    var frameTimeoutS = CommandLineSupport.environment("BROKER_FRAME_TIMEOUT_S", default: 10)

    @Option(help: "On shutdown, wait this long for calls in flight, ms. Env: BROKER_DRAIN_TIMEOUT_MS.")
    var drainTimeoutMs = CommandLineSupport.environment("BROKER_DRAIN_TIMEOUT_MS", default: 10_000)

    @Option(
        help:
            "Record every call in the hash-chained audit log in broker.sqlite: on or off (off only to measure the routing core alone; an office's data must never be served without it). Env: BROKER_AUDIT."
    )
    var audit = CommandLineSupport.environment("BROKER_AUDIT", default: "on")

    @Option(help: "How often revoked, rotated and new tokens in broker.sqlite are picked up, ms. Env: BROKER_PRINCIPALS_RELOAD_MS.")
    var principalsReloadMs = CommandLineSupport.environment("BROKER_PRINCIPALS_RELOAD_MS", default: 5000)

    @Option(help: "trace, debug, info, notice, warning, error or critical. Env: LOG_LEVEL.")
    var logLevel = CommandLineSupport.environment("LOG_LEVEL", default: "info")

    func validate() throws {
        guard PeerAddress(listen) != nil else { throw ValidationError("--listen must be HOST:PORT, e.g. 127.0.0.1:7000 (got \"\(listen)\")") }
        guard maxFrameBytes >= 1024 && maxFrameBytes <= 64 * 1024 * 1024 else { throw ValidationError("--max-frame-bytes must be 1024…67108864") }
        for (name, value) in [
            ("--max-connections", maxConnections), ("--max-in-flight", maxInFlight), ("--max-queue", maxQueue),
            ("--default-deadline-ms", defaultDeadlineMs), ("--max-deadline-ms", maxDeadlineMs),
            ("--idle-timeout-s", idleTimeoutS), ("--frame-timeout-s", frameTimeoutS),
        ] where value <= 0 {
            throw ValidationError("\(name) must be positive (got \(value))")
        }
        guard defaultDeadlineMs <= maxDeadlineMs else { throw ValidationError("--default-deadline-ms must not exceed --max-deadline-ms") }
        guard drainTimeoutMs >= 0 else { throw ValidationError("--drain-timeout-ms must not be negative") }
        guard audit == "on" || audit == "off" else { throw ValidationError("--audit must be on or off (got \"\(audit)\")") }
        guard (200...3_600_000).contains(stepRetryMaxMs) else { throw ValidationError("--step-retry-max-ms must be 200…3600000") }
        guard (50...600_000).contains(principalsReloadMs) else { throw ValidationError("--principals-reload-ms must be 50…600000") }
    }

    func run() async throws {
        CommandLineSupport.bootstrapLogging(level: logLevel)
        let logger = Logger(label: "broker")
        var configuration = BrokerConfiguration()
        configuration.listen = PeerAddress(listen)!
        configuration.brokerID = brokerID
        configuration.limits.maxFrameBytes = maxFrameBytes
        configuration.limits.maxInFlightPerConnection = maxInFlight
        configuration.limits.idleTimeout = .seconds(Int64(idleTimeoutS))
        configuration.limits.frameTimeout = .seconds(Int64(frameTimeoutS))
        configuration.maxConnections = maxConnections
        configuration.maxQueuedPerService = maxQueue
        configuration.defaultDeadline = .milliseconds(Int64(defaultDeadlineMs))
        configuration.maxDeadline = .milliseconds(Int64(maxDeadlineMs))
        configuration.drainTimeout = .milliseconds(Int64(drainTimeoutMs))
        let database = try BrokerCommand.openDatabase(db, logger: logger)
        defer { try? database.close() }
        configuration.communities = try await Self.loadRegistry(RegistryStore(database: database), path: db, importing: communities, logger: logger)
        let principalStore = PrincipalStore(database: database)
        configuration.principalStore = principalStore
        if !principals.isEmpty {
            let entries = try PrincipalFile.load(principals)
            try await principalStore.importFile(entries)
            logger.info("principals imported", metadata: ["file": "\(principals)", "principals": "\(entries.count)"])
        }
        let authenticated = try await !principalStore.list().isEmpty
        if authenticated {
            configuration.principals = try await principalStore.load()
        } else {
            logger.warning("no principals in \(db): every caller is admitted as 'anonymous' and no access rule is enforced (development only)")
        }
        // Every call is recorded in the hash-chained audit log: encoded where it is answered,
        // written off the event loop in batches.
        let auditStore = try await AuditStore(database: database)
        let auditWriter = AuditWriter(store: auditStore, logger: logger)
        if audit == "on" {
            configuration.audit = AuditLog(store: auditStore, writer: auditWriter)
        } else {
            logger.warning("--audit off: calls are not recorded (benchmarks only)")
        }
        // Delegations in force (life events the window is finishing for a clerk) survive restarts.
        let delegationStore = DelegationStore(database: database)
        configuration.delegationStore = delegationStore
        configuration.delegations = try await delegationStore.live()
        let workingDays = try Self.loadCalendar(calendar)
        let compositionCredential = Storage.Hex.encode((0..<32).map { _ in UInt8.random(in: .min ... .max) })
        configuration.compositionCredential = compositionCredential
        let broker = Broker(configuration: configuration, logger: logger)
        let port = try await broker.bind()
        Self.announce("listening on \(PeerAddress(host: configuration.listen.host, port: port))")
        // The writer first: services stop in reverse order, so it records until the broker is done,
        // and the broker keeps routing until the composition module has drained.
        // Life events' steps go out through the composition's link; the runner stops first.
        let lifeEvents = LifeEventRunner(
            database: database, backoff: LifeEventRunner.Backoff(maximum: .milliseconds(Int64(stepRetryMaxMs))), logger: logger)
        let composition = Self.composition(
            WindowComposition(database: database, calendar: workingDays, lifeEvents: lifeEvents), dialing: configuration.listen.host, port: port,
            credential: compositionCredential, logger: logger)
        lifeEvents.attach(composition)
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: auditWriter), .init(service: broker), .init(service: composition), .init(service: lifeEvents),
        ]
        if authenticated {
            services.append(
                .init(
                    service: PrincipalReloader(
                        store: principalStore, broker: broker, interval: .milliseconds(principalsReloadMs), logger: logger)))
        }
        let group = ServiceGroup(configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }

    /// The window's composition module (resident overview, …) as an instance of service `window`
    /// that dials this broker over loopback and registers with the credential made at start: its
    /// calls to the offices then go through routing, access control and audit like any caller's.
    static func composition(_ composition: WindowComposition, dialing host: String, port: Int, credential: String, logger: Logger) -> ServiceRuntime {
        var runtime = ServiceRuntimeConfiguration()
        runtime.broker = PeerAddress(host: ["0.0.0.0", "::", ""].contains(host) ? "127.0.0.1" : host, port: port)
        runtime.instanceID = "window-composition"
        runtime.credential = credential
        runtime.maxConcurrentCalls = 1024
        var logger = logger
        logger[metadataKey: "rpc.service"] = "window"
        return ServiceRuntime(definition: composition.serviceDefinition(), configuration: runtime, logger: logger)
    }

    /// The working-day calendar in `path` (Monday to Friday when empty); a bad file stops the start.
    static func loadCalendar(_ path: String) throws -> WorkingDayCalendar {
        guard !path.isEmpty else { return .weekdays }
        do {
            return try JSONDecoder().decode(WorkingDayCalendar.self, from: try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw ValidationError("--calendar \(path): \(error)")
        }
    }

    /// Opens broker.sqlite, imports `file` when given (every entry checked first: a bad file stops
    /// the start and changes nothing), and returns the registry the broker serves.
    static func loadRegistry(_ store: RegistryStore, path: String, importing file: String, logger: Logger) async throws -> CommunityRegistry {
        if !file.isEmpty {
            let imported = try CommunityFile.load(file)
            try await store.importCommunities(imported)
            logger.info("communities imported", metadata: ["file": "\(file)", "communities": "\(imported.count)"])
        }
        let registry = try await store.load()
        if registry.communities.isEmpty {
            logger.warning("the communities registry is empty: offices will refuse every community code (import one with --communities)")
        } else {
            logger.info("communities registry", metadata: ["db": "\(path)", "communities": "\(registry.communities.count)", "grids": "\(registry.gridCount)"])
        }
        return registry
    }

    /// Prints `line` on standard output at once (one unbuffered write): the machine-readable
    /// announcement scripts and tests wait for, apart from the logs on standard error.
    static func announce(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}

extension BrokerCommand {
    /// Opens broker.sqlite (creating its folder), every schema step applied.
    static func openDatabase(_ path: String, logger: Logger) throws -> ServiceDatabase {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        return try BrokerDatabase.open(path: path, logger: logger)
    }
}
