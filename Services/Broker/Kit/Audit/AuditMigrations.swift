import GRDB
import Storage

/// The audit log's schema steps in broker.sqlite, registered next to the registry's.
///
/// It exists because broker.sqlite is one `ServiceDatabase` with one `Migrations` value: every
/// part of the broker that keeps tables there adds its own steps, with its own identifiers, to
/// that value before the file is opened. Every opener of broker.sqlite must register the same
/// steps in the same order — a database holding a step the opener does not know is refused as
/// "newer" — so the value is built in one place, `BrokerDatabase.migrations`, after the registry's
/// and the principals' steps; open broker.sqlite with `BrokerDatabase.open(path:logger:)`.
///
/// Tables (since `broker-audit-v3`, appends go to the batch tables; the v1/v2 tables keep the rows
/// written before it, unchanged, and the batch chain continues from their last hash):
/// - `audit_batches`: one row per append (a batch of calls): `batch` 1, 2, 3 …, the `first_seq`
///   and `count` of its records, `previous_hash` and `hash` (see ``AuditBatchChain``) and, last
///   (so that reading the other columns never walks its overflow pages), `records`: the calls in
///   the encoding of ``AuditBatchEncoding``;
/// - `audit_batch_residents`, `audit_batch_principals`: resident key (32 bytes) → batch, and
///   principal or on-behalf-of → batch, one entry per name and batch however many calls of the
///   batch it has; `audit_batch_reviews`: the batches holding a break-the-glass call. A query
///   walks its index backwards and reads only the batches it names; ``AuditStore/verify()``
///   checks each index against the chained records;
/// - `audit_log` (v1/v2): one row a call, `seq` 1, 2, 3 … (the chain order), the ``AuditRecord`` fields,
///   `previous_hash` and `hash` (see ``AuditChain``); indexed by principal, by on-behalf-of and
///   (partially) by the break-the-glass flag;
/// - `audit_residents`: resident key → `seq`, so that one resident's accesses are a range scan.
///   No foreign key: the log is append-only, and ``AuditStore/verify()`` checks this index
///   against the chained `residents` column, so a hidden or invented access is reported;
/// - `audit_settings`: name → value text: the resident-key secret (64 hex characters, generated
///   here, at the first start) and the chain tip (`chain_tip_count`, `chain_tip_hash`), which
///   every append updates in its own transaction so that a removed last row is detected. It is
///   the audit log's own table, not a general settings table for the broker.
package enum AuditMigrations {
    /// The identifiers, in order, as recorded in `grdb_migrations`.
    package static let identifiers = ["broker-audit-v1", "broker-audit-v2", "broker-audit-v3"]

    /// Appends the audit steps to `migrations`. Never edit a step that shipped; add one.
    package static func register(into migrations: inout Migrations) {
        migrations.register("broker-audit-v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE audit_log (
                        seq INTEGER PRIMARY KEY,
                        time_ms INTEGER NOT NULL,
                        principal TEXT NOT NULL,
                        on_behalf_of TEXT NOT NULL,
                        roles TEXT NOT NULL,
                        service TEXT NOT NULL,
                        method TEXT NOT NULL,
                        purpose TEXT NOT NULL,
                        residents TEXT NOT NULL,
                        status INTEGER NOT NULL,
                        duration_us INTEGER NOT NULL,
                        request_id TEXT NOT NULL,
                        previous_hash TEXT NOT NULL,
                        hash TEXT NOT NULL
                    );
                    -- seq is the rowid, so each index is already in seq order within one name.
                    CREATE INDEX audit_log_by_principal ON audit_log(principal);
                    CREATE INDEX audit_log_by_on_behalf_of ON audit_log(on_behalf_of);
                    CREATE TABLE audit_residents (
                        resident_key TEXT NOT NULL,
                        seq INTEGER NOT NULL,
                        PRIMARY KEY (resident_key, seq)
                    ) WITHOUT ROWID;
                    CREATE TABLE audit_settings (
                        name TEXT PRIMARY KEY NOT NULL,
                        value TEXT NOT NULL
                    );
                    """)
            var generator = SystemRandomNumberGenerator()  // getrandom(2) on Linux: suitable for keys
            let secret = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
            try db.execute(
                sql: "INSERT INTO audit_settings(name, value) VALUES (?, ?), (?, '0'), (?, ?)",
                arguments: [
                    AuditStore.Setting.residentKeySecret, Hex.encode(secret), AuditStore.Setting.tipCount, AuditStore.Setting.tipHash,
                    Hex.encode(AuditChain.genesis),
                ])
        }
        // Break-the-glass reads (see `AuditRecord.breakTheGlass`), and the partial index that
        // lists them for review without scanning the log.
        migrations.register("broker-audit-v2") { db in
            try db.execute(
                sql: """
                    ALTER TABLE audit_log ADD COLUMN break_the_glass INTEGER NOT NULL DEFAULT 0;
                    CREATE INDEX audit_log_for_review ON audit_log(seq) WHERE break_the_glass <> 0;
                    """)
        }
        // One row per batch instead of one per call: a row, two indexes and the residents' rows
        // for every call cost the writer ~4 µs of SQLite a record, a core in bursts at the
        // broker's rates. Rows already written stay where they are and still verify.
        migrations.register("broker-audit-v3") { db in
            try db.execute(
                sql: """
                    CREATE TABLE audit_batches (
                        batch INTEGER PRIMARY KEY,
                        first_seq INTEGER NOT NULL,
                        count INTEGER NOT NULL,
                        previous_hash BLOB NOT NULL,
                        hash BLOB NOT NULL,
                        records BLOB NOT NULL
                    );
                    CREATE TABLE audit_batch_residents (
                        resident_key BLOB NOT NULL,
                        batch INTEGER NOT NULL,
                        PRIMARY KEY (resident_key, batch)
                    ) WITHOUT ROWID;
                    CREATE TABLE audit_batch_principals (
                        principal TEXT NOT NULL,
                        batch INTEGER NOT NULL,
                        PRIMARY KEY (principal, batch)
                    ) WITHOUT ROWID;
                    CREATE TABLE audit_batch_reviews (batch INTEGER PRIMARY KEY);
                    """)
        }
    }
}
