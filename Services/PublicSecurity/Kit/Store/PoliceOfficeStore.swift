import Domain
import Foundation
import GRDB

/// Community police offices and their officers in SQL. Every function runs inside the caller's transaction.
public enum PoliceOfficeStore {
    public static func insert(_ db: Database, _ office: PoliceOfficeRecord) throws {
        try db.execute(
            sql: "INSERT INTO police_offices(community_code, address, phone, opened_at) VALUES (?, ?, ?, ?)",
            arguments: [office.community.rawValue, office.address, office.phone, office.openedAt.unixMilliseconds])
    }

    public static func find(_ db: Database, community: CommunityCode) throws -> PoliceOfficeRecord? {
        try Row.fetchOne(
            db, sql: "SELECT community_code, address, phone, opened_at FROM police_offices WHERE community_code = ?", arguments: [community.rawValue]
        )
        .map { row in
            PoliceOfficeRecord(community: try CommunityCode(row[0] as String), address: row[1], phone: row[2], openedAt: Date(unixMilliseconds: row[3]))
        }
    }

    public static func officers(_ db: Database, community: CommunityCode) throws -> [OfficerRecord] {
        try Row.fetchAll(
            db, sql: "SELECT officer_id, community_code, name, phone, assigned_on FROM officers WHERE community_code = ? ORDER BY assigned_on, officer_id",
            arguments: [community.rawValue]
        ).map(officer)
    }

    /// The community the officer serves, if any.
    public static func community(_ db: Database, officerID: String) throws -> CommunityCode? {
        try String.fetchOne(db, sql: "SELECT community_code FROM officers WHERE officer_id = ?", arguments: [officerID]).map { try CommunityCode($0) }
    }

    public static func assign(_ db: Database, _ officer: OfficerRecord) throws {
        try db.execute(
            sql: "INSERT INTO officers(officer_id, community_code, name, phone, assigned_on) VALUES (?, ?, ?, ?, ?)",
            arguments: [officer.officerID, officer.community.rawValue, officer.name, officer.phone, officer.assignedOn.description])
    }

    public static func remove(_ db: Database, officerID: String) throws {
        try db.execute(sql: "DELETE FROM officers WHERE officer_id = ?", arguments: [officerID])
    }

    /// Officers per community, for every community with an office (0 when it has none assigned).
    public static func staffing(_ db: Database) throws -> [String: Int] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT p.community_code, COUNT(o.officer_id) FROM police_offices p LEFT JOIN officers o ON o.community_code = p.community_code
                GROUP BY p.community_code
                """)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0[0], $0[1]) })
    }

    static func officer(_ row: Row) throws -> OfficerRecord {
        OfficerRecord(officerID: row[0], community: try CommunityCode(row[1] as String), name: row[2], phone: row[3], assignedOn: try LocalDate(iso: row[4]))
    }
}
