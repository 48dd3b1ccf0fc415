import GRDB
import Logging
import Storage
import Synchronization

/// A logger that prints nothing: tests never bootstrap logging.
let quietLogger = Logger(label: "storage-tests") { _ in SwiftLogNoOpLogHandler() }

/// Counts closure invocations from any thread.
final class Counter: Sendable {
    private let count = Mutex(0)

    func increment() {
        count.withLock { $0 += 1 }
    }

    var value: Int {
        count.withLock { $0 }
    }
}

/// A schema with one table, used by tests that need somewhere to write.
func notesMigrations() -> Migrations {
    Migrations([
        .init("v1-notes") { db in
            try db.execute(sql: "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
        }
    ])
}

/// Opens a database with the notes schema at `path`.
func openNotes(_ path: String, configuration: ServiceDatabase.Configuration = .init()) throws -> ServiceDatabase {
    try ServiceDatabase(path: path, migrations: notesMigrations(), configuration: configuration, logger: quietLogger)
}

/// The number of rows in `table`.
func count(_ table: String, in database: ServiceDatabase) async throws -> Int {
    try await database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? -1 }
}

/// An error a test's work closure throws on purpose.
struct DeliberateFailure: Error {}
