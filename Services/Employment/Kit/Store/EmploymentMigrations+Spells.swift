import GRDB
import Storage

/// Migration employment-v2: spells of unemployment, offers, recognitions of employment
/// difficulty, and per-community counters, so that a person can come back, figures count spells
/// and stay honest, and the community figures are read without scanning the register.
///
/// Rows of employment-v1 become one spell each: a waiting seeker an open spell (promise deadline
/// registration + 48 h, the policy of the time), a placed one a spell ended by its placement
/// (promise outcome as it was recorded then), a withdrawn one a spell ended "other" with the
/// free-text reason as its note (when they withdrew was not recorded: the registration time
/// stands in). Categories recorded as hardship do not become recognitions: staff recognise anew.
enum EmploymentSpellsMigration {
    static func register(_ migrations: inout Migrations) {
        migrations.register("employment-v2-spells") { db in
            try db.execute(sql: schema)
            try db.execute(sql: backfill)
        }
    }

    static let schema = """
        CREATE TABLE spells (
            id INTEGER PRIMARY KEY,
            seeker_id INTEGER NOT NULL REFERENCES seekers(id),
            number INTEGER NOT NULL,
            community_code TEXT NOT NULL,
            opened_at INTEGER NOT NULL,
            promise_deadline INTEGER,
            promise_state INTEGER NOT NULL,
            closed_at INTEGER,
            end_reason INTEGER NOT NULL DEFAULT 0,
            end_note TEXT NOT NULL DEFAULT '',
            start_date TEXT,
            offers_refused INTEGER NOT NULL DEFAULT 0,
            UNIQUE (seeker_id, number)
        );
        CREATE INDEX spells_open ON spells(community_code, closed_at, opened_at);
        CREATE INDEX spells_promises ON spells(community_code, promise_state, promise_deadline, id);
        CREATE INDEX spells_ended ON spells(community_code, end_reason, closed_at);
        CREATE INDEX spells_opened ON spells(community_code, opened_at, number);
        ALTER TABLE seekers ADD COLUMN spell_id INTEGER REFERENCES spells(id);
        ALTER TABLE seekers ADD COLUMN household_id TEXT NOT NULL DEFAULT '';
        ALTER TABLE seekers ADD COLUMN recognition_id INTEGER;
        ALTER TABLE seekers ADD COLUMN hardship INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX seekers_match ON seekers(status, hardship DESC, registered_at, id);
        CREATE INDEX seekers_match_near ON seekers(community_code, status, hardship DESC, registered_at, id);
        CREATE INDEX seekers_by_household ON seekers(community_code, household_id) WHERE household_id != '';
        CREATE TABLE hardship_recognitions (
            id INTEGER PRIMARY KEY,
            seeker_id INTEGER NOT NULL REFERENCES seekers(id),
            ground INTEGER NOT NULL,
            evidence TEXT NOT NULL,
            decided_by TEXT NOT NULL,
            decided_at INTEGER NOT NULL,
            valid_until TEXT NOT NULL,
            revoked_at INTEGER,
            revoked_by TEXT,
            revoke_reason TEXT
        );
        CREATE INDEX hardship_recognitions_by_seeker ON hardship_recognitions(seeker_id, id);
        CREATE TABLE offers (
            id INTEGER PRIMARY KEY,
            seeker_id INTEGER NOT NULL REFERENCES seekers(id),
            spell_id INTEGER NOT NULL REFERENCES spells(id),
            vacancy_id INTEGER NOT NULL REFERENCES vacancies(id),
            offered_on TEXT NOT NULL,
            outcome INTEGER NOT NULL,
            suitable INTEGER NOT NULL,
            reason TEXT NOT NULL,
            recorded_at INTEGER NOT NULL,
            released_promise INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX offers_by_seeker ON offers(seeker_id, id);
        CREATE TABLE placements_v2 (
            id INTEGER PRIMARY KEY,
            seeker_id INTEGER NOT NULL REFERENCES seekers(id),
            spell_id INTEGER REFERENCES spells(id),
            vacancy_id INTEGER NOT NULL REFERENCES vacancies(id),
            community_code TEXT NOT NULL,
            start_date TEXT NOT NULL,
            placed_at INTEGER NOT NULL,
            promise_kept INTEGER NOT NULL,
            UNIQUE (spell_id)
        );
        CREATE TABLE community_figures (
            community_code TEXT PRIMARY KEY NOT NULL,
            spells_opened INTEGER NOT NULL DEFAULT 0,
            spells_open INTEGER NOT NULL DEFAULT 0,
            promises_open INTEGER NOT NULL DEFAULT 0,
            promises_kept INTEGER NOT NULL DEFAULT 0,
            promises_broken INTEGER NOT NULL DEFAULT 0,
            promises_released INTEGER NOT NULL DEFAULT 0
        ) WITHOUT ROWID;
        """

    static let backfill = """
        INSERT INTO spells(id, seeker_id, number, community_code, opened_at, promise_deadline, promise_state, closed_at, end_reason, end_note, start_date)
        SELECT s.id, s.id, 1, s.community_code, s.registered_at,
               CASE WHEN s.accepts_promise THEN s.registered_at + 48 * 3600000 END,
               CASE WHEN NOT s.accepts_promise THEN 0
                    WHEN s.status = 1 THEN 1
                    WHEN s.status = 2 THEN CASE WHEN p.promise_kept THEN 2 ELSE 3 END
                    ELSE 5 END,
               CASE WHEN s.status = 2 THEN s.placed_at WHEN s.status = 3 THEN s.registered_at END,
               CASE WHEN s.status = 2 THEN 1 WHEN s.status = 3 THEN 6 ELSE 0 END,
               CASE WHEN s.status = 3 THEN s.withdrawn_reason ELSE '' END,
               p.start_date
        FROM seekers s LEFT JOIN placements p ON p.seeker_id = s.id;
        UPDATE seekers SET spell_id = id;
        INSERT INTO placements_v2(id, seeker_id, spell_id, vacancy_id, community_code, start_date, placed_at, promise_kept)
        SELECT id, seeker_id, seeker_id, vacancy_id, community_code, start_date, placed_at, promise_kept FROM placements;
        DROP TABLE placements;
        ALTER TABLE placements_v2 RENAME TO placements;
        CREATE INDEX placements_by_community ON placements(community_code, placed_at);
        CREATE INDEX placements_by_seeker ON placements(seeker_id, id);
        INSERT INTO community_figures(community_code, spells_opened, spells_open, promises_open, promises_kept, promises_broken, promises_released)
        SELECT community_code, COUNT(*), COUNT(*) FILTER (WHERE closed_at IS NULL), COUNT(*) FILTER (WHERE promise_state = 1),
               COUNT(*) FILTER (WHERE promise_state = 2), COUNT(*) FILTER (WHERE promise_state = 3), 0
        FROM spells GROUP BY community_code;
        """
}
