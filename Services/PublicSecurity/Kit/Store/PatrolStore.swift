import DepartmentKit
import Domain
import Foundation
import GRDB

/// Patrols in SQL. Every function runs inside the caller's transaction.
public enum PatrolStore {
    public static func insert(_ db: Database, _ patrol: PatrolRecord) throws -> Int64 {
        try db.execute(
            sql: "INSERT INTO patrols(community_code, route, team, started_at, ended_at, note) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [
                patrol.community.rawValue, patrol.route, Tags.join(patrol.team), patrol.startedAt.unixMilliseconds, patrol.endedAt.unixMilliseconds,
                patrol.note,
            ])
        return db.lastInsertedRowID
    }

    public static func find(_ db: Database, id: Int64) throws -> PatrolRecord? {
        try Row.fetchOne(db, sql: "SELECT id, community_code, route, team, started_at, ended_at, note FROM patrols WHERE id = ?", arguments: [id]).map(record)
    }

    /// A page of a community's patrols, newest first, before `beforeID` (0: from the newest).
    public static func list(_ db: Database, community: CommunityCode, beforeID: Int64, limit: Int) throws -> [PatrolRecord] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT id, community_code, route, team, started_at, ended_at, note FROM patrols
                WHERE community_code = ? AND (? = 0 OR id < ?) ORDER BY id DESC LIMIT ?
                """, arguments: [community.rawValue, beforeID, beforeID, limit]
        ).map(record)
    }

    static func record(_ row: Row) throws -> PatrolRecord {
        PatrolRecord(
            id: row[0], community: try CommunityCode(row[1] as String), route: row[2], team: Tags.split(row[3]), startedAt: Date(unixMilliseconds: row[4]),
            endedAt: Date(unixMilliseconds: row[5]), note: row[6])
    }
}
