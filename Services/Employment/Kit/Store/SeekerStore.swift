import DepartmentKit
import Domain
import EmploymentContract
import Foundation
import GRDB

/// Job seekers in SQL. Every function runs inside the caller's transaction.
public enum SeekerStore {
    /// The columns `record(_:)` reads, in the order it reads them: the seeker (`s`), the current
    /// spell (`p`) and the latest recognition (`r`), as joined by `from`.
    static let columns = """
        s.id, s.id_number, s.name, s.community_code, s.grid_code, s.category, s.skills, s.wishes, s.accepts_promise, s.status, \
        s.registered_at, s.placed_at, s.placed_vacancy_id, s.phone, s.household_id, \
        p.id, p.number, p.promise_deadline, p.promise_state, p.closed_at, p.end_reason, p.end_note, p.start_date, p.offers_refused, \
        r.id, r.ground, r.evidence, r.decided_by, r.decided_at, r.valid_until, r.revoked_at
        """
    /// The latest recognition of the seeker `s`.
    static let recognitionJoin = "LEFT JOIN hardship_recognitions r ON r.id = s.recognition_id"
    /// Seekers with their current spell and latest recognition.
    static let from = "seekers s LEFT JOIN spells p ON p.id = s.spell_id \(recognitionJoin)"

    /// Inserts a new person with their first spell (opened at `registeredAt`).
    public static func insert(_ db: Database, _ seeker: JobSeekerRecord) throws -> Int64 {
        try db.cachedStatement(
            sql: """
                INSERT INTO seekers(id_number, name, community_code, grid_code, category, skills, wishes, accepts_promise, status, registered_at, phone, household_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            seeker.idNumber.rawValue, seeker.name, seeker.community.rawValue, seeker.grid.rawValue, seeker.category.rawValue,
            Tags.join(seeker.skills), seeker.wishes, seeker.acceptsPromise, seeker.status.rawValue,
            seeker.registeredAt.unixMilliseconds, seeker.phone, seeker.householdID,
        ])
        let id = db.lastInsertedRowID
        try insertSkills(db, seekerID: id, skills: seeker.skills)
        try SpellStore.open(
            db, seekerID: id, number: 1, community: seeker.community, openedAt: seeker.registeredAt, promiseDeadline: seeker.spell.promiseDeadline)
        return id
    }

    /// A returning person (再就业): their details as registered now, and a new spell.
    public static func reopen(_ db: Database, _ seeker: JobSeekerRecord) throws {
        try db.execute(
            sql: """
                UPDATE seekers SET name = ?, community_code = ?, grid_code = ?, category = ?, skills = ?, wishes = ?, accepts_promise = ?,
                    status = ?, registered_at = ?, placed_at = NULL, placed_vacancy_id = NULL, phone = ?, household_id = ?
                WHERE id = ?
                """,
            arguments: [
                seeker.name, seeker.community.rawValue, seeker.grid.rawValue, seeker.category.rawValue, Tags.join(seeker.skills), seeker.wishes,
                seeker.acceptsPromise, Employment.SeekerStatus.waiting.rawValue, seeker.registeredAt.unixMilliseconds, seeker.phone,
                seeker.householdID, seeker.id,
            ])
        try replaceSkills(db, seekerID: seeker.id, skills: seeker.skills)
        try SpellStore.open(
            db, seekerID: seeker.id, number: seeker.spell.number, community: seeker.community, openedAt: seeker.registeredAt,
            promiseDeadline: seeker.spell.promiseDeadline)
    }

    public static func update(_ db: Database, _ seeker: JobSeekerRecord) throws {
        try db.execute(
            sql: """
                UPDATE seekers SET grid_code = ?, category = ?, skills = ?, wishes = ?, phone = ?, status = ?, placed_at = ?, placed_vacancy_id = ?,
                    household_id = ?
                WHERE id = ?
                """,
            arguments: [
                seeker.grid.rawValue, seeker.category.rawValue, Tags.join(seeker.skills), seeker.wishes, seeker.phone,
                seeker.status.rawValue, seeker.placedAt?.unixMilliseconds, seeker.placedVacancyID, seeker.householdID, seeker.id,
            ])
        try replaceSkills(db, seekerID: seeker.id, skills: seeker.skills)
    }

    /// Ends the seeker's current spell otherwise than by a placement.
    public static func withdraw(_ db: Database, _ seeker: JobSeekerRecord, at: Date, end: Employment.SpellEnd, note: String, outcome: PromiseOutcome) throws {
        try db.execute(sql: "UPDATE seekers SET status = ? WHERE id = ?", arguments: [Employment.SeekerStatus.withdrawn.rawValue, seeker.id])
        try SpellStore.close(db, seeker, at: at, end: end, note: note, startDate: nil, outcome: outcome)
    }

    /// Makes `recognitionID` the seeker's latest recognition; `active` while it is not revoked
    /// (expiry is checked when read, against the day).
    public static func setRecognition(_ db: Database, seekerID: Int64, recognitionID: Int64, active: Bool) throws {
        try db.execute(
            sql: "UPDATE seekers SET recognition_id = ?, hardship = ? WHERE id = ?", arguments: [recognitionID, active ? 1 : 0, seekerID])
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
        try Row.fetchOne(try db.cachedStatement(sql: "SELECT \(columns) FROM \(from) WHERE s.id = ?"), arguments: [id]).map(record)
    }

    public static func find(_ db: Database, idNumber: String) throws -> JobSeekerRecord? {
        try Row.fetchOne(db, sql: "SELECT \(columns) FROM \(from) WHERE s.id_number = ?", arguments: [idNumber]).map(record)
    }

    /// A page of seekers of a community (or one of its grids), in id order, after `afterID`.
    public static func list(_ db: Database, community: CommunityCode, grid: GridCode?, status: Employment.SeekerStatus?, afterID: Int64, limit: Int) throws
        -> [JobSeekerRecord]
    {
        var sql: String
        var arguments: StatementArguments
        if let grid {
            sql = "SELECT \(columns) FROM \(from) WHERE s.grid_code = ? AND s.id > ?"
            arguments = [grid.rawValue, afterID]
            if let status {
                sql += " AND s.status = ?"
                arguments += [status.rawValue]
            }
        } else if let status {
            sql = "SELECT \(columns) FROM \(from) WHERE s.community_code = ? AND s.status = ? AND s.id > ?"
            arguments = [community.rawValue, status.rawValue, afterID]
        } else {
            sql = "SELECT \(columns) FROM \(from) WHERE s.community_code = ? AND s.id > ?"
            arguments = [community.rawValue, afterID]
        }
        // A cached statement and a cursor: no SQL parsing and no row copies per page.
        let statement = try db.cachedStatement(sql: sql + " ORDER BY s.id LIMIT ?")
        return try Array(Row.fetchCursor(statement, arguments: arguments + [limit]).map(record))
    }

    /// Waiting seekers in the order matching considers them — recognised hardship first, then
    /// longest wait — who have at least one of `skills`, topped up (when that finds fewer than
    /// `limit`) with waiting seekers of `community` in the same order. Both reads walk an index
    /// in that order (`seekers_match`, `seekers_match_near`), so the bound drops the newest
    /// non-hardship seekers and never the ones the office must help first.
    public static func candidates(_ db: Database, skills: [String], community: CommunityCode, hardshipOnly: Bool, limit: Int) throws -> [JobSeekerRecord] {
        var found: [JobSeekerRecord] = []
        var seen: Set<Int64> = []
        let hardshipFilter = hardshipOnly ? " AND s.hardship = 1" : ""
        let waiting = Employment.SeekerStatus.waiting.rawValue
        if !skills.isEmpty {
            let marks = Array(repeating: "?", count: skills.count).joined(separator: ",")
            let statement = try db.cachedStatement(
                sql: """
                    SELECT \(columns) FROM \(from)
                    WHERE s.status = ?\(hardshipFilter)
                      AND EXISTS (SELECT 1 FROM seeker_skills k WHERE k.skill IN (\(marks)) AND k.seeker_id = s.id)
                    ORDER BY s.hardship DESC, s.registered_at, s.id LIMIT ?
                    """)
            for row in try Row.fetchAll(statement, arguments: [waiting] + StatementArguments(skills) + [limit]) {
                let candidate = try record(row)
                found.append(candidate)
                seen.insert(candidate.id)
            }
        }
        if found.count < limit {
            let statement = try db.cachedStatement(
                sql: """
                    SELECT \(columns) FROM \(from)
                    WHERE s.community_code = ? AND s.status = ?\(hardshipFilter)
                    ORDER BY s.hardship DESC, s.registered_at, s.id LIMIT ?
                    """)
            for row in try Row.fetchAll(statement, arguments: [community.rawValue, waiting, limit]) where found.count < limit {
                let candidate = try record(row)
                if seen.insert(candidate.id).inserted { found.append(candidate) }
            }
        }
        return found
    }

    /// Reads a row selected with `columns`, by position (by-name lookups cost more than the
    /// rest of the row on a list page).
    static func record(_ row: Row) throws -> JobSeekerRecord {
        let placedAt: Int64? = row[11]
        let community = try CommunityCode(row[3] as String)
        let gridText: String = row[4]
        // The grid was validated against its community when written; only its number is read.
        let gridNumber = gridText.utf8.suffix(3).reduce(0) { $0 * 10 + Int($1) - 48 }
        let deadline: Int64? = row[17], closedAt: Int64? = row[19], startDate: String? = row[22]
        var record = JobSeekerRecord(
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
        record.householdID = row[14]
        record.spell = SpellState(
            id: row[15] ?? 0, number: row[16] ?? 1, promiseDeadline: deadline.map(Date.init(unixMilliseconds:)),
            promise: PromiseOutcome(rawValue: row[18] ?? 0) ?? .none, closedAt: closedAt.map(Date.init(unixMilliseconds:)),
            end: Employment.SpellEnd(rawValue: row[20] ?? 0) ?? .unspecified, endNote: row[21] ?? "",
            startDate: try startDate.map { try LocalDate(iso: $0) }, offersRefused: row[23] ?? 0)
        if let recognitionID: Int64 = row[24] {
            let revokedAt: Int64? = row[30]
            record.recognition = HardshipRecognitionRecord(
                id: recognitionID, ground: Employment.HardshipGround(rawValue: row[25]) ?? .other, evidence: row[26], decidedBy: row[27],
                decidedAt: Date(unixMilliseconds: row[28]), validUntil: try LocalDate(iso: row[29]),
                revokedAt: revokedAt.map(Date.init(unixMilliseconds:)))
        }
        return record
    }
}
