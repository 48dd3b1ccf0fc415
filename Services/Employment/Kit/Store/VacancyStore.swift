import DepartmentKit
import Domain
import EmploymentContract
import Foundation
import GRDB

/// Vacancies in SQL. Every function runs inside the caller's transaction.
public enum VacancyStore {
    static let columns = "id, kind, title, employer, community_code, positions, filled, required_skills, wage_fen, location, status, posted_at"

    public static func insert(_ db: Database, _ vacancy: VacancyRecord) throws -> Int64 {
        try db.execute(
            sql: """
                INSERT INTO vacancies(kind, title, employer, community_code, positions, filled, required_skills, wage_fen, location, status, posted_at)
                VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)
                """,
            arguments: [
                vacancy.kind.rawValue, vacancy.title, vacancy.employer, vacancy.community.rawValue, vacancy.positions,
                Tags.join(vacancy.requiredSkills), vacancy.wage.rawValue, vacancy.location, vacancy.status.rawValue,
                vacancy.postedAt.unixMilliseconds,
            ])
        return db.lastInsertedRowID
    }

    public static func update(_ db: Database, _ vacancy: VacancyRecord) throws {
        try db.execute(
            sql: """
                UPDATE vacancies SET title = ?, positions = ?, filled = ?, required_skills = ?, wage_fen = ?, location = ?, status = ? WHERE id = ?
                """,
            arguments: [
                vacancy.title, vacancy.positions, vacancy.filled, Tags.join(vacancy.requiredSkills), vacancy.wage.rawValue,
                vacancy.location, vacancy.status.rawValue, vacancy.id,
            ])
    }

    public static func find(_ db: Database, id: Int64) throws -> VacancyRecord? {
        try Row.fetchOne(db, sql: "SELECT \(columns) FROM vacancies WHERE id = ?", arguments: [id]).map(record)
    }

    public static func list(
        _ db: Database, community: CommunityCode?, status: Employment.VacancyStatus?, kind: Employment.VacancyKind?, afterID: Int64, limit: Int
    ) throws -> [VacancyRecord] {
        var conditions = ["id > ?"]
        var arguments: StatementArguments = [afterID]
        if let community { conditions.append("community_code = ?"); arguments += [community.rawValue] }
        if let status { conditions.append("status = ?"); arguments += [status.rawValue] }
        if let kind { conditions.append("kind = ?"); arguments += [kind.rawValue] }
        return try Row.fetchAll(
            db, sql: "SELECT \(columns) FROM vacancies WHERE \(conditions.joined(separator: " AND ")) ORDER BY id LIMIT ?",
            arguments: arguments + [limit]
        ).map(record)
    }

    /// Every open vacancy with room (matching ranks them all; an office has thousands at most).
    public static func open(_ db: Database, limit: Int) throws -> [VacancyRecord] {
        try Row.fetchAll(
            db, sql: "SELECT \(columns) FROM vacancies WHERE status = ? AND filled < positions ORDER BY id LIMIT ?",
            arguments: [Employment.VacancyStatus.open.rawValue, limit]
        ).map(record)
    }

    static func record(_ row: Row) throws -> VacancyRecord {
        VacancyRecord(
            id: row["id"], kind: Employment.VacancyKind(rawValue: row["kind"]) ?? .unspecified, title: row["title"], employer: row["employer"],
            community: try CommunityCode(row["community_code"] as String), positions: row["positions"], filled: row["filled"],
            requiredSkills: Tags.split(row["required_skills"]), wage: Fen(row["wage_fen"] as Int64), location: row["location"],
            status: Employment.VacancyStatus(rawValue: row["status"]) ?? .unspecified, postedAt: Date(unixMilliseconds: row["posted_at"]))
    }
}
