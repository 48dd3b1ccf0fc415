import Foundation
import Synchronization
import Testing
import WindowContract
import WireClient
import WireProtocol

/// Runs `body` with a broker started from the built executable on a port the kernel chose
/// (`--listen 127.0.0.1:0`; the broker prints the port it got and this waits for that line).
///
/// Every process the stack starts — the broker, services, restarted brokers — is stopped when
/// `body` returns or throws (SIGTERM, SIGKILL after 5 s), and the stack's directory is removed.
/// Cancelling the test tears the processes down the same way.
///
/// Once they are stopped, everything each process printed (standard output and standard error,
/// all of it) is checked for full resident ID numbers: no log line may carry one. Each one found
/// is recorded as a test issue at the call, naming the process and the number masked. The
/// `window` client's replies are not logs and are not checked (`stack.window` runs it apart).
///
/// - Parameters:
///   - brokerArguments: more broker flags, e.g. `["--principals", file]`.
///   - token: the bearer token the stack's own look-ups (`window.ListServices`) present; needed
///     when the broker has `--principals`.
public func withRunningStack<Result>(
    brokerArguments: [String] = [],
    token: String? = nil,
    sourceLocation: SourceLocation = #_sourceLocation,
    isolation: isolated (any Actor)? = #isolation,
    _ body: (RunningStack) async throws -> Result
) async throws -> Result {
    let directory = try TemporaryDirectory(prefix: "stack")
    defer { directory.remove() }
    let (launches, launcher) = AsyncStream<ManagedProcess>.makeStream()
    let supervisor = ProcessSupervisor(launcher: launcher)
    return try await withThrowingTaskGroup(of: Void.self, returning: Result.self) { group in
        // The children's owner: each process runs (and is read, and reaped) in a task of this
        // group, so none outlives the scope.
        group.addTask {
            await withDiscardingTaskGroup { processes in
                for await process in launches {
                    processes.addTask { await process.run() }
                }
            }
        }
        let outcome: Swift.Result<Result, any Error>
        do {
            let stack = try await RunningStack.start(supervisor: supervisor, directory: directory, brokerArguments: brokerArguments, token: token)
            outcome = .success(try await body(stack))
        } catch {
            outcome = .failure(error)
        }
        await supervisor.stopAll()
        try await group.waitForAll()
        // Every process has exited and its output has been read to the end.
        if let report = supervisor.personalDataReport() {
            Issue.record(Comment(rawValue: report), sourceLocation: sourceLocation)
        }
        return try outcome.get()
    }
}

/// Hands processes to the task that runs them, and stops them all at the end of the scope.
final class ProcessSupervisor: Sendable {
    private let launcher: AsyncStream<ManagedProcess>.Continuation
    private let processes = Mutex<(all: [ManagedProcess], closed: Bool)>(([], false))

    init(launcher: AsyncStream<ManagedProcess>.Continuation) {
        self.launcher = launcher
    }

    /// Starts `executable`; returns once it was spawned.
    func launch(_ executable: String, _ arguments: [String], environment: [String: String]) async throws -> ManagedProcess {
        let process = try ManagedProcess(executable, arguments, environment: environment)
        let accepted = processes.withLock { processes -> Bool in
            guard !processes.closed else { return false }
            processes.all.append(process)
            return true
        }
        guard accepted else { throw ProcessError("the stack is stopping; \(executable) was not started") }
        launcher.yield(process)
        try await process.waitUntilSpawned()
        return process
    }

    /// Stops every process (all at once), then lets the running task end.
    func stopAll() async {
        let all = processes.withLock { processes in
            processes.closed = true
            return processes.all
        }
        await withTaskGroup(of: Void.self) { group in
            for process in all { group.addTask { await process.stop() } }
        }
        launcher.finish()
    }

    /// Every full ID number the processes printed, in launch order.
    var personalDataFindings: [PersonalDataFinding] {
        processes.withLock { $0.all }.flatMap(\.personalDataFindings)
    }

