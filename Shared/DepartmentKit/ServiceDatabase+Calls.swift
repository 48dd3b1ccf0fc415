import GRDB
import Storage
import WireClient
import WireProtocol
import WireRuntime

/// Database access shaped for handlers: writes that honour the caller's idempotency key, and
/// errors the runtime can turn into statuses.
extension ServiceDatabase {
    /// Runs `work` in one write transaction, at most once per idempotency key of the call's
    /// principal and method, then renders the reply with `render` in the same transaction.
    ///
    /// `work` returns the row id of the record the reply shows (the one it created or changed);
    /// only that id is kept with the key. `render` builds the reply from it with the rights of
    /// the caller asking now — capture what they may see (`context.principal`), never a reply
    /// built for someone else. It runs on every call, so a replay shows the record as it is now.
    ///
    /// - The same principal repeating a key with the same request: `work` does not run; the
    ///   reply is rendered again from the stored id.
    /// - The same principal repeating a key with a different request: FAILED_PRECONDITION.
    /// - Another principal with the same key: a key of its own; its write runs, and it never
    ///   sees the first caller's outcome.
    /// - Without a key: it just writes.
    ///
    /// ```swift
    /// let full = Self.seesFullIdentity(context.principal)
    /// return try await database.idempotentWrite(context, request: request) { db in
    ///     try SeekerStore.insert(db, record)  // the write; returns the new row's id
    /// } render: { db, id in
    ///     try Self.seeker(db, id).message(policy: policy, fullIdentity: full)
    /// }
    /// ```
    public func idempotentWrite<Request: ProtoMessage, Response: ProtoMessage>(
        _ context: CallContext, request: Request, as: Response.Type = Response.self,
        _ work: @escaping @Sendable (Database) throws -> Int64,
        render: @escaping @Sendable (Database, _ recordID: Int64) throws -> Response
    ) async throws -> Response {
        let requestBytes = try request.serializedBytes()
        let outcome = try await idempotentWrite(
            principal: context.principal.id, scope: context.method, key: context.idempotencyKey, request: requestBytes
        ) { db in
            RecordReference.bytes(of: try work(db))
        } render: { db, reference in
            try render(db, try RecordReference.recordID(reference))
        }
        return outcome.reply
    }
}

/// The record id an idempotent write keeps with its key, as the bytes Storage stores.
enum RecordReference {
    static func bytes(of id: Int64) -> [UInt8] {
        withUnsafeBytes(of: id.bigEndian) { Array($0) }
    }

    static func recordID(_ bytes: [UInt8]) throws -> Int64 {
        guard bytes.count == 8 else {
            throw RPCError(.internal, "internal error: an idempotency record holds \(bytes.count) bytes, not a record id")
        }
        return Int64(bigEndian: bytes.withUnsafeBytes { $0.loadUnaligned(as: Int64.self) })
    }
}
