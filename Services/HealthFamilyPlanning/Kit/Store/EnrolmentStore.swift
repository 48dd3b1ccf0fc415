import Domain
import GRDB

/// Chronic disease enrolments and their follow-ups in SQL. Every function runs inside the
/// caller's transaction.
enum EnrolmentStore {
    /// The columns `enrolment(_:)` reads, in the order it reads them (`e.` is the enrolments table).
    static let columns =
        "e.id, e.record_id, e.programme_code, e.community_code, e.grid_code, e.interval_days, e.enrolled_on, e.next_due, e.last_follow_up, e.follow_ups, e.last_controlled"

    static func insert(_ db: Database, _ enrolment: ChronicEnrolment) throws -> Int64 {
        try db.execute(
            sql: """
                INSERT INTO enrolments(record_id, programme_code, community_code, grid_code, interval_days, enrolled_on, next_due)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                enrolment.recordID, enrolment.programme, enrolment.community.rawValue, enrolment.grid.rawValue, enrolment.intervalDays,
                enrolment.enrolledOn.description, enrolment.nextDue.description,
            ])
        return db.lastInsertedRowID
    }

    /// Writes the schedule an enrolment has after a follow-up.
    static func updateSchedule(_ db: Database, _ enrolment: ChronicEnrolment) throws {
        try db.execute(
            sql: "UPDATE enrolments SET next_due = ?, last_follow_up = ?, follow_ups = ?, last_controlled = ? WHERE id = ?",
            arguments: [
                enrolment.nextDue.description, enrolment.lastFollowUp?.description, enrolment.followUps, enrolment.lastControlled, enrolment.id,
            ])
    }

    static func find(_ db: Database, id: Int64) throws -> ChronicEnrolment? {
        try Row.fetchOne(try db.cachedStatement(sql: "SELECT \(columns) FROM enrolments e WHERE e.id = ?"), arguments: [id]).map(enrolment)
    }

    /// Whether the record is enrolled in `programme` (nil: in any programme).
    static func exists(_ db: Database, recordID: Int64, programme: String? = nil) throws -> Bool {
        guard let programme else {
            return try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM enrolments WHERE record_id = ?)", arguments: [recordID]) ?? false
        }
        return try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM enrolments WHERE record_id = ? AND programme_code = ?)", arguments: [recordID, programme]) ?? false
    }

    /// An overdue enrolment with the resident it belongs to.
    struct Overdue: Sendable {
        let enrolment: ChronicEnrolment
        let idNumber: ResidentIdentityNumber
        let name: String
    }

    /// A page of the enrolments of a grid (or, without one, a community) due before `today`, most
    /// overdue first (by due date, then id), after the keyset position `after`.
    static func overdue(
        _ db: Database, community: CommunityCode, grid: GridCode?, programme: String?, today: LocalDate, after: (due: String, id: Int64)?, limit: Int
    ) throws -> [Overdue] {
        var sql = "SELECT \(columns), r.id_number, r.name FROM enrolments e JOIN records r ON r.id = e.record_id WHERE "
        var arguments: StatementArguments = []
        if let grid {
            sql += "e.grid_code = ?"
            arguments += [grid.rawValue]
        } else {
            sql += "e.community_code = ?"
            arguments += [community.rawValue]
        }
        sql += " AND e.next_due < ?"
        arguments += [today.description]
        if let programme {
            sql += " AND e.programme_code = ?"
            arguments += [programme]
        }
        if let after {
            sql += " AND (e.next_due, e.id) > (?, ?)"
            arguments += [after.due, after.id]
        }
        sql += " ORDER BY e.next_due, e.id LIMIT ?"
        arguments += [limit]
        return try Array(
            Row.fetchCursor(try db.cachedStatement(sql: sql), arguments: arguments).map { row in
                Overdue(enrolment: try enrolment(row), idNumber: try ResidentIdentityNumber(stored: row[11] as String), name: row[12])
            })
    }

    /// The control rate's counts for one programme in one community on `today`.
    static func controlCounts(_ db: Database, programme: String, community: CommunityCode, today: LocalDate) throws -> ControlRate {
        let row = try Row.fetchOne(
            db,
            sql: """
                SELECT COUNT(*), COUNT(*) FILTER (WHERE follow_ups > 0), COUNT(*) FILTER (WHERE follow_ups > 0 AND last_controlled = 1),
                       COUNT(*) FILTER (WHERE next_due < ?)
                FROM enrolments WHERE programme_code = ? AND community_code = ?
                """, arguments: [today.description, programme, community.rawValue])
        return ControlRate(enrolled: row?[0] ?? 0, followedUp: row?[1] ?? 0, controlled: row?[2] ?? 0, overdue: row?[3] ?? 0)
    }

    /// Reads a row selected with `columns`, by position.
    static func enrolment(_ row: Row) throws -> ChronicEnrolment {
        let community = try ResidentColumns.community(row[3])
        let last: String? = row[8]
        return ChronicEnrolment(
            id: row[0], recordID: row[1], programme: row[2], community: community, grid: try ResidentColumns.grid(row[4], in: community),
            intervalDays: row[5], enrolledOn: try ResidentColumns.date(row[6]), nextDue: try ResidentColumns.date(row[7]),
            lastFollowUp: try last.map(ResidentColumns.date), followUps: row[9], lastControlled: row[10])
    }
}
