import Domain
import EmploymentContract
import Foundation
import GRDB

/// Zero-employment households (零就业家庭) in SQL: after every write that changes a member's
/// spell, `refresh` reclassifies the member's household from its members (an index read) and
/// moves the community's counters when it becomes or stops being zero-employment. Every function
/// runs inside the caller's transaction.
public enum HouseholdStore {
    /// SQL over seekers `s` joined with their current spell `p`: the member has work.
    static let works = "(s.status = \(Employment.SeekerStatus.placed.rawValue) OR p.end_reason = \(Employment.SpellEnd.selfEmployed.rawValue))"
    /// …the member is without work (waiting, or withdrawn saying neither work nor departure).
    static let withoutWork = """
        (s.status = \(Employment.SeekerStatus.waiting.rawValue) OR (s.status = \(Employment.SeekerStatus.withdrawn.rawValue) \
        AND p.end_reason IN (\(Employment.SpellEnd.noLongerSeeking.rawValue), \(Employment.SpellEnd.other.rawValue))))
        """

    /// A household on the list.
    public struct ZeroHousehold: Sendable, Equatable {
        public var householdID: String
        public var zeroSince: Date
        public var seekerIDs: [Int64]
        /// The members' ID numbers: for the call's audit report, never sent.
        public var residents: [String]
    }

    /// Reclassifies `householdID` of `community` at `now` (nothing for an empty household id).
    public static func refresh(_ db: Database, community: CommunityCode, householdID: String, now: Date) throws {
        guard !householdID.isEmpty else { return }
        let row = try Row.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT COALESCE(SUM(\(works)), 0), COALESCE(SUM(\(withoutWork)), 0)
                    FROM seekers s JOIN spells p ON p.id = s.spell_id WHERE s.community_code = ? AND s.household_id = ?
                    """), arguments: [community.rawValue, householdID])
        let working: Int = row?[0] ?? 0, without: Int = row?[1] ?? 0
        let zero = working == 0 && without > 0
        let stored = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT zero_since FROM households WHERE community_code = ? AND household_id = ?"),
            arguments: [community.rawValue, householdID])
        let wasZero = (stored?[0] as Int64?) != nil
        switch (wasZero, zero) {
        case (false, true):
            try db.execute(
                sql: """
                    INSERT INTO households(community_code, household_id, zero_since) VALUES (?, ?, ?)
                    ON CONFLICT(community_code, household_id) DO UPDATE SET zero_since = excluded.zero_since
                    """, arguments: [community.rawValue, householdID, now.unixMilliseconds])
            try FigureStore.apply(db, community: community, .householdBecameZero)
        case (true, false):
            let cleared = working > 0
            try db.execute(
                sql:
                    "UPDATE households SET zero_since = NULL, cleared_at = CASE WHEN ? THEN ? ELSE cleared_at END WHERE community_code = ? AND household_id = ?",
                arguments: [cleared, now.unixMilliseconds, community.rawValue, householdID])
            try FigureStore.apply(db, community: community, .householdLeftZero(cleared: cleared))
        default:
            return
        }
    }

    /// Classifies every household from the seekers as they stand (after a bulk load such as the
    /// demo data, which writes seekers without `refresh`): zero-employment ones since their
    /// earliest member without work registered; the counters follow.
    public static func rebuild(_ db: Database) throws {
        try db.execute(
            sql: """
                DELETE FROM households;
                INSERT INTO households(community_code, household_id, zero_since)
                SELECT s.community_code, s.household_id,
                       CASE WHEN SUM(\(works)) = 0 AND SUM(\(withoutWork)) > 0 THEN MIN(CASE WHEN \(withoutWork) THEN s.registered_at END) END
                FROM seekers s JOIN spells p ON p.id = s.spell_id
                WHERE s.household_id != ''
                GROUP BY s.community_code, s.household_id;
                UPDATE community_figures SET zero_households =
                    (SELECT COUNT(*) FROM households h WHERE h.community_code = community_figures.community_code AND h.zero_since IS NOT NULL);
                """)
    }

    /// Households of `community` cleared since `since`.
    public static func cleared(_ db: Database, community: CommunityCode, since: Date) throws -> Int {
        try Int.fetchOne(
            db.cachedStatement(sql: "SELECT COUNT(*) FROM households WHERE community_code = ? AND cleared_at >= ?"),
            arguments: [community.rawValue, since.unixMilliseconds]) ?? 0
    }

    /// A page of the zero-employment households, longest without work first, after the keyset
    /// position (zero_since, household_id), with their members without work.
    public static func zeroPage(_ db: Database, community: CommunityCode, after: (since: Int64, household: String)?, limit: Int) throws
        -> [ZeroHousehold]
    {
        var sql = "SELECT household_id, zero_since FROM households WHERE community_code = ? AND zero_since IS NOT NULL"
        var arguments: StatementArguments = [community.rawValue]
        if let after {
            sql += " AND (zero_since, household_id) > (?, ?)"
            arguments += [after.since, after.household]
        }
        let rows = try Row.fetchAll(db, sql: sql + " ORDER BY zero_since, household_id LIMIT ?", arguments: arguments + [limit])
        let members = try db.cachedStatement(
            sql: """
                SELECT s.id, s.id_number FROM seekers s JOIN spells p ON p.id = s.spell_id
                WHERE s.community_code = ? AND s.household_id = ? AND \(withoutWork) ORDER BY s.id LIMIT 50
                """)
        return try rows.map { row in
            let household: String = row[0]
            let found = try Row.fetchAll(members, arguments: [community.rawValue, household])
            return ZeroHousehold(
                householdID: household, zeroSince: Date(unixMilliseconds: row[1]), seekerIDs: found.map { $0[0] }, residents: found.map { $0[1] })
        }
    }
}