    /// What a test failure says about the ID numbers the processes printed; nil when none did.
    func personalDataReport() -> String? {
        let all = processes.withLock { $0.all }
        let total = all.reduce(0) { $0 + $1.personalDataFindingCount }
        guard total > 0 else { return nil }
        var lines = ["the stack's processes printed \(total) full resident ID number(s); no log line may carry one (mask it, or log the record id):"]
        for process in all {
            let findings = process.personalDataFindings
            lines += findings.map { "  \($0)" }
            let more = process.personalDataFindingCount - findings.count
            if more > 0 { lines.append("  … and \(more) more from \(process.name)") }
        }
        return lines.joined(separator: "\n")
    }
}

/// The broker and the services a test started, all real processes on loopback; made by
/// `withRunningStack`.
public final class RunningStack: Sendable {
    /// Where the broker listens; the same port across `restartBroker`.
    public let brokerAddress: PeerAddress
    /// A directory for the test's files (databases, principals), removed with the stack.
    public let directory: TemporaryDirectory
    /// The token the stack's own look-ups present (see `withRunningStack`).
    public let token: String?
    private let supervisor: ProcessSupervisor
    private let currentBroker: Mutex<ManagedProcess>

    /// The broker process (the latest one after `restartBroker`).
    public var broker: ManagedProcess { currentBroker.withLock { $0 } }

    /// The full resident ID numbers the stack's processes have printed so far (checked again, and
    /// reported as a test issue, when the stack stops).
    public var personalDataFindings: [PersonalDataFinding] { supervisor.personalDataFindings }

    private init(brokerAddress: PeerAddress, broker: ManagedProcess, directory: TemporaryDirectory, token: String?, supervisor: ProcessSupervisor) {
        self.brokerAddress = brokerAddress
        self.directory = directory
        self.token = token
        self.supervisor = supervisor
        currentBroker = Mutex(broker)
    }

    /// The demo communities and grids file of the repository (deploy/communities.json).
    public static let demoCommunities = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("deploy/communities.json").path

    fileprivate static func start(supervisor: ProcessSupervisor, directory: TemporaryDirectory, brokerArguments: [String], token: String?) async throws
        -> RunningStack
    {
        let (broker, address) = try await startBroker(supervisor, listen: PeerAddress(host: "127.0.0.1", port: 0), directory: directory, brokerArguments)
        return RunningStack(brokerAddress: address, broker: broker, directory: directory, token: token, supervisor: supervisor)
    }

    /// Starts a broker and waits for the line it prints once bound: `listening on HOST:PORT`.
    /// Its database is the stack's own; the communities registry holds the demo communities
    /// (deploy/communities.json) unless `arguments` import another file.
    private static func startBroker(
        _ supervisor: ProcessSupervisor, listen: PeerAddress, directory: TemporaryDirectory, _ arguments: [String]
    ) async throws -> (ManagedProcess, PeerAddress) {
        var defaults = ["--db", directory.file("broker.sqlite")]
        if !arguments.contains("--communities") { defaults += ["--communities", demoCommunities] }
        let broker = try await supervisor.launch("broker", ["--listen", listen.description] + defaults + arguments, environment: [:])
        let address = try await broker.announcedAddress("listening on ")
        return (broker, address)
    }

    // MARK: Processes

    /// Starts any built executable of the package (stopped with the stack); returns once spawned.
    public func start(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) async throws -> ManagedProcess {
        try await supervisor.launch(executable, arguments, environment: environment)
    }

    /// Starts a department service executable (`--broker` and `--instance-id` are passed) and
    /// returns once the broker lists the instance under `service` in `window.ListServices`.
    public func startService(
        executable: String, service: String, instanceID: String, arguments: [String] = [], environment: [String: String] = [:]
    ) async throws -> ManagedProcess {
        let process = try await start(executable, ["--broker", brokerAddress.description, "--instance-id", instanceID] + arguments, environment: environment)
        try await waitForInstance(instanceID, of: service, "\(executable) \(instanceID) to register", process: process) { _ in true }
        return process
    }

    /// Starts an `echo-service` instance; returns once the broker lists it.
    public func startEcho(instanceID: String, arguments: [String] = []) async throws -> ManagedProcess {
        try await startService(executable: "echo-service", service: "echo", instanceID: instanceID, arguments: arguments)
    }

