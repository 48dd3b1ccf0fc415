import DepartmentKit
import Domain
import EmploymentContract
import Foundation
import GRDB

/// Placements (上岗) in SQL. Every function runs inside the caller's transaction.
public enum PlacementStore {
    public struct Row: Sendable, Equatable {
        public var id: Int64
        public var seekerID: Int64
        public var vacancyID: Int64
        public var startDate: LocalDate
        public var placedAt: Date
        public var promiseKept: Bool
    }

    public static func insert(
        _ db: Database, seekerID: Int64, spellID: Int64, vacancyID: Int64, community: CommunityCode, startDate: LocalDate, placedAt: Date,
        promiseKept: Bool
    ) throws -> Int64 {
        try db.execute(
            sql: """
                INSERT INTO placements(seeker_id, spell_id, vacancy_id, community_code, start_date, placed_at, promise_kept) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [seekerID, spellID, vacancyID, community.rawValue, startDate.description, placedAt.unixMilliseconds, promiseKept])
        return db.lastInsertedRowID
    }

    /// The placement with row `id`, if any.
    public static func find(_ db: Database, id: Int64) throws -> Row? {
        try GRDB.Row.fetchOne(db, sql: "SELECT * FROM placements WHERE id = ?", arguments: [id]).map(record)
    }

    /// Takes one position of the vacancy if one is free — a conditional update, so two placements
    /// racing for the last position cannot both succeed. Returns false when none was free.
    public static func takePosition(_ db: Database, vacancyID: Int64) throws -> Bool {
        try db.execute(
            sql: """
                UPDATE vacancies SET filled = filled + 1,
                    status = CASE WHEN filled + 1 >= positions THEN ? ELSE status END
                WHERE id = ? AND status = ? AND filled < positions
                """, arguments: [Employment.VacancyStatus.filled.rawValue, vacancyID, Employment.VacancyStatus.open.rawValue])
        return db.changesCount == 1
    }

    /// Placements of a community since `since`.
    public static func count(_ db: Database, community: CommunityCode, since: Date) throws -> Int {
        try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM placements WHERE community_code = ? AND placed_at >= ?",
            arguments: [community.rawValue, since.unixMilliseconds]) ?? 0
    }

    static func record(_ row: GRDB.Row) throws -> Row {
        Row(
            id: row["id"], seekerID: row["seeker_id"], vacancyID: row["vacancy_id"], startDate: try LocalDate(iso: row["start_date"]),
            placedAt: Date(unixMilliseconds: row["placed_at"]), promiseKept: row["promise_kept"])
    }
}
