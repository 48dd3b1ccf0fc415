import NIOCore
import WireClient
import WireProtocol

/// Calls made through a service instance's own broker link outside any call it is handling, on
/// behalf of a person who delegated it (`on-behalf-of` set to a delegation token the broker
/// issued): what lets the window's composition finish a life event's steps later, or after a
/// restart, in the name of the clerk who took it in.
///
/// The link is looked up at each call (it changes when the instance reconnects); with no link the
/// call fails UNAVAILABLE at once, which a caller that retries treats like an office that is down.
public struct LinkCalls: UnaryCalling {
    let link: @Sendable () -> WireConnection?
    /// The delegation token presented with every call.
    public let delegation: String

    public func unary<Request: ProtoMessage, Response: ProtoMessage>(
        service: String, method: String, request: Request, as: Response.Type, options: CallOptions
    ) async throws -> Response {
        guard let connection = link() else { throw RPCError(.unavailable, "not connected to the broker") }
        var metadata = options.effectiveMetadata
        metadata[MetadataKey.onBehalfOf] = delegation
        return try await connection.call(
            service: service, method: method, request: request, deadline: options.deadline ?? .seconds(10), metadata: metadata)
    }
}

extension ServiceRuntime {
    /// Calls through this instance's broker link for the person who granted `delegation`.
    public func calls(onBehalfOf delegation: String) -> LinkCalls {
        let link = self.link
        return LinkCalls(link: { link.current }, delegation: delegation)
    }
}