    /// Starts another broker on the same port, after stopping the current one if it still runs
    /// (SIGTERM); returns once it listens. Services reconnect to it by themselves.
    @discardableResult
    public func restartBroker(arguments: [String] = []) async throws -> ManagedProcess {
        await broker.stop()
        let (broker, address) = try await Self.startBroker(supervisor, listen: brokerAddress, directory: directory, arguments)
        guard address.port == brokerAddress.port else {
            throw ProcessError("the restarted broker listens on \(address), not \(brokerAddress)")
        }
        currentBroker.withLock { $0 = broker }
        return broker
    }

    // MARK: Observable state (window.Health, window.ListServices)

    /// A new connection to the broker (the caller closes it).
    public func connect() async throws -> WireConnection {
        try await WireConnection.connect(to: brokerAddress, connectTimeout: .seconds(5))
    }

    private var metadata: [String: String] {
        token.map { ["authorization": "Bearer \($0)"] } ?? [:]
    }

    /// Whether the broker answers `window.Health` with SERVING.
    public func isHealthy() async throws -> Bool {
        let connection = try await connect()
        defer { Task { await connection.close() } }
        let health = try await connection.call(
            service: "window", method: "Health", request: Window.HealthRequest(), as: Window.HealthResponse.self, deadline: .seconds(10),
            metadata: metadata)
        return health.status == "SERVING"
    }

    /// What `window.ListServices` says about `service` (nil when it has no instance).
    public func listing(of service: String) async throws -> Window.ServiceInfo? {
        let connection = try await connect()
        defer { Task { await connection.close() } }
        let listing = try await connection.call(
            service: "window", method: "ListServices", request: Window.ListServicesRequest(service: service),
            as: Window.ListServicesResponse.self, deadline: .seconds(10), metadata: metadata)
        return listing.services.first { $0.name == service }
    }

    /// Instance ids the broker lists for `service`.
    public func instances(of service: String) async throws -> [String] {
        try await listing(of: service)?.instances.map(\.instanceId) ?? []
    }

    /// Polls `window.ListServices` until the broker lists `instanceID` of `service` and
    /// `condition` holds for it. Throws when `process` (if given) ends first, or after `timeout`,
    /// which only bounds a hang.
    public func waitForInstance(
        _ instanceID: String, of service: String, _ what: String, process: ManagedProcess? = nil, timeout: Duration = .seconds(60),
        where condition: @escaping @Sendable (Window.InstanceInfo) -> Bool
    ) async throws {
        try await waitUntil(what, timeout: timeout) {
            if let process, !process.isRunning {
                throw ProcessError("\(process.name) ended (status \(process.exitStatus.map(String.init) ?? "?")) before \(what):\n\(process.log)")
            }
            guard let instance = try? await self.listing(of: service)?.instances.first(where: { $0.instanceId == instanceID }) else { return false }
            return condition(instance)
        }
    }

    /// Waits until the broker has forwarded at least `count` calls to `instanceID` of `service`
    /// that are not answered yet (`outstanding_calls` in `window.ListServices`).
    public func waitForCallsInFlight(_ count: Int = 1, service: String = "echo", instanceID: String) async throws {
        try await waitForInstance(instanceID, of: service, "\(count) call(s) in flight at \(instanceID)") { $0.outstandingCalls >= count }
    }

    /// Polls `window.ListServices` until the broker no longer lists `instanceID` of `service`.
    public func waitUntilGone(_ instanceID: String, of service: String, timeout: Duration = .seconds(60)) async throws {
        try await waitUntil("\(instanceID) to leave the broker's listing", timeout: timeout) {
            try await !self.instances(of: service).contains(instanceID)
        }
    }

    // MARK: The window client

    /// Runs the `window` executable against this broker; returns its exit status and output.
    public func window(_ arguments: [String], stdin: String? = nil) async throws -> ProgramResult {
        try await runWindow(["--broker", brokerAddress.description] + arguments, stdin: stdin)
    }
}

/// Runs the built `window` executable with `arguments`.
public func runWindow(_ arguments: [String], stdin: String? = nil) async throws -> ProgramResult {
    try await runProgram(ManagedProcess.executablePath("window"), arguments, stdin: stdin)
}

/// Runs one of the package's built executables to completion (a tool such as
/// `broker principals issue`), capturing its output.
public func runTool(_ executable: String, _ arguments: [String], stdin: String? = nil) async throws -> ProgramResult {
    try await runProgram(ManagedProcess.executablePath(executable), arguments, stdin: stdin)
}
