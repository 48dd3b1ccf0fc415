import Foundation
import GRDB

extension ServiceDatabase {
    /// Runs `work` at most once per (scope, key), recording its reply in the
    /// same write transaction, so the reply and the effects are committed (or
    /// rolled back) together.
    ///
    /// - Same key and same request bytes: `work` does not run; the stored
    ///   reply is returned as ``IdempotentOutcome/replayed(_:)``.
    /// - Same key, different request: throws
    ///   ``IdempotencyError/keyReusedWithDifferentRequest(scope:key:)``.
    /// - `key` nil or empty: `work` simply runs in a write transaction.
    /// - `work` throws: the transaction rolls back; nothing is recorded.
    ///
    /// Concurrent calls with the same key are safe: all writes go through the
    /// single writer connection one transaction at a time, so the second call
    /// sees the first one's committed record.
    ///
    /// - Parameters:
    ///   - scope: The namespace of the key, typically the RPC method name.
    ///   - key: The client's idempotency key.
    ///   - request: The serialized request, fingerprinted with SHA-256.
    ///   - work: The write; returns the serialized reply.
    public func idempotentWrite(
        scope: String,
        key: String?,
        request: [UInt8],
        _ work: @Sendable (Database) throws -> [UInt8]
    ) async throws -> IdempotentOutcome {
        guard let key, !key.isEmpty else {
            return .executed(try await write { db in try work(db) })
        }
        guard !scope.isEmpty else {
            throw IdempotencyError.invalidScope("must not be empty")
        }
        try IdempotencyStore.validate(key: key)
        let requestHash = IdempotencyStore.requestHash(request)

        let outcome = try await write { db -> IdempotentOutcome in
            if let existing = try IdempotencyStore.fetch(db, scope: scope, key: key) {
                guard existing.requestHash == requestHash else {
                    throw IdempotencyError.keyReusedWithDifferentRequest(scope: scope, key: key)
                }
                return .replayed(existing.response)
            }
            let response = try work(db)
            try IdempotencyStore.insert(
                db,
                scope: scope,
                key: key,
                requestHash: requestHash,
                response: response,
                createdAtMilliseconds: IdempotencyStore.milliseconds(Date()))
            return .executed(response)
        }
        if outcome.wasReplayed {
            logger.debug("replayed idempotent write", metadata: ["scope": "\(scope)", "key": "\(key)"])
        }
        return outcome
    }

    /// Deletes idempotency records created before `cutoff`, so the table does
    /// not grow forever; returns how many were deleted. A client retrying
    /// with a purged key runs the work again, so keep records longer than
    /// any client retries.
    @discardableResult
    public func purgeIdempotencyKeys(olderThan cutoff: Date) async throws -> Int {
        let cutoffMilliseconds = IdempotencyStore.milliseconds(cutoff)
        let deleted = try await write { db in
            try IdempotencyStore.purge(db, olderThanMilliseconds: cutoffMilliseconds)
        }
        logger.info("purged idempotency keys", metadata: ["deleted": "\(deleted)", "path": "\(path)"])
        return deleted
    }
}
