import GRDB
import Storage

/// Migration employment-v3: zero-employment households (零就业家庭), services delivered, and the
/// spells opened per community and month as counters (so a month's figures never count rows).
///
/// A household is zero-employment while none of its registered members has work (placed, or
/// self-employed) and at least one is without work (waiting, or withdrawn as no longer seeking
/// or other); members who moved away or died do not count. Existing households are classified
/// from the seekers as they stand, from when their earliest member without work registered.
enum EmploymentHouseholdsMigration {
    static func register(_ migrations: inout Migrations) {
        migrations.register("employment-v3-households") { db in
            try db.execute(sql: schema)
            try db.execute(sql: backfill)
        }
    }

    static let schema = """
        CREATE TABLE households (
            community_code TEXT NOT NULL,
            household_id TEXT NOT NULL,
            zero_since INTEGER,
            cleared_at INTEGER,
            PRIMARY KEY (community_code, household_id)
        ) WITHOUT ROWID;
        CREATE INDEX households_zero ON households(community_code, zero_since, household_id) WHERE zero_since IS NOT NULL;
        CREATE INDEX households_cleared ON households(community_code, cleared_at) WHERE cleared_at IS NOT NULL;
        CREATE TABLE services_delivered (
            id INTEGER PRIMARY KEY,
            community_code TEXT NOT NULL,
            kind INTEGER NOT NULL,
            delivered_on TEXT NOT NULL,
            seeker_id INTEGER REFERENCES seekers(id),
            recorded_by TEXT NOT NULL,
            recorded_at INTEGER NOT NULL
        );
        CREATE INDEX services_by_month ON services_delivered(community_code, delivered_on, kind);
        CREATE TABLE community_months (
            community_code TEXT NOT NULL,
            month TEXT NOT NULL,
            spells_opened INTEGER NOT NULL DEFAULT 0,
            returns INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (community_code, month)
        ) WITHOUT ROWID;
        ALTER TABLE community_figures ADD COLUMN zero_households INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE community_figures ADD COLUMN households_cleared INTEGER NOT NULL DEFAULT 0;
        """

    static let backfill = """
        INSERT INTO community_months(community_code, month, spells_opened, returns)
        SELECT community_code, strftime('%Y-%m', opened_at / 1000 + 8 * 3600, 'unixepoch'), COUNT(*), COUNT(*) FILTER (WHERE number > 1)
        FROM spells GROUP BY 1, 2;
        INSERT INTO households(community_code, household_id, zero_since)
        SELECT s.community_code, s.household_id,
               CASE WHEN SUM(\(HouseholdStore.works)) = 0 AND SUM(\(HouseholdStore.withoutWork)) > 0
                    THEN MIN(CASE WHEN \(HouseholdStore.withoutWork) THEN s.registered_at END) END
        FROM seekers s JOIN spells p ON p.id = s.spell_id
        WHERE s.household_id != ''
        GROUP BY s.community_code, s.household_id;
        INSERT INTO community_figures(community_code) SELECT DISTINCT community_code FROM households WHERE true
        ON CONFLICT(community_code) DO NOTHING;
        UPDATE community_figures SET zero_households =
            (SELECT COUNT(*) FROM households h WHERE h.community_code = community_figures.community_code AND h.zero_since IS NOT NULL);
        """
}
