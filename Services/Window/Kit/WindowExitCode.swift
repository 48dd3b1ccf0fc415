import WireClient
import WireProtocol
import WireRuntime

/// The `window` command's exit status, documented in its `--help`, so scripts can tell
/// "broker not reachable" from "the department said no".
public enum WindowExitCode {
    public static let success: Int32 = 0
    /// Something unexpected (a bug, an unreadable file).
    public static let failure: Int32 = 1
    /// Nothing answers at the broker address (connection refused or timed out).
    public static let brokerUnreachable: Int32 = 2
    /// The call's request could not be built: unknown method, JSON that does not fit the message.
    public static let badRequest: Int32 = 3
    /// Bad flags (as swift-argument-parser reports them).
    public static let usage: Int32 = 64

    /// A call answered with a non-OK status exits with 10 + the gRPC code.
    public static func status(_ code: Wire.StatusCode) -> Int32 { code == .ok ? 0 : 10 + code.rawValue }

    /// The table printed in `--help`.
    public static var helpTable: String {
        var lines = [
            "  0   the call succeeded",
            "  1   unexpected failure",
            "  2   broker unreachable (connection refused, connect timeout)",
            "  3   request could not be built (unknown service or method, JSON does not fit the message)",
            "  64  bad command-line usage",
        ]
        for code in Wire.StatusCode.allCases where code != .ok {
            lines.append("  \(status(code))  \(code.name)")
        }
        return lines.joined(separator: "\n")
    }
}
