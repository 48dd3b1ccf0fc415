import Foundation
import GRDB
import Storage
import Testing

/// "storage-v2-idempotency-per-principal" on a database a release with only
/// "storage-v1-idempotency" wrote: keys shared by every caller, replies stored as sent.
@Suite("Idempotency keys: the step to per-principal keys")
struct IdempotencyMigrationTests {
    /// Writes what the previous release left: its two steps recorded, the v1 table with a stored
    /// reply that holds a full ID number, and a note.
    private func writeReleaseOneDatabase(_ path: String, keyCreatedAt: Date) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
                    INSERT INTO grdb_migrations VALUES ('storage-v1-idempotency'), ('v1-notes');
                    CREATE TABLE idempotency_keys (
                        scope TEXT NOT NULL,
                        key TEXT NOT NULL,
                        request_hash BLOB NOT NULL,
                        response BLOB NOT NULL,
                        created_at INTEGER NOT NULL,
                        PRIMARY KEY (scope, key)
                    ) WITHOUT ROWID;
                    CREATE INDEX idempotency_keys_created_at ON idempotency_keys(created_at);
                    CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);
                    INSERT INTO notes (body) VALUES ('registered');
                    """)
            try db.execute(
                sql: "INSERT INTO idempotency_keys VALUES ('Pay', 'k-old', ?, ?, ?)",
                arguments: [Data(repeating: 1, count: 32), Data("name: 张秀英, id: 11010519491231002X".utf8), Int64(keyCreatedAt.timeIntervalSince1970 * 1000)])
        }
        try queue.close()
    }

    @Test("old keys cannot be replayed (their replies were rendered for someone else) nor run again; the stored replies are dropped")
    func oldKeysAreRefusedNotReplayed() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("db.sqlite")
        try writeReleaseOneDatabase(path, keyCreatedAt: Date())

        let database = try openNotes(path)
        defer { try? database.close() }
        let applied = try await database.read { db in try String.fetchSet(db, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(applied == ["storage-v1-idempotency", "storage-v2-idempotency-per-principal", "v1-notes"])
        let (unscoped, scoped) = try await database.read { db in
            (
                try Row.fetchAll(db, sql: "SELECT * FROM idempotency_keys_unscoped").map { row -> [String] in
                    Array(row.columnNames) + [row["scope"], row["key"]]
                },
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM idempotency_keys") ?? -1
            )
        }
        // Only (scope, key, created_at) of the old key is kept: the reply with the ID number is gone.
        #expect(unscoped.count == 1)
        #expect(unscoped.first == ["scope", "key", "created_at", "Pay", "k-old"])
        #expect(scoped == 0)

        let runs = Counter()
        let work: @Sendable (Database) throws -> [UInt8] = { db in
            runs.increment()
            try db.execute(sql: "INSERT INTO notes (body) VALUES ('again')")
            return [1]
        }
        for principal in ["clerk-1", "anonymous"] {
            let error = await #expect(throws: IdempotencyError.self) {
                try await database.idempotentWrite(principal: principal, scope: "Pay", key: "k-old", request: [1], work)
            }
            #expect(error == .keyUsedBeforePrincipalScoping(scope: "Pay", key: "k-old"))
            #expect(error?.statusCodeName == "FAILED_PRECONDITION")
        }
        #expect(runs.value == 0)
        // The old key binds only its own scope, and new keys work as usual.
        #expect(try await !database.idempotentWrite(principal: "clerk-1", scope: "Refund", key: "k-old", request: [1], work).wasReplayed)
        #expect(try await !database.idempotentWrite(principal: "clerk-1", scope: "Pay", key: "k-new", request: [1], work).wasReplayed)
        #expect(try await database.idempotentWrite(principal: "clerk-1", scope: "Pay", key: "k-new", request: [1], work).wasReplayed)
        #expect(runs.value == 2)
    }

    @Test("the purge empties the old keys too, after the retention; then the key is free again")
    func oldKeysArePurged() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("db.sqlite")
        try writeReleaseOneDatabase(path, keyCreatedAt: Date(timeIntervalSinceNow: -6 * 24 * 3600))

        let database = try openNotes(path)
        defer { try? database.close() }
        #expect(try await database.purgeExpiredIdempotencyKeys() == 0)
        #expect(try await count("idempotency_keys_unscoped", in: database) == 1)
        #expect(try await database.purgeExpiredIdempotencyKeys(now: Date(timeIntervalSinceNow: 2 * 24 * 3600)) == 1)
        #expect(try await count("idempotency_keys_unscoped", in: database) == 0)
        let outcome = try await database.idempotentWrite(principal: "clerk-1", scope: "Pay", key: "k-old", request: [1]) { _ in [1] }
        #expect(!outcome.wasReplayed)
    }
}
