import Domain
import EchoContract
import Foundation
import NIOCore
import WireProtocol
import WireRuntime

/// The test service (`echo`): exercises the wire, the broker and the service runtime end to end,
/// runs in the demo beside the offices, and is the benchmarks' cheap method.
public struct EchoHandlers: Echo.EchoService {
    /// Echoed in `EchoResponse.instance_id`, so tests can observe routing.
    public let instanceID: String

    public init(instanceID: String) {
        self.instanceID = instanceID
    }

    public func echo(_ request: Echo.EchoRequest, context: CallContext) throws -> Echo.EchoResponse {
        Echo.EchoResponse(text: request.text, blob: request.blob, instanceId: instanceID)
    }

    public func sleep(_ request: Echo.SleepRequest, context: CallContext) async throws -> Echo.SleepResponse {
        var validation = Validation()
        validation.require(request.millis <= 600_000, field: "millis", "must be at most 600000")
        try validation.finish()
        let start = NIODeadline.now()
        do {
            try await Task.sleep(nanoseconds: UInt64(request.millis) * 1_000_000)
        } catch {
            context.logger.debug("sleep cancelled")
            throw RPCError(.cancelled, "sleep cancelled")
        }
        return Echo.SleepResponse(sleptMillis: UInt32((NIODeadline.now() - start).nanoseconds / 1_000_000), cancelled: false)
    }

    public func fail(_ request: Echo.FailRequest, context: CallContext) throws -> Echo.FailResponse {
        guard request.code != .ok else { return Echo.FailResponse() }
        throw RPCError(request.code, request.message)
    }

    public func validate(_ request: Echo.ValidateRequest, context: CallContext) throws -> Echo.ValidateResponse {
        var validation = Validation()
        let id = validation.parse("id_number") { try ResidentIdentityNumber(request.idNumber) }
        validation.require(request.amountFen >= 0, field: "amount_fen", "must not be negative (got \(request.amountFen))")
        try validation.finish()
        guard let id else { throw RPCError.invalidArgument(field: "id_number", "is required") }
        return Echo.ValidateResponse(maskedIdNumber: id.masked, birthDate: id.birthDate.description, sex: id.sex == .male ? "male" : "female")
    }

    public func relay(_ request: Echo.RelayRequest, context: CallContext) async throws -> Echo.RelayResponse {
        var validation = Validation()
        validation.length(request.service, field: "service", within: 1...63)
        validation.length(request.method, field: "method", within: 1...100)
        try validation.finish()
        let passed = UInt32(context.remaining.nanoseconds / 1_000_000)
        let reply = try await context.call(
            service: request.service, method: request.method, request: Echo.EchoRequest(text: request.text), as: Echo.EchoResponse.self)
        return Echo.RelayResponse(text: reply.text, passedDeadlineMs: passed)
    }

    public func whoAmI(_ request: Echo.WhoAmIRequest, context: CallContext) throws -> Echo.WhoAmIResponse {
        Echo.WhoAmIResponse(
            principalId: context.principal.id, roles: context.principal.roles.sorted(), gridScope: context.principal.gridScope,
            purpose: context.purpose ?? "", requestId: context.requestID ?? "",
            deadlineMs: UInt32(context.remaining.nanoseconds / 1_000_000), metadataKeys: context.metadata.keys.sorted())
    }
}
