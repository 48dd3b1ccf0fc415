import WireClient
import WireProtocol

/// Calls from clients that connect to a service directly (benchmarks, debugging), with no broker
/// in between: nobody vouches for them, so they are served as anonymous callers with no roles —
/// whatever principal metadata they send is removed before a handler sees the call.
struct DirectCallHandling: InboundCallHandling {
    let dispatcher: CallDispatcher

    func handleRequest(_ frame: Wire.Frame, on connection: WireConnection) {
        var frame = frame
        frame.metadata = MetadataKey.withoutBrokerOnly(frame.metadata)
        dispatcher.handleRequest(frame, on: connection)
    }

    func handleCancel(callId: UInt64, on connection: WireConnection) {
        dispatcher.handleCancel(callId: callId, on: connection)
    }

    func connectionClosed(_ connection: WireConnection) {
        dispatcher.connectionClosed(connection)
    }
}
