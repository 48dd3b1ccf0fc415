import DepartmentKit
import Storage
import Testing
import WireClient
import WireProtocol
import WireRuntime

@Suite("Storage errors become wire statuses")
struct StatusMappingTests {
    @Test(
        "each Storage error maps to the status its name says",
        arguments: [
            (IdempotencyError.keyReusedWithDifferentRequest(scope: "Place", key: "k1") as any StatusCodeNamedError, Wire.StatusCode.failedPrecondition),
            (IdempotencyError.invalidKey("too long"), .invalidArgument),
            (IdempotencyError.invalidScope("empty"), .internal),
            (IdempotencyError.invalidPrincipal("empty"), .internal),
            (IdempotencyError.keyUsedBeforePrincipalScoping(scope: "Place", key: "k1"), .failedPrecondition),
        ])
    func mapping(error: any StatusCodeNamedError, expected: Wire.StatusCode) {
        #expect(error.rpcError.code == expected)
        #expect(error.rpcError.message == error.description)
    }
}
