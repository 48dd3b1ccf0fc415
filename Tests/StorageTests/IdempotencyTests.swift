import Foundation
import GRDB
import Storage
import TestSupport
import Testing

@Suite("Idempotent writes")
struct IdempotencyTests {
    private let request: [UInt8] = Array("transfer 100 to case 42".utf8)

    /// Work that inserts a note and returns its id as the reference; counts its runs.
    private func insertNote(_ runs: Counter, body: String = "note") -> @Sendable (Database) throws -> [UInt8] {
        { db in
            runs.increment()
            try db.execute(sql: "INSERT INTO notes (body) VALUES (?)", arguments: [body])
            return Array("id=\(db.lastInsertedRowID)".utf8)
        }
    }

    /// Renders the note a reference names as `viewer` may see it: a reply that depends on who asks.
    private func renderNote(for viewer: String) -> @Sendable (Database, [UInt8]) throws -> String {
        { db, reference in
            let id = try #require(Int64(String(decoding: reference, as: UTF8.self).dropFirst(3)))
            let body = try String.fetchOne(db, sql: "SELECT body FROM notes WHERE id = ?", arguments: [id]) ?? "?"
            return viewer == "staff" ? "note \(id): \(body)" : "note \(id): ***"
        }
    }

    @Test("same principal, key and request: work runs once, the replay is rendered from the stored reference")
    func replay() async throws {
        let directory = try TemporaryDirectory()
        let database = try openNotes(directory.path("db.sqlite"))
        defer { try? database.close() }
        let runs = Counter()

        let first = try await database.idempotentWrite(principal: "clerk-1", scope: "Pay", key: "k-1", request: request, insertNote(runs))
        let second = try await database.idempotentWrite(principal: "clerk-1", scope: "Pay", key: "k-1", request: request, insertNote(runs))

        #expect(first == .executed(Array("id=1".utf8)))
        #expect(second == .replayed(Array("id=1".utf8)))
        #expect(second.wasReplayed)
        #expect(first.reply == second.reply)
        #expect(runs.value == 1)
        #expect(try await count("notes", in: database) == 1)
        #expect(try await count("idempotency_keys", in: database) == 1)
    }

