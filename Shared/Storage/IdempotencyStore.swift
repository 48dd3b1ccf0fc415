import Foundation
import GRDB

/// The `idempotency_keys` table: one row per (principal, scope, key) that holds the fingerprint
/// of the request and a reference to what the write did (typically the id of the record it
/// created or changed).
///
/// It exists so that a client retrying a write after a timeout gets the original outcome instead
/// of a second payment or a second case decision. Keys are scoped per principal: two callers who
/// happen to pick the same key have two different keys, and neither can see the other's outcome.
/// The reply itself is not stored: it depends on who asks (what they may see), so the service
/// renders it again from the reference, for the caller asking now.
///
/// The functions work on a `Database` already inside a write transaction, so a service can also
/// use them inside a larger transaction of its own;
/// ``ServiceDatabase/idempotentWrite(principal:scope:key:request:_:render:)`` is the usual entry
/// point.
public enum IdempotencyStore {
    /// The longest key accepted, in characters.
    public static let maximumKeyLength = 128

    /// How long a key is kept by default before ``ServiceDatabase/purgeExpiredIdempotencyKeys(now:)``
    /// deletes it: longer than any client keeps retrying one write.
    public static let defaultRetention: Duration = .seconds(7 * 24 * 3600)

    /// One stored row: what a replay compares against (the request fingerprint) and what it
    /// renders the reply from (the reference).
    public struct Record: Sendable, Equatable {
        public var requestHash: [UInt8]
        public var reference: [UInt8]
        public var createdAtMilliseconds: Int64
    }

    /// Creates the table; the body of the built-in "storage-v1-idempotency" migration. Never
    /// change it: add a new built-in migration instead.
    static func createTable(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE idempotency_keys (
                    scope TEXT NOT NULL,
                    key TEXT NOT NULL,
                    request_hash BLOB NOT NULL,
                    response BLOB NOT NULL,
                    created_at INTEGER NOT NULL,
                    PRIMARY KEY (scope, key)
                ) WITHOUT ROWID;
                CREATE INDEX idempotency_keys_created_at ON idempotency_keys(created_at);
                """)
    }

    /// Scopes keys per principal and stores a reference instead of the reply; the body of the
    /// built-in "storage-v2-idempotency-per-principal" migration. Never change it.
    ///
    /// The v1 rows hold replies rendered for whoever wrote them, under keys shared by every
    /// caller, so they can be neither replayed nor moved to a principal. Only their (scope, key)
    /// is kept, in `idempotency_keys_unscoped`, so that a retry of such a key is refused instead
    /// of doing the work a second time; the stored replies (personal data) are dropped. The
    /// purge empties that table within one retention period.
    static func scopeKeysPerPrincipal(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE idempotency_keys_unscoped (
                    scope TEXT NOT NULL,
                    key TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    PRIMARY KEY (scope, key)
                ) WITHOUT ROWID;
                INSERT INTO idempotency_keys_unscoped (scope, key, created_at)
                    SELECT scope, key, created_at FROM idempotency_keys;
                CREATE INDEX idempotency_keys_unscoped_created_at ON idempotency_keys_unscoped(created_at);
                DROP TABLE idempotency_keys;
                CREATE TABLE idempotency_keys (
                    principal TEXT NOT NULL,
                    scope TEXT NOT NULL,
                    key TEXT NOT NULL,
                    request_hash BLOB NOT NULL,
                    reference BLOB NOT NULL,
                    created_at INTEGER NOT NULL,
                    PRIMARY KEY (principal, scope, key)
                ) WITHOUT ROWID;
                CREATE INDEX idempotency_keys_created_at ON idempotency_keys(created_at);
                """)
    }

    /// Throws ``IdempotencyError/invalidKey(_:)`` unless `key` is 1 to 128 printable ASCII
    /// characters (0x20 to 0x7E). Keys are echoed in errors, so control and non-ASCII characters
    /// are refused.
    public static func validate(key: String) throws(IdempotencyError) {
        let bytes = Array(key.utf8)
        if bytes.isEmpty {
            throw .invalidKey("must not be empty")
        }
        if bytes.count > maximumKeyLength {
            throw .invalidKey("must be at most \(maximumKeyLength) characters, got \(bytes.count) bytes")
        }
        if let bad = bytes.firstIndex(where: { !(0x20...0x7E).contains($0) }) {
            throw .invalidKey("must be printable ASCII; byte \(bad) is not")
        }
    }

    /// The fingerprint stored for a request.
    public static func requestHash(_ request: [UInt8]) -> [UInt8] {
        SHA256Hash.digest(request)
    }

    /// A short fingerprint of a key for logs: a client may build keys from personal data
    /// ("reg-" and an ID number), and logs carry none.
    public static func logFingerprint(key: String) -> String {
        String(SHA256Hash.hexDigest(Array(key.utf8)).prefix(12))
    }

    /// The record for (principal, scope, key), if any.
    public static func fetch(_ db: Database, principal: String, scope: String, key: String) throws -> Record? {
        let row = try Row.fetchOne(
            db,
            sql: "SELECT request_hash, reference, created_at FROM idempotency_keys WHERE principal = ? AND scope = ? AND key = ?",
            arguments: [principal, scope, key])
        guard let row else { return nil }
        let requestHash: Data = row["request_hash"]
        let reference: Data = row["reference"]
        let createdAt: Int64 = row["created_at"]
        return Record(requestHash: Array(requestHash), reference: Array(reference), createdAtMilliseconds: createdAt)
    }

    /// Whether (scope, key) was used before keys were scoped per principal (and is not purged
    /// yet): such a key can be neither replayed nor run again.
    public static func wasUsedUnscoped(_ db: Database, scope: String, key: String) throws -> Bool {
        try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM idempotency_keys_unscoped WHERE scope = ? AND key = ?)", arguments: [scope, key]) ?? false
    }

    /// Records that the key was used; fails with a constraint error if it exists.
    public static func insert(
        _ db: Database,
        principal: String,
        scope: String,
        key: String,
        requestHash: [UInt8],
        reference: [UInt8],
        createdAtMilliseconds: Int64
    ) throws {
        try db.execute(
            sql: """
                INSERT INTO idempotency_keys (principal, scope, key, request_hash, reference, created_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
            arguments: [principal, scope, key, Data(requestHash), Data(reference), createdAtMilliseconds])
    }

    /// Deletes records created before `cutoffMilliseconds` (of both tables); returns how many.
    public static func purge(_ db: Database, olderThanMilliseconds cutoffMilliseconds: Int64) throws -> Int {
        try db.execute(sql: "DELETE FROM idempotency_keys WHERE created_at < ?", arguments: [cutoffMilliseconds])
        let scoped = db.changesCount
        try db.execute(sql: "DELETE FROM idempotency_keys_unscoped WHERE created_at < ?", arguments: [cutoffMilliseconds])
        return scoped + db.changesCount
    }

    /// Unix time in milliseconds, the unit of `created_at`.
    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }
}
