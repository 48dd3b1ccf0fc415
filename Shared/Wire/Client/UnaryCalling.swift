import NIOCore
import WireProtocol

/// How a typed client's call is made: the deadline, metadata and idempotency key of one call.
public struct CallOptions: Sendable {
    /// How long the caller waits; nil means the default (10 s on a connection, the time left of
    /// the current call inside a handler).
    public var deadline: TimeAmount?
    /// Extra metadata (`purpose`, `request-id`, …). Keys the broker owns are overwritten by it.
    public var metadata: [String: String]
    /// Makes a retried write do its work once (sent as `idempotency-key`).
    public var idempotencyKey: String?

    public init(deadline: TimeAmount? = nil, metadata: [String: String] = [:], idempotencyKey: String? = nil) {
        self.deadline = deadline
        self.metadata = metadata
        self.idempotencyKey = idempotencyKey
    }

    /// The metadata to send: `metadata` plus the idempotency key.
    public var effectiveMetadata: [String: String] {
        var all = metadata
        if let idempotencyKey { all[MetadataKey.idempotencyKey] = idempotencyKey }
        return all
    }
}

/// Anything a generated client can make a unary call through: a `WireConnection` (to the broker
/// or a service directly), or a handler's `CallContext`, which carries the current call's deadline,
/// request id and purpose on to the call it makes.
public protocol UnaryCalling: Sendable {
    func unary<Request: ProtoMessage, Response: ProtoMessage>(
        service: String, method: String, request: Request, as: Response.Type, options: CallOptions
    ) async throws -> Response
}

extension WireConnection: UnaryCalling {
    public func unary<Request: ProtoMessage, Response: ProtoMessage>(
        service: String, method: String, request: Request, as: Response.Type, options: CallOptions
    ) async throws -> Response {
        try await call(
            service: service, method: method, request: request, as: Response.self,
            deadline: options.deadline ?? .seconds(10), metadata: options.effectiveMetadata)
    }
}
