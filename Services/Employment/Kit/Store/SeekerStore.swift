import DepartmentKit
import Domain
import EmploymentContract
import Foundation
import GRDB

/// Job seekers in SQL. Every function runs inside the caller's transaction.
public enum SeekerStore {
    /// The columns `record(_:)` reads, in the order it reads them.
    static let columns =
        "id, id_number, name, community_code, grid_code, category, skills, wishes, accepts_promise, status, registered_at, placed_at, placed_vacancy_id, phone"
    static let prefixedColumns = columns.split(separator: ",").map { "s." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")

    public static func insert(_ db: Database, _ seeker: JobSeekerRecord) throws -> Int64 {
        try db.cachedStatement(
            sql: """
                INSERT INTO seekers(id_number, name, community_code, grid_code, category, skills, wishes, accepts_promise, status, registered_at, phone)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            seeker.idNumber.rawValue, seeker.name, seeker.community.rawValue, seeker.grid.rawValue, seeker.category.rawValue,
            Tags.join(seeker.skills), seeker.wishes, seeker.acceptsPromise, seeker.status.rawValue,
            seeker.registeredAt.unixMilliseconds, seeker.phone,
        ])
        let id = db.lastInsertedRowID
        try insertSkills(db, seekerID: id, skills: seeker.skills)
        return id
    }

    public static func update(_ db: Database, _ seeker: JobSeekerRecord) throws {
        try db.execute(
            sql: """
                UPDATE seekers SET grid_code = ?, category = ?, skills = ?, wishes = ?, phone = ?, status = ?, placed_at = ?, placed_vacancy_id = ?
                WHERE id = ?
                """,
            arguments: [
                seeker.grid.rawValue, seeker.category.rawValue, Tags.join(seeker.skills), seeker.wishes, seeker.phone,
                seeker.status.rawValue, seeker.placedAt?.unixMilliseconds, seeker.placedVacancyID, seeker.id,
            ])
        try replaceSkills(db, seekerID: seeker.id, skills: seeker.skills)
    }

    public static func withdraw(_ db: Database, id: Int64, reason: String) throws {
        try db.execute(
            sql: "UPDATE seekers SET status = ?, withdrawn_reason = ? WHERE id = ?", arguments: [Employment.SeekerStatus.withdrawn.rawValue, reason, id])
    }

    private static func replaceSkills(_ db: Database, seekerID: Int64, skills: [String]) throws {
        try db.cachedStatement(sql: "DELETE FROM seeker_skills WHERE seeker_id = ?").execute(arguments: [seekerID])
        try insertSkills(db, seekerID: seekerID, skills: skills)
    }

    private static func insertSkills(_ db: Database, seekerID: Int64, skills: [String]) throws {
        let statement = try db.cachedStatement(sql: "INSERT OR IGNORE INTO seeker_skills(skill, seeker_id) VALUES (?, ?)")
        for skill in skills { try statement.execute(arguments: [skill, seekerID]) }
    }

    public static func find(_ db: Database, id: Int64) throws -> JobSeekerRecord? {
        try Row.fetchOne(try db.cachedStatement(sql: "SELECT \(columns) FROM seekers WHERE id = ?"), arguments: [id]).map(record)
    }

    public static func find(_ db: Database, idNumber: String) throws -> JobSeekerRecord? {
        try Row.fetchOne(db, sql: "SELECT \(columns) FROM seekers WHERE id_number = ?", arguments: [idNumber]).map(record)
    }

    /// A page of seekers of a community (or one of its grids), in id order, after `afterID`.
    public static func list(_ db: Database, community: CommunityCode, grid: GridCode?, status: Employment.SeekerStatus?, afterID: Int64, limit: Int) throws
        -> [JobSeekerRecord]
    {
        var sql: String
        var arguments: StatementArguments
        if let grid {
            sql = "SELECT \(columns) FROM seekers WHERE grid_code = ? AND id > ?"
            arguments = [grid.rawValue, afterID]
            if let status {
                sql += " AND status = ?"
                arguments += [status.rawValue]
            }
        } else if let status {
            sql = "SELECT \(columns) FROM seekers WHERE community_code = ? AND status = ? AND id > ?"
            arguments = [community.rawValue, status.rawValue, afterID]
        } else {
            sql = "SELECT \(columns) FROM seekers WHERE community_code = ? AND id > ?"
            arguments = [community.rawValue, afterID]
        }
        // A cached statement and a cursor: no SQL parsing and no row copies per page.
        let statement = try db.cachedStatement(sql: sql + " ORDER BY id LIMIT ?")
        return try Array(Row.fetchCursor(statement, arguments: arguments + [limit]).map(record))
    }

    /// Waiting seekers who have at least one of `skills`, or — when that finds fewer than
    /// `limit` — any waiting seekers near `community`; bounded by `limit`.
    public static func candidates(_ db: Database, skills: [String], community: CommunityCode, hardshipOnly: Bool, limit: Int) throws -> [JobSeekerRecord] {
        var found: [Int64: JobSeekerRecord] = [:]
        let hardship = Employment.SeekerCategory.allCases.filter(\.isHardship).map { String($0.rawValue) }.joined(separator: ",")
        let categoryFilter = hardshipOnly ? " AND s.category IN (\(hardship))" : ""
        if !skills.isEmpty {
            let marks = Array(repeating: "?", count: skills.count).joined(separator: ",")
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT \(prefixedColumns)
                    FROM seeker_skills k JOIN seekers s ON s.id = k.seeker_id
                    WHERE k.skill IN (\(marks)) AND s.status = ?\(categoryFilter)
                    LIMIT ?
                    """, arguments: StatementArguments(skills) + [Employment.SeekerStatus.waiting.rawValue, limit])
            for row in rows { let r = try record(row); found[r.id] = r }
        }
        if found.count < limit {
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT \(columns) FROM seekers s WHERE community_code = ? AND status = ?\(categoryFilter) ORDER BY id LIMIT ?
                    """, arguments: [community.rawValue, Employment.SeekerStatus.waiting.rawValue, limit - found.count])
            for row in rows { let r = try record(row); found[r.id] = r }
        }
        return Array(found.values)
    }

    /// Seekers of a community who accepted the 48-hour promise and are waiting or placed.
    public static func promiseHolders(_ db: Database, community: CommunityCode) throws -> [JobSeekerRecord] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT \(columns) FROM seekers WHERE community_code = ? AND accepts_promise = 1 AND status IN (?, ?) ORDER BY registered_at
                """, arguments: [community.rawValue, Employment.SeekerStatus.waiting.rawValue, Employment.SeekerStatus.placed.rawValue]
        ).map(record)
    }

