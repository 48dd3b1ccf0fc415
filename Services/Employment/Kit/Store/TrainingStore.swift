import DepartmentKit
import Domain
import EmploymentContract
import Foundation
import GRDB

/// Training courses (培训) and enrolments in SQL. Every function runs inside the caller's transaction.
public enum TrainingStore {
    public struct CourseRecord: Sendable, Equatable {
        public var id: Int64
        public var title: String
        public var kind: Employment.CourseKind
        public var skills: [String]
        public var community: CommunityCode
        public var startDate: LocalDate
        public var endDate: LocalDate
        public var capacity: Int
        public var enrolled: Int
    }

    public struct EnrollmentRecord: Sendable, Equatable {
        public var id: Int64
        public var courseID: Int64
        public var seekerID: Int64
        public var status: Employment.EnrollmentStatus
        public var enrolledAt: Date
        public var completedAt: Date?
    }

    public static func insertCourse(_ db: Database, _ course: CourseRecord) throws -> Int64 {
        try db.execute(
            sql: """
                INSERT INTO courses(title, kind, skills, community_code, start_date, end_date, capacity, enrolled) VALUES (?, ?, ?, ?, ?, ?, ?, 0)
                """,
            arguments: [
                course.title, course.kind.rawValue, Tags.join(course.skills), course.community.rawValue,
                course.startDate.description, course.endDate.description, course.capacity,
            ])
        return db.lastInsertedRowID
    }

    public static func course(_ db: Database, id: Int64) throws -> CourseRecord? {
        try GRDB.Row.fetchOne(db, sql: "SELECT * FROM courses WHERE id = ?", arguments: [id]).map(courseRecord)
    }

    public static func courses(_ db: Database, community: CommunityCode?, afterID: Int64, limit: Int) throws -> [CourseRecord] {
        if let community {
            return try GRDB.Row.fetchAll(
                db, sql: "SELECT * FROM courses WHERE community_code = ? AND id > ? ORDER BY id LIMIT ?",
                arguments: [community.rawValue, afterID, limit]
            ).map(courseRecord)
        }
        return try GRDB.Row.fetchAll(db, sql: "SELECT * FROM courses WHERE id > ? ORDER BY id LIMIT ?", arguments: [afterID, limit]).map(courseRecord)
    }

    /// Takes a seat if one is free (conditional update: never over capacity).
    public static func takeSeat(_ db: Database, courseID: Int64) throws -> Bool {
        try db.execute(sql: "UPDATE courses SET enrolled = enrolled + 1 WHERE id = ? AND enrolled < capacity", arguments: [courseID])
        return db.changesCount == 1
    }

    public static func insertEnrollment(_ db: Database, courseID: Int64, seekerID: Int64, at: Date) throws -> Int64 {
        try db.execute(
            sql: "INSERT INTO enrollments(course_id, seeker_id, status, enrolled_at) VALUES (?, ?, ?, ?)",
            arguments: [courseID, seekerID, Employment.EnrollmentStatus.enrolled.rawValue, at.unixMilliseconds])
        return db.lastInsertedRowID
    }

    public static func enrollment(_ db: Database, id: Int64) throws -> EnrollmentRecord? {
        try GRDB.Row.fetchOne(db, sql: "SELECT * FROM enrollments WHERE id = ?", arguments: [id]).map(enrollmentRecord)
    }

    public static func enrollment(_ db: Database, courseID: Int64, seekerID: Int64) throws -> EnrollmentRecord? {
        try GRDB.Row.fetchOne(db, sql: "SELECT * FROM enrollments WHERE course_id = ? AND seeker_id = ?", arguments: [courseID, seekerID]).map(enrollmentRecord)
    }

    public static func complete(_ db: Database, id: Int64, status: Employment.EnrollmentStatus, at: Date) throws {
        try db.execute(sql: "UPDATE enrollments SET status = ?, completed_at = ? WHERE id = ?", arguments: [status.rawValue, at.unixMilliseconds, id])
    }

    /// The seeker's completed start-up training (创业培训), the prerequisite of a loan referral.
    public static func completedStartUpEnrollment(_ db: Database, seekerID: Int64) throws -> Int64? {
        try Int64.fetchOne(
            db,
            sql: """
                SELECT e.id FROM enrollments e JOIN courses c ON c.id = e.course_id
                WHERE e.seeker_id = ? AND e.status = ? AND c.kind = ? ORDER BY e.completed_at DESC LIMIT 1
                """, arguments: [seekerID, Employment.EnrollmentStatus.completed.rawValue, Employment.CourseKind.startUp.rawValue])
    }

    static func courseRecord(_ row: GRDB.Row) throws -> CourseRecord {
        CourseRecord(
            id: row["id"], title: row["title"], kind: Employment.CourseKind(rawValue: row["kind"]) ?? .unspecified, skills: Tags.split(row["skills"]),
            community: try CommunityCode(row["community_code"] as String), startDate: try LocalDate(iso: row["start_date"]),
            endDate: try LocalDate(iso: row["end_date"]), capacity: row["capacity"], enrolled: row["enrolled"])
    }

    static func enrollmentRecord(_ row: GRDB.Row) -> EnrollmentRecord {
        let completed: Int64? = row["completed_at"]
        return EnrollmentRecord(
            id: row["id"], courseID: row["course_id"], seekerID: row["seeker_id"],
            status: Employment.EnrollmentStatus(rawValue: row["status"]) ?? .unspecified,
            enrolledAt: Date(unixMilliseconds: row["enrolled_at"]), completedAt: completed.map(Date.init(unixMilliseconds:)))
    }
}
