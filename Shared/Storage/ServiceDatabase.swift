import Foundation
import GRDB
import Logging
import Synchronization

/// The one SQLite layer every service uses: a single database file with a
/// fixed, durable configuration, schema migrations applied at open, and
/// idempotent writes.
///
/// Why one type for all services: money and case decisions are stored here,
/// so the durability settings must not drift between services. Every
/// connection runs with:
/// - WAL journal mode, so readers never block the writer;
/// - `PRAGMA synchronous = FULL`: the WAL is fsynced at every commit, so a
///   write that returned has reached stable storage and survives `kill -9`
///   of the process and also an OS crash or power loss (NORMAL, GRDB's
///   default in WAL mode, may lose the last commits on power loss);
/// - foreign keys enforced;
/// - a busy timeout instead of immediate SQLITE_BUSY.
///
/// There is exactly one writer connection per file: `DatabasePool` owns one,
/// and ``ServiceDatabase`` refuses to open a path this process already has
/// open (see `OpenDatabaseRegistry` for the SQLite WAL-reset race that makes
/// a second writer dangerous).
///
/// Reads and writes are `async` and run on GRDB's own dispatch queues, so
/// blocking SQLite calls never occupy Swift's cooperative thread pool.
public final class ServiceDatabase: Sendable {
    /// The underlying pool, for advanced use (observation, custom
    /// transactions). Do not open further connections to ``path`` and do not
    /// keep the pool after ``close()``.
    public let pool: DatabasePool

    /// The canonical path of the database file.
    public let path: String

    let logger: Logger
    /// See ``Configuration/idempotencyRetention``.
    let idempotencyRetention: Duration
    private let registrationToken: UInt64
    private let isClosed = Mutex(false)

    /// Opens (creating if needed) the database at `path` and applies
    /// `migrations`.
    ///
    /// This blocks the calling thread while the file is opened and migrated;
    /// call it at service start-up, not from request handlers.
    ///
    /// - Throws: ``ServiceDatabaseError`` (already open in this process,
    ///   unsafe SQLite, bad configuration), ``MigrationError`` (newer schema,
    ///   bad identifiers), or GRDB's `DatabaseError`.
    public init(
        path: String,
        migrations: Migrations,
        configuration: Configuration = .init(),
        logger: Logger
    ) throws {
        guard SQLiteLibrary.isThreadSafe else {
            throw ServiceDatabaseError.sqliteNotThreadSafe(version: SQLiteLibrary.version)
        }
        try configuration.validate()

        let directory = URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw ServiceDatabaseError.cannotCreateDirectory(path: directory, reason: "\(error)")
        }

        let canonicalPath = OpenDatabaseRegistry.canonicalPath(path)
        guard let token = OpenDatabaseRegistry.reserve(canonicalPath) else {
            throw ServiceDatabaseError.alreadyOpen(path: canonicalPath)
        }

        logger.info(
            "opening database",
            metadata: [
                "path": "\(canonicalPath)",
                "sqlite_version": "\(SQLiteLibrary.version)",
                "sqlite_threadsafe": "\(SQLiteLibrary.threadSafetyMode)",
                "max_readers": "\(configuration.maximumReaderCount)",
            ])

        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: canonicalPath, configuration: Self.grdbConfiguration(configuration))
        } catch {
            OpenDatabaseRegistry.release(path: canonicalPath, token: token)
            throw error
        }
        OpenDatabaseRegistry.attach(pool, path: canonicalPath, token: token)

        do {
            try Self.enforceFullSynchronousOnWriter(pool, path: canonicalPath)
            try migrations.apply(to: pool, path: canonicalPath, logger: logger)
        } catch {
            // Close before releasing the path so that no second writer can
            // appear while this one still exists.
            try? pool.close()
            OpenDatabaseRegistry.release(path: canonicalPath, token: token)
            throw error
        }

        self.pool = pool
        self.path = canonicalPath
        self.logger = logger
        self.idempotencyRetention = configuration.idempotencyRetention
        self.registrationToken = token
    }

    /// Runs `value` in a read-only snapshot on a reader connection.
    public func read<T: Sendable>(_ value: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try checkOpen()
        // asyncRead runs on a reader's dispatch queue and calls back there: one hand-off each
        // way, fewer than GRDB's actor-based async read, which shows on every list page.
        return try await withCheckedThrowingContinuation { continuation in
            pool.asyncRead { result in
                do {
                    continuation.resume(returning: try value(try result.get()))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    /// Runs `updates` in an immediate write transaction on the single writer
    /// connection; it commits if `updates` returns and rolls back if it throws.
    public func write<T: Sendable>(_ updates: @Sendable (Database) throws -> T) async throws -> T {
        try checkOpen()
        return try await pool.write(updates)
    }

    /// Runs `updates` in an immediate write transaction on the single writer connection, on the
    /// calling thread, which it blocks for the transaction and its fsync.
    ///
    /// For a thread of one's own that does nothing else (the broker's audit writer): a write that
    /// needs no hand-off to GRDB's queue and back wakes no other thread. Never call it from an
    /// event loop or the cooperative pool; use ``write(_:)`` there.
    public func writeOnThisThread<T>(_ updates: (Database) throws -> T) throws -> T {
        try checkOpen()
        return try pool.write(updates)
    }

    /// Closes every connection and releases the path, so it can be opened
    /// again. Calling it again does nothing.
    ///
    /// If SQLite refuses to close (a statement still in use), the error is
    /// rethrown and the database stays open and claimed.
    public func close() throws {
        let wasClosed = isClosed.withLock { closed in
            defer { closed = true }
            return closed
        }
        guard !wasClosed else { return }
        do {
            try pool.close()
        } catch {
            isClosed.withLock { $0 = false }
            throw error
        }
        OpenDatabaseRegistry.release(path: path, token: registrationToken)
        logger.info("closed database", metadata: ["path": "\(path)"])
    }

    // No deinit is needed: the registry holds the pool weakly, so the path
    // is released as soon as the pool (and its writer) is deallocated.

    private func checkOpen() throws {
        if isClosed.withLock({ $0 }) {
            throw ServiceDatabaseError.closed(path: path)
        }
    }

    private static func grdbConfiguration(_ configuration: Configuration) -> GRDB.Configuration {
        var grdb = GRDB.Configuration()
        grdb.journalMode = .wal
        grdb.foreignKeysEnabled = true
        grdb.busyMode = .timeout(configuration.busyTimeoutSeconds)
        grdb.maximumReaderCount = configuration.maximumReaderCount
        grdb.label = "ServiceDatabase"
        grdb.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Reads from a memory map instead of a pread(2) per page: fewer syscalls on every
            // query. Writes still go through the WAL with fsync; durability is unchanged.
            try db.execute(sql: "PRAGMA mmap_size = \(configuration.mmapSizeBytes)")
        }
        return grdb
    }

    /// `DatabasePool` switches the writer to WAL after `prepareDatabase` ran
    /// and then sets `synchronous = NORMAL`, so FULL must be set again on the
    /// writer, and is verified because durability depends on it.
    private static func enforceFullSynchronousOnWriter(_ pool: DatabasePool, path: String) throws {
        let actual = try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            return try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1
        }
        guard actual == 2 else {
            throw ServiceDatabaseError.synchronousNotFull(path: path, actual: actual)
        }
    }
}
