import GRDB
import Storage

/// The composition module's tables in broker.sqlite: evaluations (好差评) and the rectification
/// items low ratings open. Registered after the broker's own steps by `BrokerDatabase.migrations`.
///
/// - `evaluations`: one row a rating: office, subject, community, level 1 (非常满意) … 5 (非常不满意),
///   comment, when (UTC ms) and the local date and month it counts for, who recorded it;
/// - `rectifications`: one row for each rating on the two lowest levels: opened and due dates
///   (15 working days), and once closed the fix, who closed it and when. Open items are indexed by
///   due date, which is how they are listed.
public enum CompositionMigrations {
    /// Appends the steps to `migrations`. Never edit a step that shipped; add one.
    public static func register(into migrations: inout Migrations) {
        migrations.register("window-evaluations-v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE evaluations (
                        id INTEGER PRIMARY KEY,
                        office TEXT NOT NULL,
                        subject TEXT NOT NULL,
                        community_code TEXT NOT NULL,
                        level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
                        comment TEXT NOT NULL,
                        rated_at_ms INTEGER NOT NULL,
                        rated_on TEXT NOT NULL,
                        rated_month TEXT NOT NULL,
                        recorded_by TEXT NOT NULL
                    );
                    CREATE INDEX evaluations_by_month ON evaluations(rated_month);
                    CREATE TABLE rectifications (
                        id INTEGER PRIMARY KEY,
                        evaluation_id INTEGER NOT NULL UNIQUE REFERENCES evaluations(id),
                        office TEXT NOT NULL,
                        community_code TEXT NOT NULL,
                        opened_on TEXT NOT NULL,
                        due_on TEXT NOT NULL,
                        closed_on TEXT,
                        closed_by TEXT,
                        fix TEXT
                    );
                    CREATE INDEX rectifications_by_due ON rectifications(due_on, id);
                    CREATE INDEX rectifications_open_by_due ON rectifications(due_on, id) WHERE closed_on IS NULL;
                    """)
        }
    }
}
