import Testing
import WireProtocol

/// The RPC error `body` failed with, as a caller would see it (nil when it succeeded): an error
/// that converts to one (`RPCErrorConvertible`, an office's refusals) converted, as the service
/// runtime converts it for the wire; any other error is recorded as a test issue and read as
/// UNKNOWN. Tests compare `code` and violations.
public func refusal<T>(_ body: () async throws -> T) async -> RPCError? {
    do {
        _ = try await body()
        return nil
    } catch let error as any RPCErrorConvertible {
        return error.rpcError
    } catch {
        Issue.record("not an RPC error: \(error)")
        return RPCError(.unknown, "\(error)")
    }
}
