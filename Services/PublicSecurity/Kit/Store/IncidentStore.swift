import DepartmentKit
import Domain
import Foundation
import GRDB
import SecurityContract

/// Incidents in SQL. Every function runs inside the caller's transaction.
public enum IncidentStore {
    static let columns = "id, community_code, grid_code, kind, serious, place, occurred_at, handled_at, note, handling_note"

    public static func insert(_ db: Database, _ incident: IncidentRecord) throws -> Int64 {
        try db.execute(
            sql: "INSERT INTO incidents(community_code, grid_code, kind, serious, place, occurred_at, note) VALUES (?, ?, ?, ?, ?, ?, ?)",
            arguments: [
                incident.community.rawValue, incident.grid.rawValue, incident.kind.rawValue, incident.serious, incident.place,
                incident.occurredAt.unixMilliseconds, incident.note,
            ])
        return db.lastInsertedRowID
    }

    public static func markHandled(_ db: Database, id: Int64, at instant: Date, note: String) throws {
        try db.execute(sql: "UPDATE incidents SET handled_at = ?, handling_note = ? WHERE id = ?", arguments: [instant.unixMilliseconds, note, id])
    }

    public static func find(_ db: Database, id: Int64) throws -> IncidentRecord? {
        try Row.fetchOne(db, sql: "SELECT \(columns) FROM incidents WHERE id = ?", arguments: [id]).map(record)
    }

    /// A page of a community's (or grid's) incidents in id order after `afterID`.
    public static func list(_ db: Database, community: CommunityCode, grid: GridCode?, unhandledOnly: Bool, afterID: Int64, limit: Int) throws
        -> [IncidentRecord]
    {
        let (column, key) = grid.map { ("grid_code", $0.rawValue) } ?? ("community_code", community.rawValue)
        let unhandled = unhandledOnly ? " AND handled_at IS NULL" : ""
        return try Row.fetchAll(
            db, sql: "SELECT \(columns) FROM incidents WHERE \(column) = ?\(unhandled) AND id > ? ORDER BY id LIMIT ?", arguments: [key, afterID, limit]
        ).map(record)
    }

    /// Serious incidents per community that occurred at or after `since` (communities with none are absent).
    public static func seriousCounts(_ db: Database, since: Date) throws -> [String: Int] {
        let rows = try Row.fetchAll(
            db, sql: "SELECT community_code, COUNT(*) FROM incidents WHERE serious = 1 AND occurred_at >= ? GROUP BY community_code",
            arguments: [since.unixMilliseconds])
        return Dictionary(uniqueKeysWithValues: rows.map { ($0[0], $0[1]) })
    }

    static func record(_ row: Row) throws -> IncidentRecord {
        let handled: Int64? = row[7]
        return IncidentRecord(
            id: row[0], community: try CommunityCode(row[1] as String), grid: try GridCode(row[2] as String), kind: Security.IncidentKind(wireValue: row[3]),
            serious: row[4], place: row[5], occurredAt: Date(unixMilliseconds: row[6]), handledAt: handled.map(Date.init(unixMilliseconds:)), note: row[8],
            handlingNote: row[9])
    }
}
