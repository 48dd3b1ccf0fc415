import Foundation
import Logging

/// Small pieces every executable's `main` shares: flag defaults from environment variables (for
/// compose files) and logging set-up. Only `main` calls `bootstrapLogging`.
public enum CommandLineSupport {
    /// The value of an environment variable, or `fallback` when unset or empty.
    public static func environment(_ name: String, default fallback: String) -> String {
        let value = ProcessInfo.processInfo.environment[name] ?? ""
        return value.isEmpty ? fallback : value
    }

    /// An integer from the environment, or `fallback`.
    public static func environment(_ name: String, default fallback: Int) -> Int {
        Int(environment(name, default: "")) ?? fallback
    }

    /// Structured logs to standard error at `level` (trace, debug, info, notice, warning, error, critical).
    public static func bootstrapLogging(level: String) {
        let parsed = Logger.Level(rawValue: level.lowercased()) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = parsed
            return handler
        }
    }
}
