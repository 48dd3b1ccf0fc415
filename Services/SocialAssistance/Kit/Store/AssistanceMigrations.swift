import GRDB
import Storage

/// The social assistance database's schema, as versioned migrations (never edit a shipped one; add).
package enum AssistanceMigrations {
    package static var all: Migrations {
        var migrations = Migrations()
        migrations.register("assistance-v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE households (
                        id INTEGER PRIMARY KEY,
                        community_code TEXT NOT NULL,
                        grid_code TEXT NOT NULL,
                        address TEXT NOT NULL,
                        registered_at INTEGER NOT NULL
                    );
                    CREATE INDEX households_by_community ON households(community_code, id);
                    CREATE INDEX households_by_grid ON households(grid_code, id);
                    -- Present members only: a member who leaves is deleted (the change is in member_changes).
                    CREATE TABLE members (
                        id_number TEXT PRIMARY KEY NOT NULL,
                        household_id INTEGER NOT NULL REFERENCES households(id),
                        position INTEGER NOT NULL,
                        name TEXT NOT NULL,
                        relation TEXT NOT NULL,
                        income_fen INTEGER NOT NULL CHECK (income_fen >= 0),
                        work_capacity INTEGER NOT NULL,
                        serious_illness INTEGER NOT NULL,
                        is_head INTEGER NOT NULL
                    ) WITHOUT ROWID;
                    CREATE INDEX members_by_household ON members(household_id, position);
                    CREATE TABLE member_changes (
                        id INTEGER PRIMARY KEY,
                        household_id INTEGER NOT NULL REFERENCES households(id),
                        id_number TEXT NOT NULL,
                        change TEXT NOT NULL,
                        reason TEXT NOT NULL,
                        actor TEXT NOT NULL,
                        at INTEGER NOT NULL
                    );
                    CREATE INDEX member_changes_by_household ON member_changes(household_id, id);
                    -- The means the payment run uses: from a month on, until a later row.
                    CREATE TABLE household_means (
                        household_id INTEGER NOT NULL REFERENCES households(id),
                        from_month TEXT NOT NULL,
                        members INTEGER NOT NULL CHECK (members > 0),
                        income_fen INTEGER NOT NULL CHECK (income_fen >= 0),
                        PRIMARY KEY (household_id, from_month)
                    ) WITHOUT ROWID;
                    CREATE TABLE standards (
                        community_code TEXT NOT NULL,
                        effective_date TEXT NOT NULL,
                        monthly_fen INTEGER NOT NULL CHECK (monthly_fen > 0),
                        set_by TEXT NOT NULL,
                        set_at INTEGER NOT NULL,
                        PRIMARY KEY (community_code, effective_date)
                    ) WITHOUT ROWID;
                    CREATE TABLE cases (
                        id INTEGER PRIMARY KEY,
                        household_id INTEGER NOT NULL REFERENCES households(id),
                        community_code TEXT NOT NULL,
                        grid_code TEXT NOT NULL,
                        state INTEGER NOT NULL,
                        applied_at INTEGER NOT NULL,
                        notice_start TEXT,
                        notice_end TEXT,
                        first_paid_month TEXT,
                        last_paid_month TEXT,
                        next_review TEXT,
                        reason TEXT NOT NULL DEFAULT ''
                    );
                    CREATE INDEX cases_by_community ON cases(community_code, state, id);
                    CREATE INDEX cases_by_review ON cases(community_code, state, next_review, id);
                    CREATE INDEX cases_by_household ON cases(household_id, state);
                    CREATE TABLE case_events (
                        id INTEGER PRIMARY KEY,
                        case_id INTEGER NOT NULL REFERENCES cases(id),
                        action TEXT NOT NULL,
                        from_state INTEGER NOT NULL,
                        to_state INTEGER NOT NULL,
                        actor TEXT NOT NULL,
                        at INTEGER NOT NULL,
                        reason TEXT NOT NULL
                    );
                    CREATE INDEX case_events_by_case ON case_events(case_id, id);
                    CREATE TABLE objections (
                        id INTEGER PRIMARY KEY,
                        case_id INTEGER NOT NULL REFERENCES cases(id),
                        text TEXT NOT NULL,
                        filed_by TEXT NOT NULL,
                        filed_at INTEGER NOT NULL,
                        resolved_at INTEGER,
                        resolution TEXT NOT NULL DEFAULT '',
                        upheld INTEGER NOT NULL DEFAULT 0
                    );
                    CREATE INDEX objections_by_case ON objections(case_id, resolved_at);
                    -- One row per month's run: where a resumed run continues, and what it counted.
                    CREATE TABLE payment_runs (
                        month TEXT PRIMARY KEY NOT NULL,
                        after_case_id INTEGER NOT NULL,
                        without_standard INTEGER NOT NULL,
                        nothing_due INTEGER NOT NULL,
                        completed_at INTEGER
                    ) WITHOUT ROWID;
                    -- Exactly one payment per case and month, whatever the retries.
                    CREATE TABLE payments (
                        id INTEGER PRIMARY KEY,
                        case_id INTEGER NOT NULL REFERENCES cases(id),
                        month TEXT NOT NULL,
                        community_code TEXT NOT NULL,
                        household_id INTEGER NOT NULL,
                        members INTEGER NOT NULL,
                        per_capita_fen INTEGER NOT NULL,
                        standard_fen INTEGER NOT NULL,
                        amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
                        paid_at INTEGER NOT NULL,
                        UNIQUE (case_id, month)
                    );
                    CREATE INDEX payments_by_month ON payments(month, community_code, id);
                    """)
        }
        migrations.register("assistance-v2") { db in
            try db.execute(
                sql: """
                    CREATE TABLE grants (
                        id INTEGER PRIMARY KEY,
                        kind INTEGER NOT NULL,
                        household_id INTEGER NOT NULL REFERENCES households(id),
                        community_code TEXT NOT NULL,
                        id_number TEXT NOT NULL,
                        requested_fen INTEGER NOT NULL CHECK (requested_fen > 0),
                        granted_fen INTEGER NOT NULL DEFAULT 0 CHECK (granted_fen >= 0 AND granted_fen <= requested_fen),
                        state INTEGER NOT NULL,
                        purpose TEXT NOT NULL,
                        decision_reason TEXT NOT NULL DEFAULT '',
                        decided_by TEXT NOT NULL DEFAULT '',
                        applied_at INTEGER NOT NULL,
                        decided_at INTEGER
                    );
                    CREATE INDEX grants_by_community ON grants(community_code, state, id);
                    CREATE TABLE special_care (
                        id INTEGER PRIMARY KEY,
                        id_number TEXT NOT NULL,
                        name TEXT NOT NULL,
                        care_group INTEGER NOT NULL,
                        community_code TEXT NOT NULL,
                        grid_code TEXT NOT NULL,
                        address TEXT NOT NULL,
                        care TEXT NOT NULL,
                        has_doorbell INTEGER NOT NULL,
                        registered_at INTEGER NOT NULL,
                        UNIQUE (id_number, care_group)
                    );
                    CREATE INDEX special_care_by_community ON special_care(community_code, id);
                    CREATE INDEX special_care_by_grid ON special_care(grid_code, id);
                    CREATE TABLE alarms (
                        id INTEGER PRIMARY KEY,
                        care_id INTEGER NOT NULL REFERENCES special_care(id),
                        community_code TEXT NOT NULL,
                        grid_code TEXT NOT NULL,
                        raised_at INTEGER NOT NULL,
                        acknowledged_at INTEGER,
                        acknowledged_by TEXT NOT NULL DEFAULT '',
                        note TEXT NOT NULL DEFAULT ''
                    );
                    CREATE INDEX alarms_open ON alarms(community_code, acknowledged_at, raised_at, id);
                    CREATE TABLE volunteers (
                        id INTEGER PRIMARY KEY,
                        id_number TEXT NOT NULL UNIQUE,
                        name TEXT NOT NULL,
                        community_code TEXT NOT NULL,
                        registered_at INTEGER NOT NULL
                    );
                    CREATE INDEX volunteers_by_community ON volunteers(community_code);
                    CREATE TABLE pairings (
                        id INTEGER PRIMARY KEY,
                        volunteer_id INTEGER NOT NULL REFERENCES volunteers(id),
                        household_id INTEGER NOT NULL REFERENCES households(id),
                        community_code TEXT NOT NULL,
                        paired_at INTEGER NOT NULL,
                        UNIQUE (volunteer_id, household_id)
                    );
                    CREATE INDEX pairings_by_community ON pairings(community_code);
                    CREATE TABLE visits (
                        id INTEGER PRIMARY KEY,
                        household_id INTEGER NOT NULL REFERENCES households(id),
                        volunteer_id INTEGER REFERENCES volunteers(id),
                        visited_on TEXT NOT NULL,
                        note TEXT NOT NULL,
                        recorded_by TEXT NOT NULL,
                        at INTEGER NOT NULL
                    );
                    CREATE INDEX visits_by_household ON visits(household_id, visited_on);
                    """)
        }
        // The other offices' answers an application was made with (低保 cross-department checks).
        migrations.register("assistance-v3") { db in
            try db.execute(
                sql: """
                    CREATE TABLE case_evidence (
                        case_id INTEGER NOT NULL REFERENCES cases(id),
                        position INTEGER NOT NULL,
                        office TEXT NOT NULL,
                        subject_masked TEXT NOT NULL,
                        finding TEXT NOT NULL,
                        checked_at_ms INTEGER NOT NULL,
                        source TEXT NOT NULL,
                        PRIMARY KEY (case_id, position)
                    ) WITHOUT ROWID;
                    """)
        }
        return migrations
    }
}
