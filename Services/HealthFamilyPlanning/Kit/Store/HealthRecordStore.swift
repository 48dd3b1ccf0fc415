import DepartmentKit
import Domain
import Foundation
import GRDB
import HealthContract

/// Health records (健康档案) in SQL. Every function runs inside the caller's transaction.
enum HealthRecordStore {
    /// The columns `record(_:)` reads, in the order it reads them.
    static let columns =
        "id, id_number, name, community_code, grid_code, residence, chronically_ill, disabled, poor, conditions, notes, created_at, updated_at"

    static func insert(_ db: Database, _ record: ResidentHealthRecord) throws -> Int64 {
        try db.cachedStatement(
            sql: """
                INSERT INTO records(id_number, name, community_code, grid_code, residence, chronically_ill, disabled, poor, conditions, notes, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            record.idNumber.rawValue, record.name, record.community.rawValue, record.grid.rawValue, record.residence.rawValue,
            record.chronicallyIll, record.disabled, record.poor, Tags.join(record.conditions), record.notes,
            record.createdAt.unixMilliseconds, record.updatedAt.unixMilliseconds,
        ])
        return db.lastInsertedRowID
    }

    /// Replaces the changeable columns; the record's enrolments, sickbeds and family-planning file
    /// follow it to its new grid.
    static func update(_ db: Database, _ record: ResidentHealthRecord) throws {
        try db.execute(
            sql: """
                UPDATE records SET grid_code = ?, residence = ?, chronically_ill = ?, disabled = ?, poor = ?, conditions = ?, notes = ?, updated_at = ?
                WHERE id = ?
                """,
            arguments: [
                record.grid.rawValue, record.residence.rawValue, record.chronicallyIll, record.disabled, record.poor,
                Tags.join(record.conditions), record.notes, record.updatedAt.unixMilliseconds, record.id,
            ])
        for table in ["enrolments", "sickbeds", "family_planning_files"] {
            try db.execute(sql: "UPDATE \(table) SET grid_code = ? WHERE record_id = ?", arguments: [record.grid.rawValue, record.id])
        }
    }

    /// Marks the record chronically ill (on enrolment in a chronic disease programme).
    static func markChronicallyIll(_ db: Database, id: Int64, at instant: Date) throws {
        try db.execute(
            sql: "UPDATE records SET chronically_ill = 1, updated_at = ? WHERE id = ? AND chronically_ill = 0",
            arguments: [instant.unixMilliseconds, id])
    }

    static func find(_ db: Database, id: Int64) throws -> ResidentHealthRecord? {
        try Row.fetchOne(try db.cachedStatement(sql: "SELECT \(columns) FROM records WHERE id = ?"), arguments: [id]).map(record)
    }

    static func find(_ db: Database, idNumber: String) throws -> ResidentHealthRecord? {
        try Row.fetchOne(try db.cachedStatement(sql: "SELECT \(columns) FROM records WHERE id_number = ?"), arguments: [idNumber]).map(record)
    }

    /// A page of a community's (or one grid's) records, in id order, after `afterID`.
    static func list(_ db: Database, community: CommunityCode, grid: GridCode?, afterID: Int64, limit: Int) throws -> [ResidentHealthRecord] {
        let statement =
            grid == nil
            ? try db.cachedStatement(sql: "SELECT \(columns) FROM records WHERE community_code = ? AND id > ? ORDER BY id LIMIT ?")
            : try db.cachedStatement(sql: "SELECT \(columns) FROM records WHERE grid_code = ? AND id > ? ORDER BY id LIMIT ?")
        let key = grid?.rawValue ?? community.rawValue
        return try Array(Row.fetchCursor(statement, arguments: [key, afterID, limit]).map(record))
    }

    /// Reads a row selected with `columns`, by position.
    static func record(_ row: Row) throws -> ResidentHealthRecord {
        let community = try ResidentColumns.community(row[3])
        return ResidentHealthRecord(
            id: row[0], idNumber: try ResidentIdentityNumber(stored: row[1] as String), name: row[2], community: community,
            grid: try ResidentColumns.grid(row[4], in: community), residence: Health.ResidenceKind(rawValue: row[5]) ?? .unspecified,
            chronicallyIll: row[6], disabled: row[7], poor: row[8], conditions: Tags.split(row[9]), notes: row[10],
            createdAt: Date(unixMilliseconds: row[11]), updatedAt: Date(unixMilliseconds: row[12]))
    }
}

extension HealthRecordStore {
    /// The ID numbers of the residents whose records have these ids (for the audit report).
    static func idNumbers(_ db: Database, recordIDs: [Int64]) throws -> [String] {
        guard !recordIDs.isEmpty else { return [] }
        let marks = Array(repeating: "?", count: recordIDs.count).joined(separator: ",")
        return try String.fetchAll(db, sql: "SELECT id_number FROM records WHERE id IN (\(marks))", arguments: StatementArguments(recordIDs))
    }
}
