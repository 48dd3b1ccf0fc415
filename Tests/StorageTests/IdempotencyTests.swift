import Foundation
import GRDB
import Storage
import Testing

@Suite("Idempotent writes")
struct IdempotencyTests {
    private let request: [UInt8] = Array("transfer 100 to case 42".utf8)

    /// Work that inserts a note and replies with its id; counts its runs.
    private func insertNote(_ runs: Counter, body: String = "note") -> @Sendable (Database) throws -> [UInt8] {
        { db in
            runs.increment()
            try db.execute(sql: "INSERT INTO notes (body) VALUES (?)", arguments: [body])
            return Array("id=\(db.lastInsertedRowID)".utf8)
        }
    }

    @Test("same key and same request: work runs once, the reply is replayed")
    func replay() async throws {
        let directory = try TemporaryDirectory()
        let database = try openNotes(directory.path("db.sqlite"))
        defer { try? database.close() }
        let runs = Counter()

        let first = try await database.idempotentWrite(scope: "Pay", key: "k-1", request: request, insertNote(runs))
        let second = try await database.idempotentWrite(scope: "Pay", key: "k-1", request: request, insertNote(runs))

        #expect(first == .executed(Array("id=1".utf8)))
        #expect(second == .replayed(Array("id=1".utf8)))
        #expect(second.wasReplayed)
        #expect(first.response == second.response)
        #expect(runs.value == 1)
        #expect(try await count("notes", in: database) == 1)
        #expect(try await count("idempotency_keys", in: database) == 1)
    }

    @Test("same key with a different request is an error and runs nothing")
    func keyReuse() async throws {
        let directory = try TemporaryDirectory()
        let database = try openNotes(directory.path("db.sqlite"))
        defer { try? database.close() }
        let runs = Counter()

        _ = try await database.idempotentWrite(scope: "Pay", key: "k-1", request: request, insertNote(runs))
        let error = await #expect(throws: IdempotencyError.self) {
            try await database.idempotentWrite(scope: "Pay", key: "k-1", request: [1, 2, 3], insertNote(runs))
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

        let pay = try await database.idempotentWrite(scope: "Pay", key: "k-1", request: request, insertNote(runs))
        let refund = try await database.idempotentWrite(scope: "Refund", key: "k-1", request: [9], insertNote(runs))
        #expect(!pay.wasReplayed)
        #expect(!refund.wasReplayed)
        #expect(runs.value == 2)
    }

    @Test("work that throws leaves no key and no rows; a retry then runs")
    func failingWorkRecordsNothing() async throws {
        let directory = try TemporaryDirectory()
        let database = try openNotes(directory.path("db.sqlite"))
        defer { try? database.close() }

        await #expect(throws: DeliberateFailure.self) {
            try await database.idempotentWrite(scope: "Pay", key: "k-1", request: request) { db in
                try db.execute(sql: "INSERT INTO notes (body) VALUES ('half-done')")
                throw DeliberateFailure()
            }
        }
        #expect(try await count("notes", in: database) == 0)
        #expect(try await count("idempotency_keys", in: database) == 0)

        let runs = Counter()
        let retry = try await database.idempotentWrite(scope: "Pay", key: "k-1", request: request, insertNote(runs))
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

        let outcomes = try await withThrowingTaskGroup(of: IdempotentOutcome.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    try await database.idempotentWrite(scope: "Pay", key: "same", request: request, work)
                }
            }
            var outcomes: [IdempotentOutcome] = []
            for try await outcome in group { outcomes.append(outcome) }
            return outcomes
        }

        #expect(runs.value == 1)
        #expect(outcomes.count == 20)
        #expect(outcomes.filter { !$0.wasReplayed }.count == 1)
        #expect(Set(outcomes.map(\.response)).count == 1)
        #expect(try await count("notes", in: database) == 1)
    }

    @Test("a nil or empty key just runs the work, every time, recording nothing")
    func noKey() async throws {
        let directory = try TemporaryDirectory()
        let database = try openNotes(directory.path("db.sqlite"))
        defer { try? database.close() }
        let runs = Counter()

        _ = try await database.idempotentWrite(scope: "Pay", key: nil, request: request, insertNote(runs))
        let outcome = try await database.idempotentWrite(scope: "Pay", key: "", request: request, insertNote(runs))
        #expect(outcome == .executed(Array("id=2".utf8)))
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
            try await database.idempotentWrite(scope: "Pay", key: key, request: request, insertNote(runs))
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

    @Test("purge deletes records older than the cutoff only")
    func purge() async throws {
        let directory = try TemporaryDirectory()
        let database = try openNotes(directory.path("db.sqlite"))
        defer { try? database.close() }
        let runs = Counter()
        for key in ["a", "b", "c"] {
            _ = try await database.idempotentWrite(scope: "Pay", key: key, request: request, insertNote(runs))
        }

        #expect(try await database.purgeIdempotencyKeys(olderThan: Date(timeIntervalSinceNow: -3600)) == 0)
        #expect(try await count("idempotency_keys", in: database) == 3)
        #expect(try await database.purgeIdempotencyKeys(olderThan: Date(timeIntervalSinceNow: 1)) == 3)
        #expect(try await count("idempotency_keys", in: database) == 0)
        // The business rows are untouched by housekeeping.
        #expect(try await count("notes", in: database) == 3)
    }

    @Test("an empty scope is refused")
    func emptyScope() async throws {
        let directory = try TemporaryDirectory()
        let database = try openNotes(directory.path("db.sqlite"))
        defer { try? database.close() }
        await #expect(throws: IdempotencyError.invalidScope("must not be empty")) {
            try await database.idempotentWrite(scope: "", key: "k", request: [], insertNote(Counter()))
        }
    }
}
