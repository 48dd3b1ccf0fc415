import NIOCore
import WindowContract
import WireClient
import WireProtocol

/// Everything the broker can be told at start: where to listen, its limits and timings.
/// Each field has a flag (and an environment variable) in `broker --help`.
public struct BrokerConfiguration: Sendable {
    public var listen = PeerAddress(host: "127.0.0.1", port: 7000)
    /// Shown in logs and in `window.Health`; defaults to `broker-<pid>`.
    public var brokerID = "broker"
    public var limits = ConnectionLimits()
    /// Connections accepted at once (callers and services together).
    public var maxConnections = 4096
    /// Deadline given to calls that carry none.
    public var defaultDeadline: TimeAmount = .seconds(10)
    /// Longest deadline a caller may ask for.
    public var maxDeadline: TimeAmount = .seconds(300)
    /// Calls waiting per service when every instance is at its declared limit.
    public var maxQueuedPerService = 1024
    /// Bounds for the heartbeat interval services propose.
    public var heartbeatRange: ClosedRange<Int64> = 100...60_000
    /// How long a shutdown waits for calls in flight before failing them.
    public var drainTimeout: TimeAmount = .seconds(10)
    /// Who may call, by bearer token; nil admits every caller as `anonymous` (development only).
    public var principals: PrincipalDirectory?
    /// Where principals are kept, for the window's administration methods (nil: none).
    package var principalStore: PrincipalStore?
    /// Where every call is recorded (nil: no audit log, e.g. in-process tests).
    package var audit: AuditLog?
    /// The credential the broker's own composition module registers with as the instance of
    /// service `window` that serves the composed methods (random, made at each start, never
    /// stored or shown); nil: no such instance may register.
    package var compositionCredential: String?
    /// Where delegations are kept (nil: none can be granted), and those in force at start.
    package var delegationStore: DelegationStore?
    package var delegations: [Delegation] = []
    /// Metadata a request may carry: entries and total bytes of keys and values (gRPC's default
    /// header limit is 8 KiB); more is RESOURCE_EXHAUSTED.
    public var maxMetadataEntries = 64
    public var maxMetadataBytes = 8 * 1024
    /// The communities and grids registry served by `window.ListCommunities`/`GetCommunity`
    /// (loaded from broker.sqlite by `main`; empty when the broker runs without one).
    public var communities = CommunityRegistry.empty

    public init() {}
}
