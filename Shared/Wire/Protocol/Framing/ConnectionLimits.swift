import NIOCore

/// The limits every connection enforces, with the defaults DESIGN.md and the broker's flags name.
/// Nothing is unbounded: a peer that exceeds one gets RESOURCE_EXHAUSTED (when a reply is still
/// possible) and, for framing violations, the connection is closed.
public struct ConnectionLimits: Sendable, Equatable {
    /// Largest frame body accepted, bytes (default 4 MiB).
    public var maxFrameBytes: Int = 4 * 1024 * 1024
    /// Calls a caller may have in flight on one connection (default 1024).
    public var maxInFlightPerConnection: Int = 1024
    /// A connection with no frames and no calls for this long is closed (default 5 minutes).
    public var idleTimeout: TimeAmount = .seconds(300)
    /// A frame that started arriving must be complete within this time (default 10 s).
    public var frameTimeout: TimeAmount = .seconds(10)

    public init() {}
}
