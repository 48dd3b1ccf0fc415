import DepartmentKit
import Domain
import Foundation
import GRDB
import SecurityContract

/// Rented dwellings and their tenants in SQL. Every function runs inside the caller's transaction.
public enum RentalStore {
    static let columns = "id, community_code, grid_code, address, landlord_name, landlord_id_number, landlord_phone, registered_at"

    public static func insert(_ db: Database, _ record: RentalRecord, tenants: [Int64]) throws -> Int64 {
        try db.execute(
            sql: """
                INSERT INTO rentals(community_code, grid_code, address, landlord_name, landlord_id_number, landlord_phone, registered_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                record.community.rawValue, record.grid.rawValue, record.address, record.landlordName, record.landlordIDNumber.rawValue,
                record.landlordPhone, record.registeredAt.unixMilliseconds,
            ])
        let id = db.lastInsertedRowID
        let statement = try db.cachedStatement(sql: "INSERT INTO rental_tenants(rental_id, registration_id, position) VALUES (?, ?, ?)")
        for (position, tenant) in tenants.enumerated() { try statement.execute(arguments: [id, tenant, position]) }
        return id
    }

    public static func find(_ db: Database, id: Int64) throws -> RentalRecord? {
        try Row.fetchOne(db, sql: "SELECT \(columns) FROM rentals WHERE id = ?", arguments: [id]).map(record)
    }

    /// The tenants' registrations of a dwelling, in the order they were given.
    public static func tenants(_ db: Database, rentalID: Int64) throws -> [FloatingResidentRecord] {
        let prefixed = FloatingStore.columns.split(separator: ",").map { "f." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")
        return try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT \(prefixed) FROM rental_tenants t JOIN floating_residents f ON f.id = t.registration_id
                    WHERE t.rental_id = ? ORDER BY t.position
                    """), arguments: [rentalID]
        ).map(FloatingStore.record)
    }

    /// A page of dwellings of a community (or one of its grids) in id order after `afterID`.
    public static func list(_ db: Database, community: CommunityCode, grid: GridCode?, afterID: Int64, limit: Int) throws -> [RentalRecord] {
        let (column, key) = grid.map { ("grid_code", $0.rawValue) } ?? ("community_code", community.rawValue)
        return try Row.fetchAll(
            db.cachedStatement(sql: "SELECT \(columns) FROM rentals WHERE \(column) = ? AND id > ? ORDER BY id LIMIT ?"), arguments: [key, afterID, limit]
        ).map(record)
    }

    static func record(_ row: Row) throws -> RentalRecord {
        RentalRecord(
            id: row[0], community: try CommunityCode(row[1] as String), grid: try GridCode(row[2] as String), address: row[3], landlordName: row[4],
            landlordIDNumber: try ResidentIdentityNumber(stored: row[5]), landlordPhone: row[6], registeredAt: Date(unixMilliseconds: row[7]))
    }
}
