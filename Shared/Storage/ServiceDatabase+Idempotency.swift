import Foundation
import GRDB

extension ServiceDatabase {
    /// Runs `work` at most once per (principal, scope, key), recording that the key was used in
    /// the same write transaction, so the record and the effects are committed (or rolled back)
    /// together; then renders the reply from what `work` returned.
    ///
    /// - Same principal, scope, key and request bytes: `work` does not run; `render` runs on the
    ///   reference the first call's `work` returned, and the outcome is
    ///   ``IdempotentOutcome/replayed(_:)``.
    /// - Same principal, scope and key, different request: throws
    ///   ``IdempotencyError/keyReusedWithDifferentRequest(scope:key:)``.
    /// - Another principal with the same key: a different key; its own work runs.
    /// - `key` nil or empty: `work` and `render` simply run in one write transaction.
    /// - `work` or `render` throws: the transaction rolls back; nothing is recorded.
    ///
    /// Why a reference and not the reply: the reply depends on who asks (which fields they may
    /// see), and the rights of the caller asking now may differ from those of the first call.
    /// `render` therefore runs on every call, the first one too, for the caller asking now, and
    /// shows the record as it is now. Storing only a reference also keeps personal data out of
    /// the idempotency table.
    ///
    /// Concurrent calls with the same key are safe: all writes go through the single writer
    /// connection one transaction at a time, so the second call sees the first one's committed
    /// record.
    ///
    /// - Parameters:
    ///   - principal: Who is calling (as the broker named them; "anonymous" is a principal too).
    ///   - scope: The namespace of the key within the principal, typically the RPC method name.
    ///   - key: The client's idempotency key.
    ///   - request: The serialized request, fingerprinted with SHA-256.
    ///   - work: The write; returns what `render` needs to find its outcome again, typically the
    ///     id of the record it created or changed.
    ///   - render: Builds the reply from a reference `work` returned, now or in an earlier call.
    public func idempotentWrite<Reply: Sendable>(
        principal: String,
        scope: String,
        key: String?,
        request: [UInt8],
        _ work: @Sendable (Database) throws -> [UInt8],
        render: @Sendable (Database, [UInt8]) throws -> Reply
    ) async throws -> IdempotentOutcome<Reply> {
        guard let key, !key.isEmpty else {
            return .executed(try await write { db in try render(db, try work(db)) })
        }
        guard !scope.isEmpty else {
            throw IdempotencyError.invalidScope("must not be empty")
        }
        guard !principal.isEmpty else {
            throw IdempotencyError.invalidPrincipal("must not be empty")
        }
        try IdempotencyStore.validate(key: key)
        let requestHash = IdempotencyStore.requestHash(request)

        let outcome = try await write { db -> IdempotentOutcome<Reply> in
            if let existing = try IdempotencyStore.fetch(db, principal: principal, scope: scope, key: key) {
                guard existing.requestHash == requestHash else {
                    throw IdempotencyError.keyReusedWithDifferentRequest(scope: scope, key: key)
                }
                return .replayed(try render(db, existing.reference))
            }
            if try IdempotencyStore.wasUsedUnscoped(db, scope: scope, key: key) {
                throw IdempotencyError.keyUsedBeforePrincipalScoping(scope: scope, key: key)
            }
            let reference = try work(db)
            try IdempotencyStore.insert(
                db,
                principal: principal,
                scope: scope,
                key: key,
                requestHash: requestHash,
                reference: reference,
                createdAtMilliseconds: IdempotencyStore.milliseconds(Date()))
            return .executed(try render(db, reference))
        }
        if outcome.wasReplayed {
            logger.debug(
                "replayed idempotent write",
                metadata: [
                    "idempotency.scope": "\(scope)", "idempotency.principal": "\(principal)",
                    "idempotency.key_fingerprint": "\(IdempotencyStore.logFingerprint(key: key))",
                ])
        }
        return outcome
    }

    /// ``idempotentWrite(principal:scope:key:request:_:render:)`` whose reply is the reference
    /// itself, for writes whose outcome is the same whoever asks.
    public func idempotentWrite(
        principal: String,
        scope: String,
        key: String?,
        request: [UInt8],
        _ work: @Sendable (Database) throws -> [UInt8]
    ) async throws -> IdempotentOutcome<[UInt8]> {
        try await idempotentWrite(principal: principal, scope: scope, key: key, request: request, work) { _, reference in reference }
    }

    /// Deletes idempotency records created before `cutoff`, so the table does not grow forever;
    /// returns how many were deleted. A client retrying with a purged key runs the work again,
    /// so keep records longer than any client retries.
    @discardableResult
    public func purgeIdempotencyKeys(olderThan cutoff: Date) async throws -> Int {
        let cutoffMilliseconds = IdempotencyStore.milliseconds(cutoff)
        let deleted = try await write { db in
            try IdempotencyStore.purge(db, olderThanMilliseconds: cutoffMilliseconds)
        }
        logger.log(
            level: deleted > 0 ? .info : .debug, "purged idempotency keys",
            metadata: ["deleted": "\(deleted)", "path": "\(path)", "retention.s": "\(idempotencyRetention.components.seconds)"])
        return deleted
    }

    /// Deletes the idempotency records older than the configured retention
    /// (``Configuration/idempotencyRetention``, 7 days unless changed) as of `now`.
    @discardableResult
    public func purgeExpiredIdempotencyKeys(now: Date = Date()) async throws -> Int {
        let retention = idempotencyRetention.components
        let seconds = Double(retention.seconds) + Double(retention.attoseconds) / 1e18
        return try await purgeIdempotencyKeys(olderThan: now.addingTimeInterval(-seconds))
    }

    /// Runs `body` while expired idempotency keys are purged in the background: once at once,
    /// then every `interval`, until `body` returns or throws (the purge is then cancelled and
    /// awaited, so the database can be closed right after). A failed purge is logged and tried
    /// again at the next interval.
    ///
    /// A service wraps what it serves: `try await database.withIdempotencyKeyPurge { try await serve(…) }`.
    public func withIdempotencyKeyPurge<Result>(
        every interval: Duration = .seconds(3600),
        isolation: isolated (any Actor)? = #isolation,
        _ body: () async throws -> Result
    ) async throws -> Result {
        try await withThrowingTaskGroup(of: Void.self, returning: Result.self) { group in
            group.addTask { await self.purgeExpiredIdempotencyKeysPeriodically(every: interval) }
            defer { group.cancelAll() }
            return try await body()
        }
    }

    private func purgeExpiredIdempotencyKeysPeriodically(every interval: Duration) async {
        while !Task.isCancelled {
            do {
                try await purgeExpiredIdempotencyKeys()
            } catch is CancellationError {
                return
            } catch ServiceDatabaseError.closed {
                return
            } catch {
                logger.warning("could not purge idempotency keys", metadata: ["path": "\(path)", "error.message": "\(error)"])
            }
            do {
                try await Task.sleep(for: interval)
            } catch {
                return
            }
        }
    }
}
