import Logging
import WireClient
import WireProtocol

/// What a department service declares: its name and its methods, each with request and response
/// types and a handler. The runtime registers these with the broker and dispatches calls to them.
///
/// ```swift
/// var service = ServiceDefinition(name: "echo")
/// service.method("Echo", roles: ["any"]) { (request: Echo.EchoRequest, context) in Echo.EchoResponse(text: request.text) }
/// ```
public struct ServiceDefinition: Sendable {
    /// How a method's handler runs.
    public enum Execution: Sendable {
        /// In a Swift task: may await (database, other services). The default.
        case task
        /// Synchronously on the connection's event loop: only for cheap, non-blocking work with no
        /// I/O; saves two thread hops per call.
        case inline
    }

    /// One method of the service.
    public struct Method: Sendable {
        public let name: String
        public let requestType: String
        public let responseType: String
        /// Who may call it, as the contract declares (`[roles: …]`); the broker enforces it.
        public let allowedRoles: [String]
        public let execution: Execution
        let invoke: @Sendable (_ payload: [UInt8], _ context: CallContext) async throws -> [UInt8]
        let invokeInline: (@Sendable (_ payload: [UInt8], _ context: CallContext) throws -> [UInt8])?

        /// Runs the handler on serialized bytes as the runtime would (decode, handle, encode),
        /// without a connection: for tests and in-process benchmarks.
        public func handle(_ payload: [UInt8], context: CallContext) async throws -> [UInt8] {
            try await invoke(payload, context)
        }
    }

    public let name: String
    public private(set) var methods: [String: Method] = [:]

    public init(name: String) {
        self.name = name
    }

    /// Declares a method whose handler runs in a task.
    public mutating func method<Request: ProtoMessage, Response: ProtoMessage>(
        _ name: String, roles: [String], _ handler: @escaping @Sendable (Request, CallContext) async throws -> Response
    ) {
        precondition(methods[name] == nil, "method \(name) declared twice")
        methods[name] = Method(
            name: name, requestType: Request.protoName, responseType: Response.protoName, allowedRoles: roles, execution: .task,
            invoke: { payload, context in
                let request = try Request(serializedBytes: payload)
                return try await handler(request, context).serializedBytes()
            }, invokeInline: nil)
    }

    /// Declares a method whose handler runs synchronously on the event loop (no I/O!).
    public mutating func inlineMethod<Request: ProtoMessage, Response: ProtoMessage>(
        _ name: String, roles: [String], _ handler: @escaping @Sendable (Request, CallContext) throws -> Response
    ) {
        precondition(methods[name] == nil, "method \(name) declared twice")
        let run: @Sendable ([UInt8], CallContext) throws -> [UInt8] = { payload, context in
            let request = try Request(serializedBytes: payload)
            return try handler(request, context).serializedBytes()
        }
        methods[name] = Method(
            name: name, requestType: Request.protoName, responseType: Response.protoName, allowedRoles: roles, execution: .inline,
            invoke: { payload, context in try run(payload, context) }, invokeInline: run)
    }

    /// The method table sent to the broker at registration.
    var registration: [Wire.MethodDescriptor] {
        methods.values.sorted { $0.name < $1.name }.map {
            Wire.MethodDescriptor(name: $0.name, requestType: $0.requestType, responseType: $0.responseType, allowedRoles: $0.allowedRoles)
        }
    }
}
