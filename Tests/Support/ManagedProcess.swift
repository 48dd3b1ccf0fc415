import Foundation
import Subprocess
import Synchronization
import WireClient

#if canImport(Glibc)
    import Glibc
#endif
#if canImport(System)
    import System
#else
    import SystemPackage
#endif

/// A built executable of this package running as a child of the test, started by a
/// `RunningStack` (which stops it when the stack's scope ends, however it ends).
///
/// Its standard output and standard error are read as they come (swift-subprocess, both pipes
/// drained at once, so a chatty child never blocks on a full pipe); standard output lines can be
/// waited for (`firstOutputLine(where:)`), and both are kept in `log`. Every line of both is
/// scanned for full resident ID numbers as it arrives (`personalDataFindings`), so that the stack
/// can fail a test whose processes logged one, however long their output was.
public final class ManagedProcess: Sendable {
    /// The executable's name, e.g. "broker".
    public let name: String
    let path: String
    let arguments: [String]
    let environment: [String: String]

    enum Phase: Sendable {
        case launching
        /// Spawned and not yet reaped: signals by pid reach this process and no other.
        case running(pid_t)
        /// Its output has ended; it is being reaped, so its pid must not be signalled any more.
        case ending
        case exited(TerminationStatus)
        case failedToStart(String)
    }

    struct State: Sendable {
        var phase = Phase.launching
        /// Standard output, one element a line (the last `maxLines`).
        var outputLines: [String] = []
        /// Standard output and standard error as they arrived (the last `maxLogBytes`).
        var log = ""
        /// Full ID numbers found in the output (the first `maxFindings`), and how many in all.
        var personalData: [PersonalDataFinding] = []
        var personalDataCount = 0
    }

    static let maxLines = 10_000
    static let maxLogBytes = 1 << 20
    static let maxFindings = 20

    /// Whether the output is checked for personal data. Everything the stack runs is a
    /// long-running service whose output is its log — except the `window` client, whose standard
    /// output is the replies it was asked for (run it with `stack.window`, which is not scanned).
    var scansForPersonalData: Bool { name != "window" }

    let watch = StateWatch(State())

    /// The directory holding the built executables (next to the running test bundle), or
    /// `COMMUNITY_BIN` when set.
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

