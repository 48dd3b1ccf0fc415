import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child process started by a test from this package's built executables, with its output in
/// a log file; stopped with SIGTERM (graceful) or SIGKILL (crash), never left behind.
public final class ManagedProcess: Sendable {
    public let name: String
    public let logPath: String
    private let process: Process

    /// The directory holding the built executables (next to the running test bundle).
    public static var binDirectory: String {
        if let override = ProcessInfo.processInfo.environment["COMMUNITY_BIN"], !override.isEmpty { return override }
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var directory = URL(fileURLWithPath: executable).deletingLastPathComponent()
        // The test runner may be inside a .xctest bundle directory.
        while directory.lastPathComponent.hasSuffix(".xctest") || !FileManager.default.fileExists(atPath: directory.appendingPathComponent("broker").path) {
            let parent = directory.deletingLastPathComponent()
            if parent.path == directory.path { break }
            directory = parent
        }
        return directory.path
    }

    /// Starts `executable` (e.g. "broker") with `arguments`.
    public init(_ executable: String, _ arguments: [String], environment: [String: String] = [:], logDirectory: String = NSTemporaryDirectory()) throws {
        name = executable
        let path = Self.binDirectory + "/" + executable
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw ProcessError("\(path) is not built; run `swift build` first")
        }
        logPath = logDirectory + "/\(executable)-\(UUID().uuidString.prefix(8)).log"
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = FileHandle(forWritingAtPath: logPath)!
        process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["LOG_LEVEL"] = env["LOG_LEVEL"] ?? "info"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    public var pid: Int32 { process.processIdentifier }
    public var isRunning: Bool { process.isRunning }

    /// SIGTERM: the graceful path.
    public func terminate() { if process.isRunning { kill(process.processIdentifier, SIGTERM) } }

    /// SIGKILL: a crash, nothing flushed.
    public func kill9() { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

    /// Waits for the process to exit; returns its status, or nil on timeout.
    public func waitForExit(timeout: Double = 10) async -> Int32? {
        let giveUp = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < giveUp {
            try? await Task.sleep(nanoseconds: 20_000_000)
        }
        return process.isRunning ? nil : process.terminationStatus
    }

    /// Stops the process (SIGTERM, then SIGKILL after `grace` seconds).
    public func stop(grace: Double = 5) async {
        terminate()
        if await waitForExit(timeout: grace) == nil {
            kill9()
            _ = await waitForExit(timeout: 5)
        }
    }

    /// What the process logged so far.
    public var log: String {
        (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}

/// Why a child process could not be started or did not become ready.
public struct ProcessError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
