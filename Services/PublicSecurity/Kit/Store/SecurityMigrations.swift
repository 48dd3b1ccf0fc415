import GRDB
import Storage

/// The security office's database schema, as versioned migrations (never edit a shipped one; add).
public enum SecurityMigrations {
    public static var all: Migrations {
        var migrations = Migrations()
        migrations.register("security-v1-cases") { db in
            try db.execute(
                sql: """
                    CREATE TABLE cases (
                        id INTEGER PRIMARY KEY,
                        kind INTEGER NOT NULL,
                        id_number TEXT NOT NULL,
                        name TEXT NOT NULL,
                        community_code TEXT NOT NULL,
                        grid_code TEXT NOT NULL,
                        term_start TEXT NOT NULL,
                        term_end TEXT NOT NULL,
                        check_in_interval_days INTEGER NOT NULL CHECK (check_in_interval_days > 0),
                        status INTEGER NOT NULL,
                        opened_at INTEGER NOT NULL,
                        last_check_in TEXT,
                        closure INTEGER NOT NULL DEFAULT 0,
                        closed_on TEXT,
                        closing_note TEXT NOT NULL DEFAULT ''
                    );
                    -- One active case per resident and programme.
                    CREATE UNIQUE INDEX cases_one_active ON cases(id_number, kind) WHERE status = 1;
                    CREATE INDEX cases_by_community ON cases(community_code, status, id);
                    CREATE INDEX cases_by_grid ON cases(grid_code, status, id);
                    CREATE TABLE case_helpers (
                        id INTEGER PRIMARY KEY,
                        case_id INTEGER NOT NULL REFERENCES cases(id),
                        name TEXT NOT NULL,
                        role INTEGER NOT NULL,
                        phone TEXT NOT NULL,
                        assigned_on TEXT NOT NULL
                    );
                    CREATE INDEX case_helpers_by_case ON case_helpers(case_id, id);
                    CREATE TABLE check_ins (
                        id INTEGER PRIMARY KEY,
                        case_id INTEGER NOT NULL REFERENCES cases(id),
                        date TEXT NOT NULL,
                        outcome INTEGER NOT NULL,
                        note TEXT NOT NULL,
                        recorded_at INTEGER NOT NULL
                    );
                    CREATE INDEX check_ins_by_case ON check_ins(case_id, date, id);
                    """)
        }
        migrations.register("security-v2-floating-population") { db in
            try db.execute(
                sql: """
                    CREATE TABLE floating_residents (
                        id INTEGER PRIMARY KEY,
                        id_number TEXT NOT NULL,
                        name TEXT NOT NULL,
                        origin_division_code TEXT NOT NULL,
                        community_code TEXT NOT NULL,
                        grid_code TEXT NOT NULL,
                        address TEXT NOT NULL,
                        landlord TEXT NOT NULL,
                        arrival_date TEXT NOT NULL,
                        expected_stay_days INTEGER NOT NULL CHECK (expected_stay_days > 0),
                        status INTEGER NOT NULL,
                        departure_date TEXT,
                        phone TEXT NOT NULL,
                        registered_at INTEGER NOT NULL
                    );
                    -- One registration residing per resident; lookups by ID number take the latest.
                    CREATE UNIQUE INDEX floating_one_residing ON floating_residents(id_number) WHERE status = 1;
                    CREATE INDEX floating_by_id_number ON floating_residents(id_number, id);
                    CREATE INDEX floating_by_grid ON floating_residents(grid_code, status, id);
                    CREATE INDEX floating_by_community ON floating_residents(community_code, status, id);
                    CREATE TABLE rentals (
                        id INTEGER PRIMARY KEY,
                        community_code TEXT NOT NULL,
                        grid_code TEXT NOT NULL,
                        address TEXT NOT NULL,
                        landlord_name TEXT NOT NULL,
                        landlord_id_number TEXT NOT NULL,
                        landlord_phone TEXT NOT NULL,
                        registered_at INTEGER NOT NULL
                    );
                    CREATE INDEX rentals_by_grid ON rentals(grid_code, id);
                    CREATE INDEX rentals_by_community ON rentals(community_code, id);
                    CREATE TABLE rental_tenants (
                        rental_id INTEGER NOT NULL REFERENCES rentals(id),
                        registration_id INTEGER NOT NULL REFERENCES floating_residents(id),
                        position INTEGER NOT NULL,
                        PRIMARY KEY (rental_id, registration_id)
                    ) WITHOUT ROWID;
                    """)
        }
        migrations.register("security-v3-offices-disputes") { db in
            try db.execute(
                sql: """
                    CREATE TABLE police_offices (
                        community_code TEXT PRIMARY KEY NOT NULL,
                        address TEXT NOT NULL,
                        phone TEXT NOT NULL,
                        opened_at INTEGER NOT NULL
                    );
                    -- An officer serves one office (一室一警).
                    CREATE TABLE officers (
                        officer_id TEXT PRIMARY KEY NOT NULL,
                        community_code TEXT NOT NULL REFERENCES police_offices(community_code),
                        name TEXT NOT NULL,
                        phone TEXT NOT NULL,
                        assigned_on TEXT NOT NULL
                    );
                    CREATE INDEX officers_by_community ON officers(community_code);
                    CREATE TABLE disputes (
                        id INTEGER PRIMARY KEY,
                        community_code TEXT NOT NULL,
                        grid_code TEXT NOT NULL,
                        kind INTEGER NOT NULL,
                        summary TEXT NOT NULL,
                        reported_on TEXT NOT NULL,
                        status INTEGER NOT NULL,
                        sessions INTEGER NOT NULL DEFAULT 0,
                        last_session_on TEXT,
                        closed_on TEXT,
                        outcome_note TEXT NOT NULL DEFAULT ''
                    );
                    CREATE INDEX disputes_by_community ON disputes(community_code, status, id);
                    CREATE INDEX disputes_by_grid ON disputes(grid_code, status, id);
                    CREATE TABLE dispute_parties (
                        dispute_id INTEGER NOT NULL REFERENCES disputes(id),
                        position INTEGER NOT NULL,
                        name TEXT NOT NULL,
                        id_number TEXT,
                        PRIMARY KEY (dispute_id, position)
                    ) WITHOUT ROWID;
                    CREATE TABLE mediation_sessions (
                        id INTEGER PRIMARY KEY,
                        dispute_id INTEGER NOT NULL REFERENCES disputes(id),
                        held_on TEXT NOT NULL,
                        mediator TEXT NOT NULL,
                        note TEXT NOT NULL
                    );
                    CREATE INDEX mediation_sessions_by_dispute ON mediation_sessions(dispute_id, id);
                    """)
        }
        migrations.register("security-v4-patrols-incidents-plans") { db in
            try db.execute(
                sql: """
                    CREATE TABLE patrols (
                        id INTEGER PRIMARY KEY,
                        community_code TEXT NOT NULL,
                        route TEXT NOT NULL,
                        team TEXT NOT NULL,
                        started_at INTEGER NOT NULL,
                        ended_at INTEGER NOT NULL,
                        note TEXT NOT NULL
                    );
                    CREATE INDEX patrols_by_community ON patrols(community_code, id);
                    CREATE TABLE incidents (
                        id INTEGER PRIMARY KEY,
                        community_code TEXT NOT NULL,
                        grid_code TEXT NOT NULL,
                        kind INTEGER NOT NULL,
                        serious INTEGER NOT NULL,
                        place TEXT NOT NULL,
                        occurred_at INTEGER NOT NULL,
                        handled_at INTEGER,
                        note TEXT NOT NULL,
                        handling_note TEXT NOT NULL DEFAULT ''
                    );
                    CREATE INDEX incidents_by_community ON incidents(community_code, id);
                    CREATE INDEX incidents_by_grid ON incidents(grid_code, id);
                    CREATE INDEX incidents_serious ON incidents(community_code, occurred_at) WHERE serious = 1;
                    CREATE TABLE emergency_plans (
                        id INTEGER PRIMARY KEY,
                        community_code TEXT NOT NULL,
                        kind INTEGER NOT NULL,
                        title TEXT NOT NULL,
                        approved_on TEXT NOT NULL,
                        drills INTEGER NOT NULL DEFAULT 0,
                        last_drill_on TEXT
                    );
                    CREATE INDEX emergency_plans_by_community ON emergency_plans(community_code, id);
                    CREATE TABLE drills (
                        id INTEGER PRIMARY KEY,
                        plan_id INTEGER NOT NULL REFERENCES emergency_plans(id),
                        held_on TEXT NOT NULL,
                        participants INTEGER NOT NULL,
                        note TEXT NOT NULL
                    );
                    CREATE INDEX drills_by_plan ON drills(plan_id, id);
                    """)
        }
        return migrations
    }
}
