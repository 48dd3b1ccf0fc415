import Foundation
import GRDB
import Storage
import Testing

@Suite("ServiceDatabase")
struct ServiceDatabaseTests {
    /// The pragmas that durability and integrity depend on, as one connection sees them.
    private struct Pragmas: Equatable, Sendable {
        var journalMode: String
        var synchronous: Int
        var foreignKeys: Int
        var busyTimeoutMilliseconds: Int

        static func fetch(_ db: Database) throws -> Pragmas {
            Pragmas(
                journalMode: try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "",
                synchronous: try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1,
                foreignKeys: try Int.fetchOne(db, sql: "PRAGMA foreign_keys") ?? -1,
                busyTimeoutMilliseconds: try Int.fetchOne(db, sql: "PRAGMA busy_timeout") ?? -1)
        }
    }

    @Test("writer and readers run WAL, synchronous FULL (2) and foreign keys on")
    func pragmas() async throws {
        let directory = try TemporaryDirectory()
        let database = try openNotes(directory.path("db.sqlite"))
        defer { try? database.close() }

        let writer = try await database.write { db in try Pragmas.fetch(db) }
        #expect(writer == Pragmas(journalMode: "wal", synchronous: 2, foreignKeys: 1, busyTimeoutMilliseconds: 5000))

        let reader = try await database.read { db in try Pragmas.fetch(db) }
        #expect(reader.journalMode == "wal")
        #expect(reader.synchronous == 2)
        #expect(reader.foreignKeys == 1)
        #expect(database.pool.configuration.maximumReaderCount == 4)
    }

    @Test("configuration sets the busy timeout and the reader pool size")
    func configuration() async throws {
        let directory = try TemporaryDirectory()
        let database = try openNotes(
            directory.path("db.sqlite"),
            configuration: .init(busyTimeout: .milliseconds(1500), maximumReaderCount: 2))
        defer { try? database.close() }
        let busy = try await database.write { db in try Int.fetchOne(db, sql: "PRAGMA busy_timeout") }
        #expect(busy == 1500)
        #expect(database.pool.configuration.maximumReaderCount == 2)

        #expect(throws: ServiceDatabaseError.self) {
            try openNotes(directory.path("other.sqlite"), configuration: .init(maximumReaderCount: 0))
        }
    }

    @Test("foreign keys are enforced")
    func foreignKeysEnforced() async throws {
        let directory = try TemporaryDirectory()
        let migrations = Migrations([
            .init("v1") { db in
                try db.execute(
                    sql: """
                        CREATE TABLE parent (id INTEGER PRIMARY KEY);
                        CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent(id));
                        """)
            }
        ])
        let database = try ServiceDatabase(path: directory.path("db.sqlite"), migrations: migrations, logger: quietLogger)
        defer { try? database.close() }
        await #expect(throws: DatabaseError.self) {
            try await database.write { db in try db.execute(sql: "INSERT INTO child (id, parent_id) VALUES (1, 42)") }
        }
    }

    @Test("parent directories are created")
    func createsDirectories() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("a/b/c/db.sqlite")
        let database = try openNotes(path)
        defer { try? database.close() }
        #expect(FileManager.default.fileExists(atPath: path))
    }

    @Test("the same path cannot be opened twice in one process, under any spelling")
    func sameFileTwiceIsRefused() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("db.sqlite")
        let first = try openNotes(path)

        let error = #expect(throws: ServiceDatabaseError.self) { try openNotes(path) }
        #expect(error == .alreadyOpen(path: first.path))
        #expect(error?.statusCodeName == "FAILED_PRECONDITION")

        try FileManager.default.createDirectory(atPath: directory.path("sub"), withIntermediateDirectories: true)
        #expect(throws: ServiceDatabaseError.self) { try openNotes(directory.path("sub/../db.sqlite")) }

        try FileManager.default.createSymbolicLink(atPath: directory.path("link"), withDestinationPath: directory.url.path)
        #expect(throws: ServiceDatabaseError.self) { try openNotes(directory.path("link/db.sqlite")) }

        try first.close()
        let second = try openNotes(path)
        try second.close()
    }

    @Test("dropping a database without close releases the path")
    func deinitReleasesPath() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("db.sqlite")
        do {
            _ = try openNotes(path)
        }
        let again = try openNotes(path)
        try again.close()
    }

    @Test("concurrent opens of one path: exactly one succeeds")
    func concurrentOpens() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("db.sqlite")
        // Create the schema first so the racing opens do no migration work.
        try openNotes(path).close()

        let opened = try await withThrowingTaskGroup(of: ServiceDatabase?.self) { group in
            for _ in 0..<8 {
                group.addTask { try? openNotes(path) }
            }
            var opened: [ServiceDatabase] = []
            for try await database in group {
                if let database { opened.append(database) }
            }
            return opened
        }
        #expect(opened.count == 1)
        for database in opened { try database.close() }
    }

    @Test("reads and writes after close fail; close twice is harmless")
    func closedDatabase() async throws {
        let directory = try TemporaryDirectory()
        let database = try openNotes(directory.path("db.sqlite"))
        try database.close()
        try database.close()
        await #expect(throws: ServiceDatabaseError.closed(path: database.path)) {
            try await database.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
        }
        await #expect(throws: ServiceDatabaseError.closed(path: database.path)) {
            try await database.write { db in try db.execute(sql: "INSERT INTO notes (body) VALUES ('x')") }
        }
    }

    @Test("a write that returned is seen by a fresh connection after close")
    func durableAcrossReopen() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("db.sqlite")
        let database = try openNotes(path)
        try await database.write { db in try db.execute(sql: "INSERT INTO notes (id, body) VALUES (1, 'kept')") }
        try database.close()

        let reopened = try openNotes(path)
        defer { try? reopened.close() }
        let body = try await reopened.read { db in try String.fetchOne(db, sql: "SELECT body FROM notes WHERE id = 1") }
        #expect(body == "kept")
    }

    @Test("a write that returned is already in the files on disk (as after kill -9, with no clean close)")
    func durableWithoutClose() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("live/db.sqlite")
        let database = try openNotes(path)
        defer { try? database.close() }
        try await database.write { db in try db.execute(sql: "INSERT INTO notes (id, body) VALUES (7, 'acknowledged')") }

        // Copy the main file and the WAL while the writer is still open, the
        // state a crash would leave; SQLite recovers the rest from the WAL.
        let copy = directory.path("crash/db.sqlite")
        try FileManager.default.createDirectory(atPath: directory.path("crash"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        try FileManager.default.copyItem(atPath: path + "-wal", toPath: copy + "-wal")

        let recovered = try openNotes(copy)
        defer { try? recovered.close() }
        let body = try await recovered.read { db in try String.fetchOne(db, sql: "SELECT body FROM notes WHERE id = 7") }
        #expect(body == "acknowledged")
    }

    @Test("the linked SQLite is thread-safe and reports a version")
    func sqliteLibrary() {
        #expect(SQLiteLibrary.isThreadSafe)
        #expect(SQLiteLibrary.version.hasPrefix("3."))
        #expect(SQLiteLibrary.versionNumber >= 3_040_000)
    }
}
