import NIOCore
import WindowContract
import WireClient
import WireProtocol

/// What a connection that registered as a service instance declared, and its live counters.
struct InstanceRecord {
    let service: String
    let instanceID: String
    let methods: Set<String>
    let methodList: [Wire.MethodDescriptor]
    /// Who may call each method, as the instance's contract declares ("any": every caller).
    let allowedRoles: [String: Set<String>]
    /// The largest frame the instance accepts; larger forwarded requests are refused.
    let maxFrameBytes: Int
    let maxConcurrentCalls: Int
    let heartbeatInterval: TimeAmount
    let registeredAt: NIODeadline
    let registeredAtWallMs: UInt64
    var outstanding = 0
    /// Broker call ids sent to this instance and not yet answered.
    var calls: Set<UInt64> = []
    /// Said GOODBYE: finishing its calls, taking no new ones.
    var draining = false
}
