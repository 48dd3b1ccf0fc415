/// One frame of the wire protocol (`wire.Frame`) as a Swift value: the envelope around every
/// request, response, cancel, registration and heartbeat.
public struct Frame: Sendable, Equatable {
    public var callID: UInt64
    public var kind: FrameKind
    public var service: String
    public var method: String
    /// Relative deadline in milliseconds; 0 means the receiver's default.
    public var deadlineMilliseconds: UInt32
    public var metadata: [String: String]
    /// The method's own message, serialized.
    public var payload: [UInt8]
    /// Set on RESPONSE and ERROR frames.
    public var status: Status?

    public init(
        callID: UInt64 = 0, kind: FrameKind, service: String = "", method: String = "",
        deadlineMilliseconds: UInt32 = 0, metadata: [String: String] = [:], payload: [UInt8] = [],
        status: Status? = nil
    ) {
        self.callID = callID
        self.kind = kind
        self.service = service
        self.method = method
        self.deadlineMilliseconds = deadlineMilliseconds
        self.metadata = metadata
        self.payload = payload
        self.status = status
    }

    /// A RESPONSE frame for `callID` carrying `status` (and payload when OK).
    public static func response(callID: UInt64, status: Status, payload: [UInt8] = []) -> Frame {
        Frame(callID: callID, kind: .response, payload: payload, status: status)
    }
}
