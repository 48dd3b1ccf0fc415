import Foundation
import Subprocess

#if canImport(System)
    import System
#else
    import SystemPackage
#endif

/// How a program run by `runProgram` ended and what it printed.
public struct ProgramResult: Sendable {
    /// The exit code, or 128 + the signal that ended it; -1 when it was killed after the timeout.
    public let status: Int32
    public let stdout: String
    public let stderr: String
    /// Whether it was still running after the timeout (and so was killed).
    public let timedOut: Bool
}

/// Runs a program to completion, collecting standard output and standard error at the same time
/// (neither pipe can fill up and block it), with `stdin` (or nothing) as its input.
///
/// - Parameter timeout: bounds a hang only: after it the program gets SIGTERM, then SIGKILL after
///   2 s, and the result says `timedOut`.
public func runProgram(
    _ executable: String, _ arguments: [String], stdin: String? = nil, environment: [String: String] = [:],
    workingDirectory: String? = nil, timeout: Duration = .seconds(60)
) async throws -> ProgramResult {
    var options = PlatformOptions()
    options.teardownSequence = [.send(signal: .terminate, allowedDurationToNextStep: .seconds(2))]
    var updates: [Environment.Key: String?] = [:]
    for (key, value) in environment {
        if let key = Environment.Key(rawValue: key) { updates[key] = value }
    }
    let configuration = Configuration(
        executable: .path(FilePath(executable)), arguments: Arguments(arguments), environment: .inherit.updating(updates),
        workingDirectory: workingDirectory.map { FilePath($0) }, platformOptions: options)
    let limit = 64 << 20
    let input = stdin
    let finished: ProgramResult? = try await withThrowingTaskGroup(of: ProgramResult?.self) { group in
        group.addTask {
            let result =
                if let input {
                    try await Subprocess.run(configuration, input: .string(input), output: .string(limit: limit), error: .string(limit: limit))
                } else {
                    try await Subprocess.run(configuration, input: .none, output: .string(limit: limit), error: .string(limit: limit))
                }
            let status: Int32 =
                switch result.terminationStatus {
                case .exited(let code): code
                case .signaled(let signal): 128 + signal
                }
            return ProgramResult(status: status, stdout: result.standardOutput, stderr: result.standardError, timedOut: false)
        }
        group.addTask {
            try await Task.sleep(for: timeout)
            return nil
        }
        defer { group.cancelAll() }
        return try await group.next() ?? nil
    }
    return finished ?? ProgramResult(status: -1, stdout: "", stderr: "\(executable) killed after \(timeout)", timedOut: true)
}
