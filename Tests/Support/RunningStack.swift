import WindowContract
import Foundation
import WireClient
import WireProtocol


/// A broker process (and optionally echo-service processes) on free loopback ports, started from
/// the built executables; the end-to-end tests' fixture.
public final class RunningStack: Sendable {
    public let brokerAddress: PeerAddress
    public let broker: ManagedProcess
    public let directory: TemporaryDirectory

    private init(brokerAddress: PeerAddress, broker: ManagedProcess, directory: TemporaryDirectory) {
        self.brokerAddress = brokerAddress
        self.broker = broker
        self.directory = directory
    }

    /// Starts a broker and waits until it answers `window.Health`.
    public static func start(brokerArguments: [String] = [], port: Int? = nil) async throws -> RunningStack {
        let directory = try TemporaryDirectory(prefix: "stack")
        let address = PeerAddress(host: "127.0.0.1", port: port ?? FreePort.next())
        let broker = try ManagedProcess("broker", ["--listen", address.description] + brokerArguments, logDirectory: directory.path)
        let stack = RunningStack(brokerAddress: address, broker: broker, directory: directory)
        guard await eventually(timeout: 20, { try await stack.isHealthy() }) else {
            throw ProcessError("broker did not become healthy:\n\(broker.log)")
        }
        return stack
    }

    /// Starts another broker process on the same port (after the first was stopped).
    public func restartBroker(brokerArguments: [String] = []) async throws -> ManagedProcess {
        let broker = try ManagedProcess("broker", ["--listen", brokerAddress.description] + brokerArguments, logDirectory: directory.path)
        guard await eventually(timeout: 20, { try await self.isHealthy() }) else {
            throw ProcessError("restarted broker did not become healthy:\n\(broker.log)")
        }
        return broker
    }

    public func isHealthy() async throws -> Bool {
        let connection = try await WireConnection.connect(to: brokerAddress, connectTimeout: .seconds(1))
        defer { Task { await connection.close() } }
        let health = try await connection.call(service: "window", method: "Health", request: Window.HealthRequest(), as: Window.HealthResponse.self, deadline: .seconds(2))
        return health.status == "SERVING"
    }

    /// Starts an echo-service instance and waits until the broker lists it.
    public func startEcho(instanceID: String, extraArguments: [String] = []) async throws -> ManagedProcess {
        try await startService("echo-service", service: "echo", instanceID: instanceID, arguments: extraArguments)
    }

    /// Starts a department service executable (e.g. "employment" with `--db`) and waits until the
    /// broker lists its instance under `service`.
    public func startService(_ executable: String, service: String, instanceID: String, arguments: [String] = []) async throws -> ManagedProcess {
        let process = try ManagedProcess(executable, ["--broker", brokerAddress.description, "--instance-id", instanceID] + arguments, logDirectory: directory.path)
        guard await eventually(timeout: 20, { try await self.instances(of: service).contains(instanceID) }) else {
            throw ProcessError("\(executable) \(instanceID) did not register:\n\(process.log)")
        }
        return process
    }

    /// Instance ids the broker lists for `service`.
    public func instances(of service: String) async throws -> [String] {
        let connection = try await WireConnection.connect(to: brokerAddress, connectTimeout: .seconds(1))
        defer { Task { await connection.close() } }
        let listing = try await connection.call(service: "window", method: "ListServices", request: Window.ListServicesRequest(service: service), as: Window.ListServicesResponse.self, deadline: .seconds(2))
        return listing.services.first { $0.name == service }?.instances.map(\.instanceId) ?? []
    }

    /// Runs the `window` executable; returns its exit status and output.
    public func window(_ arguments: [String], stdin: String? = nil) async throws -> (status: Int32, stdout: String, stderr: String) {
        try await runWindow(["--broker", brokerAddress.description] + arguments, stdin: stdin)
    }

    public func stop() async {
        await broker.stop()
        directory.remove()
    }
}

/// Runs the built `window` executable with `arguments`.
public func runWindow(_ arguments: [String], stdin: String? = nil) async throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: ManagedProcess.binDirectory + "/window")
    process.arguments = arguments
    let out = Pipe(), err = Pipe(), input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    while process.isRunning { try await Task.sleep(nanoseconds: 10_000_000) }
    return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
}
