import GRDB
import Storage
import WireClient
import WireProtocol
import WireRuntime

/// Database access shaped for handlers: writes that honour the caller's idempotency key, and
/// errors the runtime can turn into statuses.
extension ServiceDatabase {
    /// Runs `work` in one write transaction, at most once per idempotency key of the call: the
    /// same key with the same request returns the stored reply without running `work` again; the
    /// same key with a different request is FAILED_PRECONDITION. Without a key it just writes.
    public func idempotentWrite<Request: ProtoMessage, Response: ProtoMessage>(
        _ context: CallContext, request: Request, as: Response.Type = Response.self,
        _ work: @escaping @Sendable (Database) throws -> Response
    ) async throws -> Response {
        let requestBytes = try request.serializedBytes()
        let outcome = try await idempotentWrite(scope: context.method, key: context.idempotencyKey, request: requestBytes) { db in
            try work(db).serializedBytes()
        }
        return try Response(serializedBytes: outcome.response)
    }
}
