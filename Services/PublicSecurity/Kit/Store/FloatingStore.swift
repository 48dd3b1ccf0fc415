import DepartmentKit
import Domain
import Foundation
import GRDB
import SecurityContract

/// Floating-population registrations in SQL. Every function runs inside the caller's transaction.
public enum FloatingStore {
    static let columns =
        "id, id_number, name, origin_division_code, community_code, grid_code, address, landlord, arrival_date, expected_stay_days, status, departure_date, phone, registered_at"

    public static func insert(_ db: Database, _ record: FloatingResidentRecord) throws -> Int64 {
        try db.cachedStatement(
            sql: """
                INSERT INTO floating_residents(id_number, name, origin_division_code, community_code, grid_code, address, landlord, arrival_date,
                    expected_stay_days, status, departure_date, phone, registered_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            record.idNumber.rawValue, record.name, record.origin.rawValue, record.community.rawValue, record.grid.rawValue, record.address,
            record.landlord, record.arrivalDate.description, record.expectedStayDays, record.status.rawValue, record.departureDate?.description,
            record.phone, record.registeredAt.unixMilliseconds,
        ])
        return db.lastInsertedRowID
    }

    /// Writes the changeable details and the status of `record` (by id).
    public static func update(_ db: Database, _ record: FloatingResidentRecord) throws {
        try db.execute(
            sql: """
                UPDATE floating_residents SET grid_code = ?, address = ?, landlord = ?, expected_stay_days = ?, phone = ?, status = ?, departure_date = ?
                WHERE id = ?
                """,
            arguments: [
                record.grid.rawValue, record.address, record.landlord, record.expectedStayDays, record.phone, record.status.rawValue,
                record.departureDate?.description, record.id,
            ])
    }

    public static func find(_ db: Database, id: Int64) throws -> FloatingResidentRecord? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT \(columns) FROM floating_residents WHERE id = ?"), arguments: [id]).map(record)
    }

    /// The resident's latest registration.
    public static func latest(_ db: Database, idNumber: ResidentIdentityNumber) throws -> FloatingResidentRecord? {
        try Row.fetchOne(
            db.cachedStatement(sql: "SELECT \(columns) FROM floating_residents WHERE id_number = ? ORDER BY id DESC LIMIT 1"), arguments: [idNumber.rawValue]
        ).map(record)
    }

    /// Whether the resident has a registration residing now.
    public static func isResiding(_ db: Database, idNumber: ResidentIdentityNumber) throws -> Bool {
        try Bool.fetchOne(
            db.cachedStatement(sql: "SELECT EXISTS(SELECT 1 FROM floating_residents WHERE id_number = ? AND status = ?)"),
            arguments: [idNumber.rawValue, Security.ResidenceStatus.residing.rawValue]) ?? false
    }

    /// The resident's registrations, oldest first (their stays, for the residence-permit rule).
    public static func all(_ db: Database, idNumber: ResidentIdentityNumber, limit: Int = 1000) throws -> [FloatingResidentRecord] {
        try Row.fetchAll(
            db.cachedStatement(sql: "SELECT \(columns) FROM floating_residents WHERE id_number = ? ORDER BY id LIMIT ?"),
            arguments: [idNumber.rawValue, limit]
        ).map(record)
    }

    /// A page of registrations of a community (or one of its grids) in id order after `afterID`.
    public static func list(
        _ db: Database, community: CommunityCode, grid: GridCode?, status: Security.ResidenceStatus?, afterID: Int64, limit: Int
    ) throws -> [FloatingResidentRecord] {
        var sql = "SELECT \(columns) FROM floating_residents WHERE "
        var arguments: StatementArguments
        if let grid {
            sql += "grid_code = ?"
            arguments = [grid.rawValue]
        } else {
            sql += "community_code = ?"
            arguments = [community.rawValue]
        }
        if let status {
            sql += " AND status = ?"
            arguments += [status.rawValue]
        }
        sql += " AND id > ? ORDER BY id LIMIT ?"
        arguments += [afterID, limit]
        return try Array(Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments).map(record))
    }

    /// Registrations residing and departed per community (one community, or all with registrations).
    public static func counts(_ db: Database, community: CommunityCode?) throws -> [(community: String, residing: Int, departed: Int)] {
        let residing = Security.ResidenceStatus.residing.rawValue
        let departed = Security.ResidenceStatus.departed.rawValue
        let select = "SELECT community_code, COUNT(*) FILTER (WHERE status = ?), COUNT(*) FILTER (WHERE status = ?) FROM floating_residents"
        let rows =
            if let community {
                try Row.fetchAll(db, sql: select + " WHERE community_code = ? GROUP BY community_code", arguments: [residing, departed, community.rawValue])
            } else {
                try Row.fetchAll(db, sql: select + " GROUP BY community_code ORDER BY community_code", arguments: [residing, departed])
            }
        return rows.map { ($0[0], $0[1], $0[2]) }
    }

    /// Reads a row selected with `columns`, by position.
    static func record(_ row: Row) throws -> FloatingResidentRecord {
        let departure: String? = row[11]
        return FloatingResidentRecord(
            id: row[0], idNumber: try ResidentIdentityNumber(stored: row[1]), name: row[2], origin: try DivisionCode(row[3] as String),
            community: try CommunityCode(row[4] as String), grid: try GridCode(row[5] as String), address: row[6], landlord: row[7],
            arrivalDate: try LocalDate(iso: row[8]), expectedStayDays: row[9], status: Security.ResidenceStatus(wireValue: row[10]),
            departureDate: try departure.map { try LocalDate(iso: $0) }, phone: row[12], registeredAt: Date(unixMilliseconds: row[13]))
    }
}
