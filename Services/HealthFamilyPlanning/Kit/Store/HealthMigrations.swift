import GRDB
import Storage

/// The health database's schema, as versioned migrations (never edit a shipped one; add).
public enum HealthMigrations {
    public static var all: Migrations {
        var migrations = Migrations()
        migrations.register("health-v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE records (
                        id INTEGER PRIMARY KEY,
                        id_number TEXT NOT NULL UNIQUE,
                        name TEXT NOT NULL,
                        community_code TEXT NOT NULL,
                        grid_code TEXT NOT NULL,
                        residence INTEGER NOT NULL,
                        chronically_ill INTEGER NOT NULL,
                        disabled INTEGER NOT NULL,
                        poor INTEGER NOT NULL,
                        conditions TEXT NOT NULL,
                        notes TEXT NOT NULL,
                        created_at INTEGER NOT NULL,
                        updated_at INTEGER NOT NULL
                    );
                    CREATE INDEX records_by_grid ON records(grid_code, id);
                    CREATE INDEX records_by_community ON records(community_code, id);
                    CREATE TABLE programmes (
                        code TEXT PRIMARY KEY NOT NULL,
                        name TEXT NOT NULL,
                        interval_days INTEGER NOT NULL CHECK (interval_days > 0),
                        measures_blood_pressure INTEGER NOT NULL,
                        measures_glucose INTEGER NOT NULL,
                        controlled_systolic_below INTEGER NOT NULL,
                        controlled_diastolic_below INTEGER NOT NULL,
                        controlled_glucose_below_tenths INTEGER NOT NULL
                    );
                    CREATE TABLE enrolments (
                        id INTEGER PRIMARY KEY,
                        record_id INTEGER NOT NULL REFERENCES records(id),
                        programme_code TEXT NOT NULL REFERENCES programmes(code),
                        community_code TEXT NOT NULL,
                        grid_code TEXT NOT NULL,
                        interval_days INTEGER NOT NULL CHECK (interval_days > 0),
                        enrolled_on TEXT NOT NULL,
                        next_due TEXT NOT NULL,
                        last_follow_up TEXT,
                        follow_ups INTEGER NOT NULL DEFAULT 0,
                        last_controlled INTEGER NOT NULL DEFAULT 0,
                        UNIQUE (record_id, programme_code)
                    );
                    CREATE INDEX enrolments_due_by_grid ON enrolments(grid_code, next_due, id);
                    CREATE INDEX enrolments_due_by_community ON enrolments(community_code, next_due, id);
                    CREATE INDEX enrolments_by_programme ON enrolments(programme_code, community_code);
                    CREATE TABLE follow_ups (
                        id INTEGER PRIMARY KEY,
                        enrolment_id INTEGER NOT NULL REFERENCES enrolments(id),
                        date TEXT NOT NULL,
                        systolic INTEGER NOT NULL,
                        diastolic INTEGER NOT NULL,
                        glucose_tenths INTEGER NOT NULL,
                        controlled INTEGER NOT NULL,
                        notes TEXT NOT NULL,
                        recorded_at INTEGER NOT NULL
                    );
                    CREATE INDEX follow_ups_by_enrolment ON follow_ups(enrolment_id, date);
                    """)
            for programme in [ChronicProgramme.hypertension, .diabetes] { try ProgrammeStore.upsert(db, programme) }
        }
        migrations.register("health-v2-sickbeds") { db in
            try db.execute(
                sql: """
                    CREATE TABLE sickbeds (
                        id INTEGER PRIMARY KEY,
                        record_id INTEGER NOT NULL REFERENCES records(id),
                        community_code TEXT NOT NULL,
                        grid_code TEXT NOT NULL,
                        reason TEXT NOT NULL,
                        opened_on TEXT NOT NULL,
                        visits INTEGER NOT NULL DEFAULT 0,
                        last_visit TEXT,
                        closed_on TEXT,
                        outcome TEXT NOT NULL DEFAULT ''
                    );
                    CREATE UNIQUE INDEX sickbeds_one_open_per_record ON sickbeds(record_id) WHERE closed_on IS NULL;
                    CREATE INDEX sickbeds_open_by_grid ON sickbeds(grid_code, id) WHERE closed_on IS NULL;
                    CREATE INDEX sickbeds_open_by_community ON sickbeds(community_code, id) WHERE closed_on IS NULL;
                    CREATE TABLE sickbed_visits (
                        id INTEGER PRIMARY KEY,
                        sickbed_id INTEGER NOT NULL REFERENCES sickbeds(id),
                        date TEXT NOT NULL,
                        notes TEXT NOT NULL,
                        recorded_at INTEGER NOT NULL
                    );
                    CREATE INDEX sickbed_visits_by_bed ON sickbed_visits(sickbed_id, date);
                    """)
        }
        migrations.register("health-v3-family-planning") { db in
            try db.execute(
                sql: """
                    CREATE TABLE family_planning_files (
                        id INTEGER PRIMARY KEY,
                        record_id INTEGER NOT NULL UNIQUE REFERENCES records(id),
                        community_code TEXT NOT NULL,
                        grid_code TEXT NOT NULL,
                        contraceptive_method TEXT NOT NULL,
                        interval_days INTEGER NOT NULL CHECK (interval_days > 0),
                        registered_on TEXT NOT NULL,
                        next_visit_due TEXT NOT NULL,
                        last_visit TEXT,
                        visits INTEGER NOT NULL DEFAULT 0,
                        births INTEGER NOT NULL DEFAULT 0
                    );
                    CREATE INDEX family_planning_due_by_grid ON family_planning_files(grid_code, next_visit_due, id);
                    CREATE INDEX family_planning_due_by_community ON family_planning_files(community_code, next_visit_due, id);
                    CREATE TABLE births (
                        id INTEGER PRIMARY KEY,
                        file_id INTEGER NOT NULL REFERENCES family_planning_files(id),
                        birth_date TEXT NOT NULL,
                        sex INTEGER NOT NULL,
                        birth_order INTEGER NOT NULL
                    );
                    CREATE TABLE contraceptive_distributions (
                        id INTEGER PRIMARY KEY,
                        file_id INTEGER NOT NULL REFERENCES family_planning_files(id),
                        community_code TEXT NOT NULL,
                        item TEXT NOT NULL,
                        quantity INTEGER NOT NULL CHECK (quantity > 0),
                        date TEXT NOT NULL
                    );
                    CREATE INDEX contraceptive_distributions_by_community ON contraceptive_distributions(community_code, date);
                    CREATE TABLE family_planning_visits (
                        id INTEGER PRIMARY KEY,
                        file_id INTEGER NOT NULL REFERENCES family_planning_files(id),
                        community_code TEXT NOT NULL,
                        date TEXT NOT NULL,
                        notes TEXT NOT NULL
                    );
                    CREATE INDEX family_planning_visits_by_community ON family_planning_visits(community_code, date);
                    """)
        }
        migrations.register("health-v4-services-facilities") { db in
            try db.execute(
                sql: """
                    CREATE TABLE service_events (
                        id INTEGER PRIMARY KEY,
                        community_code TEXT NOT NULL,
                        kind INTEGER NOT NULL,
                        date TEXT NOT NULL,
                        title TEXT NOT NULL,
                        people_served INTEGER NOT NULL CHECK (people_served > 0)
                    );
                    CREATE INDEX service_events_by_month ON service_events(community_code, date);
                    CREATE TABLE facilities (
                        id INTEGER PRIMARY KEY,
                        community_code TEXT NOT NULL,
                        name TEXT NOT NULL,
                        kind INTEGER NOT NULL,
                        UNIQUE (community_code, name)
                    );
                    CREATE INDEX follow_ups_by_date ON follow_ups(date);
                    CREATE INDEX sickbed_visits_by_date ON sickbed_visits(date);
                    """)
        }
        return migrations
    }
}
