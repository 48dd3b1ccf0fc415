import GRDB
import Storage
import Testing

@Suite("Migrations")
struct MigrationsTests {
    /// Three steps that each log their identifier, so order is observable.
    private func loggingMigrations(_ identifiers: [String], runs: Counter = Counter()) -> Migrations {
        var migrations = Migrations()
        for identifier in identifiers {
            migrations.register(identifier) { db in
                runs.increment()
                if identifier == identifiers.first {
                    try db.execute(sql: "CREATE TABLE migration_log (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL)")
                }
                try db.execute(sql: "INSERT INTO migration_log (id) VALUES (?)", arguments: [identifier])
            }
        }
        return migrations
    }

    @Test("migrations apply in registration order, after the built-in idempotency steps")
    func appliesInOrder() async throws {
        let directory = try TemporaryDirectory()
        let database = try ServiceDatabase(
            path: directory.path("db.sqlite"), migrations: loggingMigrations(["a", "b", "c"]), logger: quietLogger)
        defer { try? database.close() }

        let logged = try await database.read { db in
            try String.fetchAll(db, sql: "SELECT id FROM migration_log ORDER BY seq")
        }
        #expect(logged == ["a", "b", "c"])

        let recorded = try await database.read { db in
            try String.fetchSet(db, sql: "SELECT identifier FROM grdb_migrations")
        }
        #expect(recorded == ["storage-v1-idempotency", "storage-v2-idempotency-per-principal", "a", "b", "c"])
        #expect(try await database.read { db in try db.tableExists("idempotency_keys") })
        #expect(loggingMigrations(["a"]).identifiers == ["storage-v1-idempotency", "storage-v2-idempotency-per-principal", "a"])
    }

    @Test("re-opening applies nothing new, and a later release applies only its new step")
    func reopenAppliesNothingNew() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("db.sqlite")

        let firstRuns = Counter()
        try ServiceDatabase(path: path, migrations: loggingMigrations(["a", "b"], runs: firstRuns), logger: quietLogger)
            .close()
        #expect(firstRuns.value == 2)

        let secondRuns = Counter()
        try ServiceDatabase(path: path, migrations: loggingMigrations(["a", "b"], runs: secondRuns), logger: quietLogger)
            .close()
        #expect(secondRuns.value == 0)

        let thirdRuns = Counter()
        let database = try ServiceDatabase(
            path: path, migrations: loggingMigrations(["a", "b", "c"], runs: thirdRuns), logger: quietLogger)
        defer { try? database.close() }
        #expect(thirdRuns.value == 1)
        let logged = try await database.read { db in
            try String.fetchAll(db, sql: "SELECT id FROM migration_log ORDER BY seq")
        }
        #expect(logged == ["a", "b", "c"])
    }

    @Test("a database migrated by a newer binary is refused, and the path is released")
    func newerSchemaIsRefused() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("db.sqlite")
        try ServiceDatabase(path: path, migrations: loggingMigrations(["a", "b", "c"]), logger: quietLogger).close()

        let error = #expect(throws: MigrationError.self) {
            try ServiceDatabase(path: path, migrations: loggingMigrations(["a", "b"]), logger: quietLogger)
        }
        guard case .schemaIsNewer(_, let unknown) = error else {
            Issue.record("unexpected error \(String(describing: error))")
            return
        }
        #expect(unknown == ["c"])
        #expect(error?.statusCodeName == "FAILED_PRECONDITION")
        #expect(error?.description.contains("newer binary") == true)

        // The failed open must not leave the path claimed.
        try ServiceDatabase(path: path, migrations: loggingMigrations(["a", "b", "c"]), logger: quietLogger).close()
    }

    @Test("reserved, empty and duplicate identifiers are refused at open")
    func invalidIdentifiers() throws {
        let directory = try TemporaryDirectory()
        let cases: [(Migrations, String)] = [
            (Migrations([.init("storage-v9") { _ in }]), "storage-v9"),
            (Migrations([.init("") { _ in }]), ""),
            (Migrations([.init("x") { _ in }, .init("x") { _ in }]), "x"),
        ]
        for (index, (migrations, identifier)) in cases.enumerated() {
            let error = #expect(throws: MigrationError.self) {
                try ServiceDatabase(path: directory.path("db\(index).sqlite"), migrations: migrations, logger: quietLogger)
            }
            guard case .invalidIdentifier(let reported, _) = error else {
                Issue.record("unexpected error \(String(describing: error))")
                continue
            }
            #expect(reported == identifier)
        }
    }

    @Test("a failing migration rolls back and the database is not opened")
    func failingMigration() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("db.sqlite")
        let failing = Migrations([
            .init("v1") { db in
                try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY)")
                throw DeliberateFailure()
            }
        ])
        #expect(throws: DeliberateFailure.self) {
            try ServiceDatabase(path: path, migrations: failing, logger: quietLogger)
        }
        let database = try ServiceDatabase(path: path, migrations: Migrations(), logger: quietLogger)
        defer { try? database.close() }
        #expect(try await database.read { db in try db.tableExists("t") } == false)
    }
}
