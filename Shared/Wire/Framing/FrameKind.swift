/// What a frame is for (`wire.FrameKind`); see proto/wire.proto for each kind's contract.
public enum FrameKind: Int32, Sendable, Codable {
    case unspecified = 0
    case request = 1
    case response = 2
    case cancel = 3
    case register = 4
    case heartbeat = 5
    case goodbye = 6
    case error = 7

    public init(wireValue: Int32) {
        self = FrameKind(rawValue: wireValue) ?? .unspecified
    }
}