    /// The path of the built `executable`; throws when it was not built.
    static func executablePath(_ executable: String) throws -> String {
        let path = binDirectory + "/" + executable
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw ProcessError("\(path) is not built; run `swift build --build-tests` first")
        }
        return path
    }

    init(_ executable: String, _ arguments: [String], environment: [String: String]) throws {
        name = executable
        path = try Self.executablePath(executable)
        self.arguments = arguments
        var environment = environment
        environment["LOG_LEVEL"] = environment["LOG_LEVEL"] ?? ProcessInfo.processInfo.environment["LOG_LEVEL"] ?? "info"
        self.environment = environment
    }

    // MARK: Running (called by the stack's supervisor task, which owns the child)

    /// Spawns the process and reads its output until it exits. Cancelling the calling task
    /// tears the child down (SIGTERM, then SIGKILL after 5 s).
    func run() async {
        var options = PlatformOptions()
        options.teardownSequence = [.send(signal: .terminate, allowedDurationToNextStep: .seconds(5))]
        var updates: [Environment.Key: String?] = [:]
        for (key, value) in environment {
            if let key = Environment.Key(rawValue: key) { updates[key] = value }
        }
        do {
            let outcome = try await Subprocess.run(
                .path(FilePath(path)), arguments: Arguments(arguments), environment: .inherit.updating(updates),
                platformOptions: options, input: .none, output: .sequence, error: .sequence
            ) { execution in
                watch.update { $0.phase = .running(execution.processIdentifier.value) }
                await withTaskGroup(of: Void.self) { group in
                    group.addTask { await self.read(execution.standardOutput, isStandardOutput: true) }
                    group.addTask { await self.read(execution.standardError, isStandardOutput: false) }
                }
                // Both pipes ended: the child is gone and is reaped once this closure returns.
                watch.update { $0.phase = .ending }
            }
            watch.update { $0.phase = .exited(outcome.terminationStatus) }
        } catch {
            watch.update { state in
                if case .launching = state.phase {
                    state.phase = .failedToStart("\(error)")
                } else {
                    state.phase = .failedToStart("lost track of the process: \(error)")
                }
            }
        }
    }

    private func read(_ output: SubprocessOutputSequence, isStandardOutput: Bool) async {
        var pending: [UInt8] = []
        do {
            for try await buffer in output {
                buffer.withUnsafeBytes { pending.append(contentsOf: $0) }
                guard let lastNewline = pending.lastIndex(of: UInt8(ascii: "\n")) else { continue }
                let complete = pending[...lastNewline]
                pending.removeSubrange(...lastNewline)
                record(
                    complete.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast()
                        .map { String(decoding: $0, as: UTF8.self) }, isStandardOutput: isStandardOutput)
            }
        } catch {
            // Reading stops when the child is gone; what arrived is kept.
        }
        if !pending.isEmpty { record([String(decoding: pending, as: UTF8.self)], isStandardOutput: isStandardOutput) }
    }

    private func record(_ lines: [String], isStandardOutput: Bool) {
        guard !lines.isEmpty else { return }
        // Scanned outside the lock: a chatty child must not hold up those waiting on its state.
        var findings: [PersonalDataFinding] = []
        if scansForPersonalData {
            for line in lines {
                for number in PersonalDataScan.idNumbers(in: line) {
                    findings.append(
                        PersonalDataFinding(
                            process: name, stream: isStandardOutput ? "stdout" : "stderr", maskedNumber: PersonalDataScan.masked(number),
                            maskedLine: PersonalDataScan.maskedLine(line)))
                }
            }
        }
        watch.update { state in
            state.personalDataCount += findings.count
            state.personalData += findings.prefix(Self.maxFindings - min(state.personalData.count, Self.maxFindings))
            for line in lines {
                state.log += line
                state.log += "\n"
                if isStandardOutput { state.outputLines.append(line) }
            }
            if state.outputLines.count > Self.maxLines { state.outputLines.removeFirst(state.outputLines.count - Self.maxLines) }
            if state.log.utf8.count > Self.maxLogBytes { state.log = String(state.log.suffix(Self.maxLogBytes / 2)) }
        }
    }

    // MARK: Observing

    /// Returns once the process was spawned; throws if it could not be.
    func waitUntilSpawned() async throws {
        let failure = try await watch.wait { state -> String?? in
            switch state.phase {
            case .launching: return nil
            case .failedToStart(let reason): return .some(reason)
            case .running, .ending, .exited: return .some(nil)
            }
        }
        if let failure { throw ProcessError("\(name) could not be started: \(failure)") }
    }

    /// The first line of standard output `matching` returns a value for (lines printed before the
    /// call count too). Throws when the process ends without printing one, or after `timeout`
    /// (which only bounds a hang).
    public func firstOutputLine<T: Sendable>(
        _ what: String, timeout: Duration = .seconds(60), matching: @escaping @Sendable (String) -> T?
    ) async throws -> T {
        let name = self.name
        let found = try await withTimeout(timeout, { "\(name) to print \(what):\n\(self.log)" }) {
            try await self.watch.wait { state -> T?? in
                if let match = state.outputLines.lazy.compactMap(matching).first { return .some(match) }
                switch state.phase {
                case .ending, .exited, .failedToStart: return .some(nil)
                case .launching, .running: return nil
                }
            }
        }
        guard let found else { throw ProcessError("\(name) ended without printing \(what):\n\(log)") }
        return found
    }

    /// The address announced by the first standard output line `PREFIX HOST:PORT`, e.g. the
    /// broker's `listening on 127.0.0.1:43127` or a service's `serving direct clients on …`:
    /// the port the process actually bound (port 0 lets the kernel choose).
    public func announcedAddress(_ prefix: String, timeout: Duration = .seconds(60)) async throws -> PeerAddress {
        try await firstOutputLine("`\(prefix)HOST:PORT`", timeout: timeout) { line in
            line.hasPrefix(prefix) ? PeerAddress(String(line.dropFirst(prefix.count))) : nil
        }
    }

    /// The process id while the process runs, else nil.
    public var pid: Int32? {
        watch.read { state in
            if case .running(let pid) = state.phase { return pid }
            return nil
        }
    }

    /// Whether the process has not ended yet.
    public var isRunning: Bool {
        watch.read { state in
            switch state.phase {
            case .launching, .running: return true
            case .ending, .exited, .failedToStart: return false
            }
        }
    }

    /// How it ended, once it has: the exit code, or 128 + the signal that ended it (as a shell
    /// reports it); -1 if it never started.
    public var exitStatus: Int32? {
        watch.read { Self.exitStatus(of: $0.phase) }
    }

    private static func exitStatus(of phase: Phase) -> Int32? {
        switch phase {
        case .exited(.exited(let code)): return code
        case .exited(.signaled(let signal)): return 128 + signal
        case .failedToStart: return -1
        case .launching, .running, .ending: return nil
        }
    }

    /// Waits for the process to end; returns its `exitStatus`, or nil after `timeout` seconds.
    public func waitForExit(timeout: Double = 60) async -> Int32? {
        try? await withTimeout(.milliseconds(Int64(timeout * 1000)), { "\(self.name) to exit" }) {
            try await self.watch.wait { Self.exitStatus(of: $0.phase) }
        }
    }

    /// What the process printed so far, standard output and standard error as they arrived.
    public var log: String { watch.read(\.log) }

    /// The full resident ID numbers found so far in everything the process printed (the first
    /// 20; `personalDataFindingCount` counts them all). Empty for the `window` client.
    public var personalDataFindings: [PersonalDataFinding] { watch.read(\.personalData) }

    /// How many full ID numbers the process printed so far.
    public var personalDataFindingCount: Int { watch.read(\.personalDataCount) }

    // MARK: Signals

    /// Sends `signal` while the process runs; false when it has already ended.
    @discardableResult
    public func send(_ signal: Int32) -> Bool {
        // Under the lock: the pid is only reaped after the phase left `.running`, so it cannot
        // name another process here.
        watch.read { state in
            guard case .running(let pid) = state.phase else { return false }
            return kill(pid, signal) == 0
        }
    }

    /// SIGTERM: the graceful path.
    public func terminate() { send(SIGTERM) }

    /// SIGKILL: a crash, nothing flushed.
    public func kill9() { send(SIGKILL) }

    /// SIGSTOP: frozen, alive but silent.
    public func suspend() { send(SIGSTOP) }

    /// SIGCONT: thawed.
    public func resume() { send(SIGCONT) }

    /// Stops the process: SIGTERM (and SIGCONT, so a suspended process sees it), then SIGKILL if
    /// it has not exited after `grace` seconds.
    public func stop(grace: Double = 5) async {
        guard isRunning else { return }
        terminate()
        resume()
        if await waitForExit(timeout: grace) == nil {
            kill9()
            _ = await waitForExit(timeout: 30)
        }
    }
}

/// Why a child process could not be started or did not become ready.
public struct ProcessError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
