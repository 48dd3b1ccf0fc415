/// Messages of the broker's own methods (service `window`, proto/window.proto), shared by the
/// broker that answers them and the clients that ask.
public enum WindowMessages {
    /// `window.HealthRequest`.
    public struct HealthRequest: ProtoMessage, Equatable {
        public static let protoName = "window.HealthRequest"
        public init() {}
    }

    /// `window.HealthResponse`.
    public struct HealthResponse: ProtoMessage, Equatable {
        public static let protoName = "window.HealthResponse"
        public var status: String
        public var brokerId: String
        public var uptimeMs: UInt64
        public var services: UInt32
        public var instances: UInt32
        public var connections: UInt32

        public init(status: String, brokerId: String, uptimeMs: UInt64, services: UInt32, instances: UInt32, connections: UInt32) {
            self.status = status
            self.brokerId = brokerId
            self.uptimeMs = uptimeMs
            self.services = services
            self.instances = instances
            self.connections = connections
        }
    }

    /// `window.ListServicesRequest`.
    public struct ListServicesRequest: ProtoMessage, Equatable {
        public static let protoName = "window.ListServicesRequest"
        public var service: String
        public init(service: String = "") { self.service = service }
    }

    /// `window.MethodInfo`.
    public struct MethodInfo: ProtoMessage, Equatable, Hashable {
        public static let protoName = "window.MethodInfo"
        public var name: String
        public var requestType: String
        public var responseType: String

        public init(name: String, requestType: String, responseType: String) {
            self.name = name
            self.requestType = requestType
            self.responseType = responseType
        }
    }

    /// `window.InstanceInfo`.
    public struct InstanceInfo: ProtoMessage, Equatable {
        public static let protoName = "window.InstanceInfo"
        public var instanceId: String
        public var peer: String
        public var maxConcurrentCalls: UInt32
        public var outstandingCalls: UInt32
        public var draining: Bool
        public var registeredAtMs: UInt64

        public init(instanceId: String, peer: String, maxConcurrentCalls: UInt32, outstandingCalls: UInt32, draining: Bool, registeredAtMs: UInt64) {
            self.instanceId = instanceId
            self.peer = peer
            self.maxConcurrentCalls = maxConcurrentCalls
            self.outstandingCalls = outstandingCalls
            self.draining = draining
            self.registeredAtMs = registeredAtMs
        }
    }

    /// `window.ServiceInfo`.
    public struct ServiceInfo: ProtoMessage, Equatable {
        public static let protoName = "window.ServiceInfo"
        public var name: String
        public var methods: [MethodInfo]
        public var instances: [InstanceInfo]
        public var queuedCalls: UInt32

        public init(name: String, methods: [MethodInfo], instances: [InstanceInfo], queuedCalls: UInt32) {
            self.name = name
            self.methods = methods
            self.instances = instances
            self.queuedCalls = queuedCalls
        }
    }

    /// `window.ListServicesResponse`.
    public struct ListServicesResponse: ProtoMessage, Equatable {
        public static let protoName = "window.ListServicesResponse"
        public var services: [ServiceInfo]
        public init(services: [ServiceInfo]) { self.services = services }
    }

    /// The broker's own service name and methods.
    public static let serviceName = "window"
    public static let methods: [MethodInfo] = [
        MethodInfo(name: "Health", requestType: HealthRequest.protoName, responseType: HealthResponse.protoName),
        MethodInfo(name: "ListServices", requestType: ListServicesRequest.protoName, responseType: ListServicesResponse.protoName),
    ]
}
