import Foundation
import NIOCore
import ProtoReflection
import WindowContract
import WireClient
import WireProtocol

/// What the `window` command does, as a library so tests call it without a process: connect to
/// the broker, list services, check health, and call any method with JSON in and JSON out.
///
/// JSON ↔ protobuf goes through the message descriptors compiled into this binary
/// (`ProtoRegistry`), and the method's message types come from the broker's `ListServices`, so
/// every method of every registered service is callable with no per-method code.
public final class WindowSession: Sendable {
    public let connection: WireConnection
    public let metadata: [String: String]
    public let deadline: TimeAmount

    public init(connection: WireConnection, metadata: [String: String] = [:], deadline: TimeAmount = .seconds(10)) {
        self.connection = connection
        self.metadata = metadata
        self.deadline = deadline
    }

    public static func connect(to address: PeerAddress, metadata: [String: String] = [:], deadline: TimeAmount = .seconds(10)) async throws -> WindowSession {
        WindowSession(connection: try await WireConnection.connect(to: address), metadata: metadata, deadline: deadline)
    }

    public func close() async { await connection.close() }

    public func health() async throws -> Window.HealthResponse {
        try await Window.WindowClient(connection).health(Window.HealthRequest(), deadline: deadline, metadata: metadata)
    }

    public func services(named name: String = "") async throws -> Window.ListServicesResponse {
        try await Window.WindowClient(connection).listServices(Window.ListServicesRequest(service: name), deadline: deadline, metadata: metadata)
    }

    /// A request that could not be built; exits with `WindowExitCode.badRequest`.
    public struct BadRequest: Error, CustomStringConvertible {
        public let description: String
        public init(description: String) { self.description = description }
    }

    /// Calls `target` (`SERVICE.METHOD`) with a JSON request; returns the JSON response.
    public func call(_ target: String, json: String, extraMetadata: [String: String] = [:]) async throws -> String {
        guard let dot = target.firstIndex(of: "."), dot != target.startIndex, dot != target.index(before: target.endIndex) else {
            throw BadRequest(description: "the method must be written SERVICE.METHOD, e.g. window.ListServices (got \"\(target)\")")
        }
        let service = String(target[..<dot]), method = String(target[target.index(after: dot)...])
        let listing = try await services(named: service)
        guard let info = listing.services.first(where: { $0.name == service }) else {
            throw RPCError(.unavailable, "no instance of service \(service) is registered")
        }
        guard let methodInfo = info.methods.first(where: { $0.name == method }) else {
            let known = info.methods.map(\.name).joined(separator: ", ")
            throw BadRequest(description: "service \(service) has no method \(method); it has: \(known)")
        }
        guard let requestSchema = ProtoRegistry.shared.message(named: methodInfo.requestType),
            let responseSchema = ProtoRegistry.shared.message(named: methodInfo.responseType)
        else {
            throw BadRequest(
                description: "this window binary does not know \(methodInfo.requestType) or \(methodInfo.responseType); rebuild it with the current proto/")
        }
        let request: DynamicMessage
        do {
            request = try ProtoJSON.message(fromJSON: json.isEmpty ? "{}" : json, schema: requestSchema)
        } catch {
            throw BadRequest(description: "--data does not fit \(requestSchema.fullName): \(error)")
        }
        let payload = try ProtoCBridge.encode(request)
        let response = try await connection.callRaw(
            service: service, method: method, payload: payload, deadline: deadline,
            metadata: metadata.merging(extraMetadata) { $1 })
        return ProtoJSON.json(from: try ProtoCBridge.decode(response, as: responseSchema))
    }

    /// `window services` output: one block per service with its instances and methods.
    public static func describe(_ listing: Window.ListServicesResponse) -> String {
        var lines: [String] = []
        for service in listing.services {
            let instances = service.name == Window.serviceName ? "built into the broker" : "\(service.instances.count) instance(s)"
            lines.append("\(service.name)  (\(instances)\(service.queuedCalls > 0 ? ", \(service.queuedCalls) queued" : ""))")
            for instance in service.instances {
                lines.append(
                    "  instance \(instance.instanceId) at \(instance.peer): \(instance.outstandingCalls)/\(instance.maxConcurrentCalls) calls\(instance.draining ? ", draining" : "")"
                )
            }
            for method in service.methods {
                lines.append("  \(service.name).\(method.name)(\(method.requestType)) returns \(method.responseType)")
            }
        }
        return lines.joined(separator: "\n")
    }
}
