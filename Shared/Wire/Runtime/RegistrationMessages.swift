/// `wire.MethodDescriptor`: one method in a registration.
public struct MethodRegistration: ProtoMessage, Equatable, Hashable {
    public static let protoName = "wire.MethodDescriptor"
    public var name: String
    public var requestType: String
    public var responseType: String

    public init(name: String, requestType: String, responseType: String) {
        self.name = name
        self.requestType = requestType
        self.responseType = responseType
    }
}

/// `wire.RegisterRequest`: the payload of a REGISTER frame.
public struct RegisterRequest: ProtoMessage, Equatable {
    public static let protoName = "wire.RegisterRequest"
    public var service: String
    public var instanceId: String
    public var methods: [MethodRegistration]
    public var maxConcurrentCalls: UInt32
    public var heartbeatIntervalMs: UInt32

    public init(service: String, instanceId: String, methods: [MethodRegistration], maxConcurrentCalls: UInt32, heartbeatIntervalMs: UInt32) {
        self.service = service
        self.instanceId = instanceId
        self.methods = methods
        self.maxConcurrentCalls = maxConcurrentCalls
        self.heartbeatIntervalMs = heartbeatIntervalMs
    }
}

/// `wire.RegisterReply`: the broker's answer to a registration.
public struct RegisterReply: ProtoMessage, Equatable {
    public static let protoName = "wire.RegisterReply"
    public var heartbeatIntervalMs: UInt32
    public var brokerId: String

    public init(heartbeatIntervalMs: UInt32, brokerId: String) {
        self.heartbeatIntervalMs = heartbeatIntervalMs
        self.brokerId = brokerId
    }
}
