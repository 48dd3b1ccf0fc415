import NIOCore

/// What a connection does with REQUEST and CANCEL frames it receives: implemented by the service
/// runtime's dispatcher. A plain client connection has none and refuses inbound calls.
public protocol InboundCallHandling: Sendable {
    /// A request arrived on `connection`. Answer through `connection.send(_:)`, exactly once,
    /// with a RESPONSE frame carrying `frame.callID`.
    func handleRequest(_ frame: Frame, on connection: WireConnection)

    /// The caller gave up on `callID`; stop the work, send nothing.
    func handleCancel(callID: UInt64, on connection: WireConnection)

    /// The connection closed; abandon its calls.
    func connectionClosed(_ connection: WireConnection)
}
