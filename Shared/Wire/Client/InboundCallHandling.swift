import NIOCore
import WireProtocol

/// What a connection does with REQUEST and CANCEL frames it receives: implemented by the service
/// runtime's dispatcher. A plain client connection has none and refuses inbound calls.
public protocol InboundCallHandling: Sendable {
    /// A request arrived on `connection`. Answer through `connection.send(_:)`, exactly once,
    /// with a RESPONSE frame carrying `frame.callId`.
    func handleRequest(_ frame: Wire.Frame, on connection: WireConnection)

    /// The caller gave up on `callId`; stop the work, send nothing.
    func handleCancel(callId: UInt64, on connection: WireConnection)

    /// The connection closed; abandon its calls.
    func connectionClosed(_ connection: WireConnection)

    /// The broker answered our GOODBYE: no request will follow on `connection`.
    func goodbyeAcknowledged(on connection: WireConnection)
}

extension InboundCallHandling {
    public func goodbyeAcknowledged(on connection: WireConnection) {}
}
