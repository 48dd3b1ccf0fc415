import Logging
import Storage
import WindowComposition

/// The broker's own SQLite database (broker.sqlite): the communities registry, principals and
/// tokens, the audit log, and the window composition's evaluations, opened once by `main` with every schema step registered.
public enum BrokerDatabase {
    /// Every schema step of broker.sqlite, in order.
    public static var migrations: Migrations {
        var migrations = Migrations()
        RegistryStore.register(into: &migrations)
        PrincipalStore.register(into: &migrations)
        AuditMigrations.register(into: &migrations)
        CompositionMigrations.register(into: &migrations)
        DelegationMigrations.register(into: &migrations)
        return migrations
    }

    public static func open(path: String, logger: Logger) throws -> ServiceDatabase {
        try ServiceDatabase(path: path, migrations: migrations, logger: logger)
    }
}
