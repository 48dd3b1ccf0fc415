import GRDB
import Storage

/// The composition module's tables in broker.sqlite: evaluations (好差评), the rectification
/// items low ratings open, and life events (一件事一次办). Registered after the broker's own steps
/// by `BrokerDatabase.migrations`.
///
/// - `evaluations`: one row a rating: office, subject, community, level 1 (非常满意) … 5 (非常不满意),
///   comment, when (UTC ms) and the local date and month it counts for, who recorded it;
/// - `rectifications`: one row for each rating on the two lowest levels: opened and due dates
///   (15 working days), and once closed the fix, who closed it and when. Open items are indexed by
///   due date, which is how they are listed;
/// - `life_events`: one row a life event (`seq` never reused, even after an intake that could not
///   be completed was removed, so neither is its receipt): its receipt (统一受理编号, unique), kind, state, the
///   form as taken in (protobuf bytes), the clerk, the delegation token the window acts with, and
///   the clerk's idempotency key for the intake (unique per clerk); unfinished events are indexed,
///   which is how they are resumed after a restart;
/// - `life_event_steps`: one row a step of an event: office, position, state, attempts, what the
///   office made or found, the last error or refusal and what the clerk must do, the evidence kept
///   (protobuf bytes) and when it was last tried.
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
        migrations.register("window-life-events-v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE life_events (
                        seq INTEGER PRIMARY KEY AUTOINCREMENT,
                        receipt TEXT NOT NULL UNIQUE,
                        kind INTEGER NOT NULL,
                        state INTEGER NOT NULL,
                        form BLOB NOT NULL,
                        id_number_masked TEXT NOT NULL,
                        community_code TEXT NOT NULL,
                        taken_by TEXT NOT NULL,
                        taken_at_ms INTEGER NOT NULL,
                        delegation TEXT NOT NULL,
                        intake_key TEXT,
                        next_action TEXT NOT NULL DEFAULT '',
                        UNIQUE (taken_by, intake_key)
                    );
                    CREATE INDEX life_events_unfinished ON life_events(seq) WHERE state = 1;
                    CREATE TABLE life_event_steps (
                        event_seq INTEGER NOT NULL REFERENCES life_events(seq),
                        position INTEGER NOT NULL,
                        step TEXT NOT NULL,
                        office TEXT NOT NULL,
                        title TEXT NOT NULL,
                        state INTEGER NOT NULL,
                        attempts INTEGER NOT NULL DEFAULT 0,
                        result TEXT NOT NULL DEFAULT '',
                        message TEXT NOT NULL DEFAULT '',
                        next_action TEXT NOT NULL DEFAULT '',
                        evidence BLOB,
                        updated_at_ms INTEGER NOT NULL,
                        PRIMARY KEY (event_seq, position)
                    ) WITHOUT ROWID;
                    """)
        }
        // The clerk's worklist (`ListLifeEvents`): events by state, newest first.
        migrations.register("window-life-events-v2") { db in
            try db.execute(sql: "CREATE INDEX life_events_by_state ON life_events(state, seq)")
        }
    }
}
