import GRDB
import Logging

/// The ordered, versioned schema changes of one service's database.
///
/// It exists so that every service evolves its schema the same way: a list
/// of named steps, applied once each and in order when the database opens,
/// recorded in GRDB's `grdb_migrations` table. Storage's own tables (the
/// idempotency keys) are created by built-in steps that always come first.
///
/// Rules for services: never edit or rename a step that has shipped; add a
/// new one. A database that records a step this binary does not know was
/// written by a newer release, and ``ServiceDatabase`` refuses to open it.
public struct Migrations: Sendable {
    /// Identifiers starting with this prefix belong to Storage's built-in
    /// steps; services may not use it.
    public static let reservedPrefix = "storage-"

    /// Storage's own steps, applied before the service's.
    static let builtIn: [Migration] = [
        Migration("storage-v1-idempotency", IdempotencyStore.createTable),
        Migration("storage-v2-idempotency-per-principal", IdempotencyStore.scopeKeysPerPrincipal),
    ]

    /// The service's steps, in registration order.
    public private(set) var serviceMigrations: [Migration]

    public init(_ migrations: [Migration] = []) {
        self.serviceMigrations = migrations
    }

    /// Appends a step. Its identifier is validated when the database opens.
    public mutating func register(
        _ identifier: String,
        _ migrate: @escaping @Sendable (Database) throws -> Void
    ) {
        serviceMigrations.append(Migration(identifier, migrate))
    }

    /// Every identifier, built-in ones first, in the order they apply.
    public var identifiers: [String] {
        (Self.builtIn + serviceMigrations).map(\.identifier)
    }

    /// Checks identifiers and builds the GRDB migrator. Checking here turns
    /// GRDB's precondition failure on duplicates into a thrown error.
    func makeMigrator() throws(MigrationError) -> DatabaseMigrator {
        var seen = Set<String>()
        for migration in serviceMigrations {
            let identifier = migration.identifier
            if identifier.isEmpty {
                throw .invalidIdentifier(identifier, reason: "must not be empty")
            }
            if identifier.hasPrefix(Self.reservedPrefix) {
                throw .invalidIdentifier(identifier, reason: "the prefix \"\(Self.reservedPrefix)\" is reserved for Storage")
            }
            if !seen.insert(identifier).inserted {
                throw .invalidIdentifier(identifier, reason: "registered twice")
            }
        }
        var migrator = DatabaseMigrator()
        for migration in Self.builtIn + serviceMigrations {
            migrator.registerMigration(migration.identifier, migrate: migration.migrate)
        }
        return migrator
    }

    /// Applies the missing steps, after refusing a newer schema.
    ///
    /// The check and the migration are two separate writer accesses; that is
    /// fine because the registry guarantees this process holds the only
    /// ``ServiceDatabase`` on the file, and one service process owns one
    /// database file.
    func apply(to pool: DatabasePool, path: String, logger: Logger) throws {
        let migrator = try makeMigrator()
        let known = Set(migrator.migrations)
        let appliedBefore = try pool.read { db in try migrator.appliedIdentifiers(db) }

        let unknown = appliedBefore.subtracting(known).sorted()
        guard unknown.isEmpty else {
            throw MigrationError.schemaIsNewer(path: path, unknownIdentifiers: unknown)
        }

        let pending = migrator.migrations.filter { !appliedBefore.contains($0) }
        guard !pending.isEmpty else {
            logger.debug("database schema is up to date", metadata: ["path": "\(path)"])
            return
        }
        try migrator.migrate(pool)
        logger.info(
            "applied database migrations",
            metadata: ["path": "\(path)", "migrations": "\(pending.joined(separator: ","))"])
    }
}
