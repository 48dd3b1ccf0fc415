import EmploymentContract
import GRDB
import Storage

/// The employment database's schema, as versioned migrations (never edit a shipped one; add).
public enum EmploymentMigrations {
    public static var all: Migrations {
        var migrations = Migrations()
        migrations.register("employment-v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE communities (
                        code TEXT PRIMARY KEY NOT NULL,
                        name TEXT NOT NULL
                    );
                    CREATE TABLE seekers (
                        id INTEGER PRIMARY KEY,
                        id_number TEXT NOT NULL UNIQUE,
                        name TEXT NOT NULL,
                        community_code TEXT NOT NULL REFERENCES communities(code),
                        grid_code TEXT NOT NULL,
                        category INTEGER NOT NULL,
                        skills TEXT NOT NULL,
                        wishes TEXT NOT NULL,
                        accepts_promise INTEGER NOT NULL,
                        status INTEGER NOT NULL,
                        registered_at INTEGER NOT NULL,
                        placed_at INTEGER,
                        placed_vacancy_id INTEGER,
                        phone TEXT NOT NULL,
                        withdrawn_reason TEXT NOT NULL DEFAULT ''
                    );
                    CREATE INDEX seekers_by_grid ON seekers(grid_code, id);
                    CREATE INDEX seekers_by_community ON seekers(community_code, status, id);
                    CREATE INDEX seekers_by_promise ON seekers(community_code, accepts_promise, status, registered_at);
                    CREATE TABLE seeker_skills (
                        skill TEXT NOT NULL,
                        seeker_id INTEGER NOT NULL REFERENCES seekers(id) ON DELETE CASCADE,
                        PRIMARY KEY (skill, seeker_id)
                    ) WITHOUT ROWID;
                    CREATE TABLE vacancies (
                        id INTEGER PRIMARY KEY,
                        kind INTEGER NOT NULL,
                        title TEXT NOT NULL,
                        employer TEXT NOT NULL,
                        community_code TEXT NOT NULL REFERENCES communities(code),
                        positions INTEGER NOT NULL CHECK (positions > 0),
                        filled INTEGER NOT NULL DEFAULT 0 CHECK (filled >= 0 AND filled <= positions),
                        required_skills TEXT NOT NULL,
                        wage_fen INTEGER NOT NULL CHECK (wage_fen >= 0),
                        location TEXT NOT NULL,
                        status INTEGER NOT NULL,
                        posted_at INTEGER NOT NULL
                    );
                    CREATE INDEX vacancies_by_community ON vacancies(community_code, status, id);
                    CREATE INDEX vacancies_by_status ON vacancies(status, id);
                    CREATE TABLE placements (
                        id INTEGER PRIMARY KEY,
                        seeker_id INTEGER NOT NULL UNIQUE REFERENCES seekers(id),
                        vacancy_id INTEGER NOT NULL REFERENCES vacancies(id),
                        community_code TEXT NOT NULL,
                        start_date TEXT NOT NULL,
                        placed_at INTEGER NOT NULL,
                        promise_kept INTEGER NOT NULL
                    );
                    CREATE INDEX placements_by_community ON placements(community_code, placed_at);
                    CREATE TABLE courses (
                        id INTEGER PRIMARY KEY,
                        title TEXT NOT NULL,
                        kind INTEGER NOT NULL,
                        skills TEXT NOT NULL,
                        community_code TEXT NOT NULL REFERENCES communities(code),
                        start_date TEXT NOT NULL,
                        end_date TEXT NOT NULL,
                        capacity INTEGER NOT NULL CHECK (capacity > 0),
                        enrolled INTEGER NOT NULL DEFAULT 0 CHECK (enrolled >= 0 AND enrolled <= capacity)
                    );
                    CREATE INDEX courses_by_community ON courses(community_code, id);
                    CREATE TABLE enrollments (
                        id INTEGER PRIMARY KEY,
                        course_id INTEGER NOT NULL REFERENCES courses(id),
                        seeker_id INTEGER NOT NULL REFERENCES seekers(id),
                        status INTEGER NOT NULL,
                        enrolled_at INTEGER NOT NULL,
                        completed_at INTEGER,
                        UNIQUE (course_id, seeker_id)
                    );
                    CREATE INDEX enrollments_by_seeker ON enrollments(seeker_id);
                    CREATE TABLE loan_referrals (
                        id INTEGER PRIMARY KEY,
                        seeker_id INTEGER NOT NULL REFERENCES seekers(id),
                        enrollment_id INTEGER NOT NULL REFERENCES enrollments(id),
                        amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
                        purpose TEXT NOT NULL,
                        status INTEGER NOT NULL,
                        referred_at INTEGER NOT NULL,
                        note TEXT NOT NULL DEFAULT ''
                    );
                    CREATE INDEX loan_referrals_by_seeker ON loan_referrals(seeker_id, id);
                    """)
        }
        EmploymentSpellsMigration.register(&migrations)
        EmploymentHouseholdsMigration.register(&migrations)
        return migrations
    }
}
