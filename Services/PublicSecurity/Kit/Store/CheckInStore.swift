import DepartmentKit
import Domain
import Foundation
import GRDB
import SecurityContract

/// Check-ins (报到) in SQL. Every function runs inside the caller's transaction.
public enum CheckInStore {
    public static func insert(_ db: Database, _ checkIn: CheckInRecord) throws -> Int64 {
        try db.execute(
            sql: "INSERT INTO check_ins(case_id, date, outcome, note, recorded_at) VALUES (?, ?, ?, ?, ?)",
            arguments: [checkIn.caseID, checkIn.date.description, checkIn.outcome.rawValue, checkIn.note, checkIn.recordedAt.unixMilliseconds])
        return db.lastInsertedRowID
    }

    public static func find(_ db: Database, id: Int64) throws -> CheckInRecord? {
        try Row.fetchOne(db, sql: "SELECT id, case_id, date, outcome, note, recorded_at FROM check_ins WHERE id = ?", arguments: [id]).map(record)
    }

    /// A page of a case's check-ins, newest first (by date, then id), after the position `after`.
    public static func list(_ db: Database, caseID: Int64, after: (date: String, id: Int64)?, limit: Int) throws -> [CheckInRecord] {
        if let after {
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT id, case_id, date, outcome, note, recorded_at FROM check_ins
                    WHERE case_id = ? AND (date < ? OR (date = ? AND id < ?)) ORDER BY date DESC, id DESC LIMIT ?
                    """, arguments: [caseID, after.date, after.date, after.id, limit]
            ).map(record)
        }
        return try Row.fetchAll(
            db, sql: "SELECT id, case_id, date, outcome, note, recorded_at FROM check_ins WHERE case_id = ? ORDER BY date DESC, id DESC LIMIT ?",
            arguments: [caseID, limit]
        ).map(record)
    }

    /// The dates of the check-ins that keep a period (present, late, excused) of each case.
    public static func keptDates(_ db: Database, caseIDs: [Int64]) throws -> [Int64: [LocalDate]] {
        guard !caseIDs.isEmpty else { return [:] }
        let keeping = Security.CheckInOutcome.allCases.filter(\.keepsPeriod).map { String($0.rawValue) }.joined(separator: ",")
        let marks = Array(repeating: "?", count: caseIDs.count).joined(separator: ",")
        var dates: [Int64: [LocalDate]] = [:]
        let rows = try Row.fetchCursor(
            db, sql: "SELECT case_id, date FROM check_ins WHERE case_id IN (\(marks)) AND outcome IN (\(keeping))",
            arguments: StatementArguments(caseIDs))
        while let row = try rows.next() {
            dates[row[0], default: []].append(try LocalDate(iso: row[1]))
        }
        return dates
    }

    static func record(_ row: Row) throws -> CheckInRecord {
        CheckInRecord(
            id: row[0], caseID: row[1], date: try LocalDate(iso: row[2]), outcome: Security.CheckInOutcome(wireValue: row[3]), note: row[4],
            recordedAt: Date(unixMilliseconds: row[5]))
    }
}