    @Test("the reply is not stored: render runs on every call, for the rights of the caller asking now")
    func replayRendersForTheCallerNow() async throws {
        let directory = try TemporaryDirectory()
        let database = try openNotes(directory.path("db.sqlite"))
        defer { try? database.close() }
        let runs = Counter()

        let first = try await database.idempotentWrite(
            principal: "clerk-1", scope: "Pay", key: "k-1", request: request, insertNote(runs, body: "张秀英 11010519491231002X"),
            render: renderNote(for: "staff"))
        #expect(first == .executed("note 1: 张秀英 11010519491231002X"))
        // The same principal retries after losing the staff role: the replay shows what it may see now.
        let replay = try await database.idempotentWrite(
            principal: "clerk-1", scope: "Pay", key: "k-1", request: request, insertNote(runs), render: renderNote(for: "public"))
        #expect(replay == .replayed("note 1: ***"))
        #expect(runs.value == 1)
        // Nothing of the reply (a name, an ID number) is kept with the key.
        let columns = try await database.read { db in try db.columns(in: "idempotency_keys").map(\.name) }
        #expect(columns == ["principal", "scope", "key", "request_hash", "reference", "created_at"])
        let stored = try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT principal, reference FROM idempotency_keys").map { row -> (String, Data) in (row["principal"], row["reference"]) }
        }
        #expect(stored.count == 1)
        #expect(stored.first?.0 == "clerk-1")
        #expect(stored.first?.1 == Data("id=1".utf8))
    }

    @Test("keys are per principal: another principal's same key and request is its own write and never sees the first reply")
    func keysArePerPrincipal() async throws {
        let directory = try TemporaryDirectory()
        let database = try openNotes(directory.path("db.sqlite"))
        defer { try? database.close() }
        let runs = Counter()

        let staff = try await database.idempotentWrite(
            principal: "clerk-1", scope: "Pay", key: "k-1", request: request, insertNote(runs, body: "secret"), render: renderNote(for: "staff"))
        let other = try await database.idempotentWrite(
            principal: "anonymous", scope: "Pay", key: "k-1", request: request, insertNote(runs, body: "mine"), render: renderNote(for: "staff"))
        #expect(staff == .executed("note 1: secret"))
        #expect(other == .executed("note 2: mine"))
        #expect(runs.value == 2)
        // Each principal's retry replays its own outcome.
        let staffAgain = try await database.idempotentWrite(
            principal: "clerk-1", scope: "Pay", key: "k-1", request: request, insertNote(runs), render: renderNote(for: "staff"))
        let otherAgain = try await database.idempotentWrite(
            principal: "anonymous", scope: "Pay", key: "k-1", request: request, insertNote(runs), render: renderNote(for: "staff"))
        #expect(staffAgain == .replayed("note 1: secret"))
        #expect(otherAgain == .replayed("note 2: mine"))
        // A different request under another principal's used key is not a conflict either.
        let different = try await database.idempotentWrite(principal: "clerk-2", scope: "Pay", key: "k-1", request: [7], insertNote(runs))
        #expect(!different.wasReplayed)
        #expect(runs.value == 3)
        #expect(try await count("idempotency_keys", in: database) == 3)
    }

    @Test("same principal and key with a different request is an error and runs nothing")
    func keyReuse() async throws {
        let directory = try TemporaryDirectory()
        let database = try openNotes(directory.path("db.sqlite"))
        defer { try? database.close() }
        let runs = Counter()

        _ = try await database.idempotentWrite(principal: "clerk-1", scope: "Pay", key: "k-1", request: request, insertNote(runs))
        let error = await #expect(throws: IdempotencyError.self) {
            try await database.idempotentWrite(principal: "clerk-1", scope: "Pay", key: "k-1", request: [1, 2, 3], insertNote(runs))
        }
        #expect(error == .keyReusedWithDifferentRequest(scope: "Pay", key: "k-1"))
        #expect(error?.statusCodeName == "FAILED_PRECONDITION")
        #expect(runs.value == 1)
        #expect(try await count("notes", in: database) == 1)
    }

    @Test("keys are scoped: the same key in another scope is a new request")
    func scopes() async throws {
        let directory = try TemporaryDirectory()
        let database = try openNotes(directory.path("db.sqlite"))
        defer { try? database.close() }
        let runs = Counter()

        let pay = try await database.idempotentWrite(principal: "clerk-1", scope: "Pay", key: "k-1", request: request, insertNote(runs))
        let refund = try await database.idempotentWrite(principal: "clerk-1", scope: "Refund", key: "k-1", request: [9], insertNote(runs))
        #expect(!pay.wasReplayed)
        #expect(!refund.wasReplayed)
        #expect(runs.value == 2)
    }

    @Test("work or render that throws leaves no key and no rows; a retry then runs")
    func failingWorkRecordsNothing() async throws {
        let directory = try TemporaryDirectory()
        let database = try openNotes(directory.path("db.sqlite"))
        defer { try? database.close() }

        await #expect(throws: DeliberateFailure.self) {
            try await database.idempotentWrite(principal: "clerk-1", scope: "Pay", key: "k-1", request: request) { db in
                try db.execute(sql: "INSERT INTO notes (body) VALUES ('half-done')")
                throw DeliberateFailure()
            }
        }
        await #expect(throws: DeliberateFailure.self) {
            try await database.idempotentWrite(principal: "clerk-1", scope: "Pay", key: "k-1", request: request, insertNote(Counter())) {
                _, _ -> String in throw DeliberateFailure()
            }
        }
        #expect(try await count("notes", in: database) == 0)
        #expect(try await count("idempotency_keys", in: database) == 0)

        let runs = Counter()
        let retry = try await database.idempotentWrite(principal: "clerk-1", scope: "Pay", key: "k-1", request: request, insertNote(runs))
        #expect(!retry.wasReplayed)
        #expect(runs.value == 1)
    }

    @Test("20 concurrent calls with one key run the work exactly once")
    func concurrentSameKey() async throws {
        let directory = try TemporaryDirectory()
        let database = try openNotes(directory.path("db.sqlite"))
        defer { try? database.close() }
        let runs = Counter()
        let request = self.request
        let work = insertNote(runs)

        let outcomes = try await withThrowingTaskGroup(of: IdempotentOutcome<[UInt8]>.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    try await database.idempotentWrite(principal: "clerk-1", scope: "Pay", key: "same", request: request, work)
                }
            }
            var outcomes: [IdempotentOutcome<[UInt8]>] = []
            for try await outcome in group { outcomes.append(outcome) }
            return outcomes
        }

        #expect(runs.value == 1)
        #expect(outcomes.count == 20)
        #expect(outcomes.filter { !$0.wasReplayed }.count == 1)
        #expect(Set(outcomes.map(\.reply)).count == 1)
        #expect(try await count("notes", in: database) == 1)
    }

    @Test("a nil or empty key just runs the work and render, every time, recording nothing")
    func noKey() async throws {
        let directory = try TemporaryDirectory()
        let database = try openNotes(directory.path("db.sqlite"))
        defer { try? database.close() }
        let runs = Counter()

        _ = try await database.idempotentWrite(principal: "clerk-1", scope: "Pay", key: nil, request: request, insertNote(runs))
        let outcome = try await database.idempotentWrite(
            principal: "clerk-1", scope: "Pay", key: "", request: request, insertNote(runs, body: "second"), render: renderNote(for: "staff"))
        #expect(outcome == .executed("note 2: second"))
        #expect(runs.value == 2)
        #expect(try await count("idempotency_keys", in: database) == 0)
    }

    @Test(
        "keys must be 1 to 128 printable ASCII characters",
        arguments: [
            String(repeating: "k", count: 129), "tab\there", "new\nline", "caf\u{E9}", "\u{7F}",
        ])
    func invalidKeys(key: String) async throws {
        let directory = try TemporaryDirectory()
        let database = try openNotes(directory.path("db.sqlite"))
        defer { try? database.close() }
        let runs = Counter()

        let error = await #expect(throws: IdempotencyError.self) {
            try await database.idempotentWrite(principal: "clerk-1", scope: "Pay", key: key, request: request, insertNote(runs))
        }
        guard case .invalidKey = error else {
            Issue.record("unexpected error \(String(describing: error))")
            return
        }
        #expect(error?.statusCodeName == "INVALID_ARGUMENT")
        #expect(error?.description.hasPrefix("invalid idempotency key") == true)
        #expect(runs.value == 0)
    }

    @Test("the longest and the most varied valid keys are accepted")
    func validKeys() throws {
        try IdempotencyStore.validate(key: String(repeating: "k", count: 128))
        try IdempotencyStore.validate(key: " !~0aZ-_.:/")
        try IdempotencyStore.validate(key: "x")
    }

    @Test("a key is logged only as a fingerprint: a client may build it from an ID number")
    func keyFingerprint() {
        let fingerprint = IdempotencyStore.logFingerprint(key: "reg-11010519491231002X")
        #expect(fingerprint.count == 12)
        #expect(!fingerprint.contains("1101051949"))
        #expect(fingerprint == IdempotencyStore.logFingerprint(key: "reg-11010519491231002X"))
        #expect(fingerprint != IdempotencyStore.logFingerprint(key: "reg-11010519491231003X"))
    }

    @Test("purge deletes records older than the cutoff only")
    func purge() async throws {
        let directory = try TemporaryDirectory()
        let database = try openNotes(directory.path("db.sqlite"))
        defer { try? database.close() }
        let runs = Counter()
        for key in ["a", "b", "c"] {
            _ = try await database.idempotentWrite(principal: "clerk-1", scope: "Pay", key: key, request: request, insertNote(runs))
        }

        #expect(try await database.purgeIdempotencyKeys(olderThan: Date(timeIntervalSinceNow: -3600)) == 0)
        #expect(try await count("idempotency_keys", in: database) == 3)
        #expect(try await database.purgeIdempotencyKeys(olderThan: Date(timeIntervalSinceNow: 1)) == 3)
        #expect(try await count("idempotency_keys", in: database) == 0)
        // The business rows are untouched by housekeeping.
        #expect(try await count("notes", in: database) == 3)
    }

    @Test("expired keys are purged after the configured retention (7 days by default), newer ones stay and still replay")
    func purgeAfterRetention() async throws {
        #expect(ServiceDatabase.Configuration().idempotencyRetention == .seconds(7 * 24 * 3600))
        let directory = try TemporaryDirectory()
        let database = try openNotes(directory.path("db.sqlite"))
        defer { try? database.close() }
        let runs = Counter()
        for key in ["old", "week-old", "fresh"] {
            _ = try await database.idempotentWrite(principal: "clerk-1", scope: "Pay", key: key, request: request, insertNote(runs))
        }
        try await backdate(key: "old", by: 8 * 24 * 3600, in: database)
        try await backdate(key: "week-old", by: 7 * 24 * 3600 - 60, in: database)

        #expect(try await database.purgeExpiredIdempotencyKeys() == 1)
        #expect(try await keys(in: database) == ["fresh", "week-old"])
        // A kept key still replays; the purged one runs again (the client stopped retrying long ago).
        #expect(try await database.idempotentWrite(principal: "clerk-1", scope: "Pay", key: "week-old", request: request, insertNote(runs)).wasReplayed)
        #expect(try await !database.idempotentWrite(principal: "clerk-1", scope: "Pay", key: "old", request: request, insertNote(runs)).wasReplayed)
        #expect(runs.value == 4)

        // Two minutes on, the key recorded 7 days less a minute ago has expired; the others have not.
        #expect(try await database.purgeExpiredIdempotencyKeys(now: Date(timeIntervalSinceNow: 120)) == 1)
        #expect(try await keys(in: database) == ["fresh", "old"])
    }

    @Test("the retention is configurable, and must be positive")
    func configuredRetention() async throws {
        let directory = try TemporaryDirectory()
        let database = try openNotes(directory.path("db.sqlite"), configuration: .init(idempotencyRetention: .seconds(3600)))
        defer { try? database.close() }
        let runs = Counter()
        for key in ["two-hours", "half-hour"] {
            _ = try await database.idempotentWrite(principal: "clerk-1", scope: "Pay", key: key, request: request, insertNote(runs))
        }
        try await backdate(key: "two-hours", by: 2 * 3600, in: database)
        try await backdate(key: "half-hour", by: 1800, in: database)
        #expect(try await database.purgeExpiredIdempotencyKeys() == 1)
        #expect(try await keys(in: database) == ["half-hour"])

        #expect(throws: ServiceDatabaseError.self) {
            try openNotes(directory.path("zero.sqlite"), configuration: .init(idempotencyRetention: .zero))
        }
    }

    @Test("withIdempotencyKeyPurge purges expired keys in the background while its body runs, and stops with it")
    func backgroundPurge() async throws {
        let directory = try TemporaryDirectory()
        let database = try openNotes(directory.path("db.sqlite"))
        defer { try? database.close() }
        let runs = Counter()
        for key in ["old", "fresh"] {
            _ = try await database.idempotentWrite(principal: "clerk-1", scope: "Pay", key: key, request: request, insertNote(runs))
        }
        try await backdate(key: "old", by: 8 * 24 * 3600, in: database)

        let seen = try await database.withIdempotencyKeyPurge(every: .seconds(3600)) {
            // The first purge runs at once; wait on the table, not on the clock.
            try await waitUntil("the expired key to be purged", timeout: .seconds(30)) { try await keys(in: database) == ["fresh"] }
            return try await keys(in: database)
        }
        #expect(seen == ["fresh"])
        // The purge has stopped and been awaited: the database closes cleanly right away.
        try database.close()
    }

    @Test("an empty scope or principal is refused")
    func emptyScopeOrPrincipal() async throws {
        let directory = try TemporaryDirectory()
        let database = try openNotes(directory.path("db.sqlite"))
        defer { try? database.close() }
        await #expect(throws: IdempotencyError.invalidScope("must not be empty")) {
            try await database.idempotentWrite(principal: "clerk-1", scope: "", key: "k", request: [], insertNote(Counter()))
        }
        let error = await #expect(throws: IdempotencyError.invalidPrincipal("must not be empty")) {
            try await database.idempotentWrite(principal: "", scope: "Pay", key: "k", request: [], insertNote(Counter()))
        }
        #expect(error?.statusCodeName == "INTERNAL")
    }

    // MARK: Helpers

    /// Moves the record of `key` `seconds` into the past.
    private func backdate(key: String, by seconds: Int64, in database: ServiceDatabase) async throws {
        try await database.write { db in
            try db.execute(sql: "UPDATE idempotency_keys SET created_at = created_at - ? WHERE key = ?", arguments: [seconds * 1000, key])
        }
    }

    private func keys(in database: ServiceDatabase) async throws -> [String] {
        try await database.read { db in try String.fetchAll(db, sql: "SELECT key FROM idempotency_keys ORDER BY key") }
    }
}
