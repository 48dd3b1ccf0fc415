import Domain
import Foundation
import GRDB

/// Recorded chronic disease follow-ups (随访) in SQL.
enum FollowUpStore {
    static func insert(_ db: Database, _ followUp: ChronicFollowUp) throws -> Int64 {
        try db.execute(
            sql: """
                INSERT INTO follow_ups(enrolment_id, date, systolic, diastolic, glucose_tenths, controlled, notes, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                followUp.enrolmentID, followUp.date.description, followUp.measurements.systolic, followUp.measurements.diastolic,
                followUp.measurements.glucoseTenths, followUp.controlled, followUp.notes, followUp.recordedAt.unixMilliseconds,
            ])
        return db.lastInsertedRowID
    }

    static func find(_ db: Database, id: Int64) throws -> ChronicFollowUp? {
        try Row.fetchOne(
            db, sql: "SELECT id, enrolment_id, date, systolic, diastolic, glucose_tenths, controlled, notes, recorded_at FROM follow_ups WHERE id = ?",
            arguments: [id]
        ).map { row in
            ChronicFollowUp(
                id: row[0], enrolmentID: row[1], date: try ResidentColumns.date(row[2]),
                measurements: Measurements(systolic: row[3], diastolic: row[4], glucoseTenths: row[5]), controlled: row[6], notes: row[7],
                recordedAt: Date(unixMilliseconds: row[8]))
        }
    }
}
