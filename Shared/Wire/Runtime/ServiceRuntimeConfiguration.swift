import NIOCore
import WireClient
import WireProtocol

/// How a department service runs: where the broker is, who this instance is, its limits.
/// Every field has a default and a command-line flag in the service's `main`.
public struct ServiceRuntimeConfiguration: Sendable {
    public var broker: PeerAddress = PeerAddress(host: "127.0.0.1", port: 7000)
    /// Unique per running instance; defaults to `<service>-<random>`.
    public var instanceID: String?
    /// Calls this instance handles at once; the broker sends no more.
    public var maxConcurrentCalls: Int = 64
    /// Proposed heartbeat interval; a peer silent for 3 intervals is dead.
    public var heartbeatInterval: TimeAmount = .seconds(1)
    /// Deadline for calls that arrive without one (direct clients).
    public var defaultDeadline: TimeAmount = .seconds(10)
    /// Also serve direct clients here (benchmarks, debugging) — no broker in between.
    public var directListen: PeerAddress?
    /// How long a shutdown waits for in-flight calls.
    public var drainTimeout: TimeAmount = .seconds(10)
    /// First and last pause between attempts to reach the broker.
    public var reconnectBackoff: (initial: TimeAmount, maximum: TimeAmount) = (.milliseconds(100), .seconds(5))
    public var limits = ConnectionLimits()
    /// The service credential presented at REGISTER (`authorization: Bearer …`); a broker with
    /// principals admits only services that present one issued for them.
    public var credential: String?

    public init() {}
}
