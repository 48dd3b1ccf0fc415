import AssistanceContract
import DepartmentKit
import Domain
import Foundation
import GRDB

/// Special groups with their care, and care doorbell alarms, in SQL.
package enum CareStore {
    /// A resident registered in a special group.
    package struct Record: Sendable, Equatable {
        package var id: Int64
        package var idNumber: ResidentIdentityNumber
        package var name: String
        package var group: Assistance.SpecialGroup
        package var community: CommunityCode
        package var grid: GridCode
        package var address: String
        package var care: String
        package var hasDoorbell: Bool
        package var registeredAt: Date
    }

    /// An alarm with the home it came from.
    package struct Alarm: Sendable, Equatable {
        package var id: Int64
        package var home: Record
        package var raisedAt: Date
        package var acknowledgedAt: Date?
        package var acknowledgedBy: String
        package var note: String
    }

    package static func insert(_ db: Database, _ record: Record) throws -> Int64 {
        try db.cachedStatement(
            sql: """
                INSERT INTO special_care(id_number, name, care_group, community_code, grid_code, address, care, has_doorbell, registered_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            record.idNumber.rawValue, record.name, record.group.rawValue, record.community.rawValue, record.grid.rawValue, record.address, record.care,
            record.hasDoorbell, record.registeredAt.unixMilliseconds,
        ])
        return db.lastInsertedRowID
    }

    package static func exists(_ db: Database, idNumber: ResidentIdentityNumber, group: Assistance.SpecialGroup) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM special_care WHERE id_number = ? AND care_group = ?", arguments: [idNumber.rawValue, group.rawValue])
            ?? false
    }

    package static func find(_ db: Database, id: Int64) throws -> Record? {
        try Row.fetchOne(try db.cachedStatement(sql: "SELECT \(columns) FROM special_care WHERE id = ?"), arguments: [id]).map(record)
    }

    package static func list(
        _ db: Database, community: CommunityCode, grid: GridCode?, group: Assistance.SpecialGroup?, afterID: Int64, limit: Int
    ) throws -> [Record] {
        var sql = grid == nil ? "SELECT \(columns) FROM special_care WHERE community_code = ?" : "SELECT \(columns) FROM special_care WHERE grid_code = ?"
        var arguments: StatementArguments = [grid?.rawValue ?? community.rawValue]
        if let group {
            sql += " AND care_group = ?"
            arguments += [group.rawValue]
        }
        return try Row.fetchAll(try db.cachedStatement(sql: sql + " AND id > ? ORDER BY id LIMIT ?"), arguments: arguments + [afterID, limit]).map(record)
    }

    package static func raise(_ db: Database, _ home: Record, at: Date) throws -> Int64 {
        try db.cachedStatement(sql: "INSERT INTO alarms(care_id, community_code, grid_code, raised_at) VALUES (?, ?, ?, ?)")
            .execute(arguments: [home.id, home.community.rawValue, home.grid.rawValue, at.unixMilliseconds])
        return db.lastInsertedRowID
    }

    package static func acknowledge(_ db: Database, id: Int64, by: String, note: String, at: Date) throws {
        try db.cachedStatement(sql: "UPDATE alarms SET acknowledged_at = ?, acknowledged_by = ?, note = ? WHERE id = ?")
            .execute(arguments: [at.unixMilliseconds, by, note, id])
    }

    package static func alarm(_ db: Database, id: Int64) throws -> Alarm? {
        try Row.fetchOne(
            try db.cachedStatement(sql: "SELECT \(alarmColumns) FROM alarms a JOIN special_care c ON c.id = a.care_id WHERE a.id = ?"), arguments: [id]
        )
        .map(alarm)
    }

    /// A community's open alarms (raised before `raisedBefore` when given: the escalated ones),
    /// limited to `grids` when given, in id order after `afterID`.
    package static func openAlarms(
        _ db: Database, community: CommunityCode, raisedBefore: Date?, grids: Set<String>?, afterID: Int64, limit: Int
    ) throws -> [Alarm] {
        var sql = "SELECT \(alarmColumns) FROM alarms a JOIN special_care c ON c.id = a.care_id WHERE a.community_code = ? AND a.acknowledged_at IS NULL"
        var arguments: StatementArguments = [community.rawValue]
        if let raisedBefore {
            sql += " AND a.raised_at < ?"
            arguments += [raisedBefore.unixMilliseconds]
        }
        if let grids {
            sql += " AND a.grid_code IN (\(Array(repeating: "?", count: grids.count).joined(separator: ",")))"
            arguments += StatementArguments(grids.sorted())
        }
        return try Row.fetchAll(db, sql: sql + " AND a.id > ? ORDER BY a.id LIMIT ?", arguments: arguments + [afterID, limit]).map(alarm)
    }

    /// Registered residents and open alarms of a community.
    package static func counts(_ db: Database, community: CommunityCode) throws -> (care: Int, openAlarms: Int) {
        let care = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM special_care WHERE community_code = ?", arguments: [community.rawValue]) ?? 0
        let open =
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM alarms WHERE community_code = ? AND acknowledged_at IS NULL", arguments: [community.rawValue]) ?? 0
        return (care, open)
    }

    static let columns = "id, id_number, name, care_group, community_code, grid_code, address, care, has_doorbell, registered_at"
    static let alarmColumns =
        "c.id, c.id_number, c.name, c.care_group, c.community_code, c.grid_code, c.address, c.care, c.has_doorbell, c.registered_at, a.id, a.raised_at, a.acknowledged_at, a.acknowledged_by, a.note"

    static func record(_ row: Row) throws -> Record {
        Record(
            id: row[0], idNumber: try ResidentIdentityNumber(stored: row[1] as String), name: row[2],
            group: Assistance.SpecialGroup(rawValue: row[3]) ?? .unspecified, community: try CommunityCode(row[4] as String),
            grid: try GridCode(row[5] as String), address: row[6], care: row[7], hasDoorbell: row[8], registeredAt: Date(unixMilliseconds: row[9]))
    }

    static func alarm(_ row: Row) throws -> Alarm {
        let acknowledged: Int64? = row[12]
        return Alarm(
            id: row[10], home: try record(row), raisedAt: Date(unixMilliseconds: row[11]), acknowledgedAt: acknowledged.map(Date.init(unixMilliseconds:)),
            acknowledgedBy: row[13], note: row[14])
    }
}
