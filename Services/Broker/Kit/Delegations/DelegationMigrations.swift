import GRDB
import Storage

/// The delegations table in broker.sqlite (see ``Delegation``), registered by
/// `BrokerDatabase.migrations` after the other steps.
///
/// `delegations`: one row a delegation, keyed by the SHA-256 of its token; the grantee service,
/// the person, the reference (receipt), the methods (comma separated), when it was granted and
/// expires, and when it was ended (NULL while it may be used).
enum DelegationMigrations {
    /// Appends the steps to `migrations`. Never edit a step that shipped; add one.
    static func register(into migrations: inout Migrations) {
        migrations.register("broker-delegations-v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE delegations (
                        token_hash TEXT PRIMARY KEY NOT NULL,
                        grantee TEXT NOT NULL,
                        principal TEXT NOT NULL,
                        reference TEXT NOT NULL,
                        methods TEXT NOT NULL,
                        granted_ms INTEGER NOT NULL,
                        expires_ms INTEGER NOT NULL,
                        ended_ms INTEGER
                    ) WITHOUT ROWID;
                    """)
        }
    }
}