    /// Counts for the community status: registered (not withdrawn), waiting, and when the
    /// longest-waiting seeker registered.
    public static func counts(_ db: Database, community: CommunityCode) throws -> (registered: Int, waiting: Int, oldestWaiting: Date?) {
        let row = try Row.fetchOne(
            db,
            sql: """
                SELECT COUNT(*) FILTER (WHERE status != ?) AS registered,
                       COUNT(*) FILTER (WHERE status = ?) AS waiting,
                       MIN(registered_at) FILTER (WHERE status = ?) AS oldest
                FROM seekers WHERE community_code = ?
                """,
            arguments: [
                Employment.SeekerStatus.withdrawn.rawValue, Employment.SeekerStatus.waiting.rawValue, Employment.SeekerStatus.waiting.rawValue,
                community.rawValue,
            ])!
        let oldest: Int64? = row["oldest"]
        return (row["registered"], row["waiting"], oldest.map(Date.init(unixMilliseconds:)))
    }

    /// Reads a row selected with `columns`, by position (by-name lookups cost more than the
    /// rest of the row on a list page).
    static func record(_ row: Row) throws -> JobSeekerRecord {
        let placedAt: Int64? = row[11]
        let community = try CommunityCode(row[3] as String)
        let gridText: String = row[4]
        // The grid was validated against its community when written; only its number is read.
        let gridNumber = gridText.utf8.suffix(3).reduce(0) { $0 * 10 + Int($1) - 48 }
        return JobSeekerRecord(
            id: row[0],
            idNumber: try ResidentIdentityNumber(stored: row[1] as String),
            name: row[2],
            community: community,
            grid: try GridCode(community: community, number: gridNumber),
            category: Employment.SeekerCategory(rawValue: row[5]) ?? .other,
            skills: Tags.split(row[6]),
            wishes: row[7],
            acceptsPromise: row[8],
            status: Employment.SeekerStatus(rawValue: row[9]) ?? .unspecified,
            registeredAt: Date(unixMilliseconds: row[10]),
            placedAt: placedAt.map(Date.init(unixMilliseconds:)),
            placedVacancyID: row[12],
            phone: row[13])
    }
}
