import Domain
import NIOCore
import Wire

/// The test service (`echo`): exercises the wire, the broker and the service runtime end to end,
/// runs in the demo until department services exist, and is the benchmarks' cheap method.
public enum EchoService {
    public static let name = "echo"

    /// The service's methods; `instanceID` is echoed so tests can observe routing.
    public static func definition(instanceID: String) -> ServiceDefinition {
        var service = ServiceDefinition(name: name)

        // Inline: the benchmark's cheap method, answered on the event loop.
        service.inlineMethod("Echo") { (request: EchoRequest, _) in
            EchoResponse(text: request.text, blob: request.blob, instanceId: instanceID)
        }

        service.method("Sleep") { (request: SleepRequest, context) in
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
            return SleepResponse(sleptMillis: UInt32((NIODeadline.now() - start).nanoseconds / 1_000_000), cancelled: false)
        }

        service.inlineMethod("Fail") { (request: FailRequest, _) -> FailResponse in
            guard request.code != .ok else { return FailResponse() }
            throw RPCError(request.code, request.message)
        }

        service.inlineMethod("Validate") { (request: ValidateRequest, _) in
            var validation = Validation()
            let id = validation.parse("id_number") { try ResidentIdentityNumber(request.idNumber) }
            validation.require(request.amountFen >= 0, field: "amount_fen", "must not be negative (got \(request.amountFen))")
            try validation.finish()
            return ValidateResponse(maskedIdNumber: id!.masked, birthDate: id!.birthDate.description, sex: id!.sex == .male ? "male" : "female")
        }

        service.method("Relay") { (request: RelayRequest, context) in
            var validation = Validation()
            validation.length(request.service, field: "service", within: 1...63)
            validation.length(request.method, field: "method", within: 1...100)
            try validation.finish()
            let passed = UInt32(context.remaining.nanoseconds / 1_000_000)
            let reply = try await context.call(service: request.service, method: request.method, request: EchoRequest(text: request.text), as: EchoResponse.self)
            return RelayResponse(text: reply.text, passedDeadlineMs: passed)
        }
        service.inlineMethod("WhoAmI") { (_: WhoAmIRequest, context) in
            WhoAmIResponse(
                principalId: context.principal.id, roles: context.principal.roles.sorted(), gridScope: context.principal.gridScope,
                purpose: context.purpose ?? "", requestId: context.requestID ?? "",
                deadlineMs: UInt32(context.remaining.nanoseconds / 1_000_000))
        }
        return service
    }
}
