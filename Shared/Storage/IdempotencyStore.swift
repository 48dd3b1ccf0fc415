import Foundation
import GRDB

/// The `idempotency_keys` table: one row per (scope, key) that holds the
/// fingerprint of the request and the reply that was sent.
///
/// It exists so that a client retrying a write after a timeout gets the
/// original reply instead of a second payment or a second case decision.
/// The functions work on a `Database` already inside a write transaction, so
/// a service can also use them inside a larger transaction of its own;
/// ``ServiceDatabase/idempotentWrite(scope:key:request:_:)`` is the usual
/// entry point.
public enum IdempotencyStore {
    /// The longest key accepted, in characters.
    public static let maximumKeyLength = 128

    /// One stored row: what a replay compares against (the request
    /// fingerprint) and what it returns (the reply).
    public struct Record: Sendable, Equatable {
        public var requestHash: [UInt8]
        public var response: [UInt8]
        public var createdAtMilliseconds: Int64
    }

    /// Creates the table; the body of the built-in "storage-v1-idempotency"
    /// migration. Never change it: add a new built-in migration instead.
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

    /// Throws ``IdempotencyError/invalidKey(_:)`` unless `key` is 1 to 128
    /// printable ASCII characters (0x20 to 0x7E). Keys are echoed in logs and
    /// errors, so control and non-ASCII characters are refused.
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

    /// The record for (scope, key), if any.
    public static func fetch(_ db: Database, scope: String, key: String) throws -> Record? {
        let row = try Row.fetchOne(
            db,
            sql: "SELECT request_hash, response, created_at FROM idempotency_keys WHERE scope = ? AND key = ?",
            arguments: [scope, key])
        guard let row else { return nil }
        let requestHash: Data = row["request_hash"]
        let response: Data = row["response"]
        let createdAt: Int64 = row["created_at"]
        return Record(requestHash: Array(requestHash), response: Array(response), createdAtMilliseconds: createdAt)
    }

    /// Records a reply; fails with a constraint error if the key exists.
    public static func insert(
        _ db: Database,
        scope: String,
        key: String,
        requestHash: [UInt8],
        response: [UInt8],
        createdAtMilliseconds: Int64
    ) throws {
        try db.execute(
            sql: """
                INSERT INTO idempotency_keys (scope, key, request_hash, response, created_at)
                VALUES (?, ?, ?, ?, ?)
                """,
            arguments: [scope, key, Data(requestHash), Data(response), createdAtMilliseconds])
    }

    /// Deletes records created before `cutoffMilliseconds`; returns how many.
    public static func purge(_ db: Database, olderThanMilliseconds cutoffMilliseconds: Int64) throws -> Int {
        try db.execute(sql: "DELETE FROM idempotency_keys WHERE created_at < ?", arguments: [cutoffMilliseconds])
        return db.changesCount
    }

    /// Unix time in milliseconds, the unit of `created_at`.
    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }
}
