import AssistanceContract
import DepartmentKit
import Domain
import Foundation
import GRDB

/// Volunteers (志愿者), pairings (结对帮扶) and visits (定期走访), in SQL.
package enum VolunteerStore {
    /// A registered volunteer.
    package struct Record: Sendable, Equatable {
        package var id: Int64
        package var idNumber: ResidentIdentityNumber
        package var name: String
        package var community: CommunityCode
        package var registeredAt: Date
    }

    package static func insert(_ db: Database, _ volunteer: Record) throws -> Int64 {
        try db.cachedStatement(sql: "INSERT INTO volunteers(id_number, name, community_code, registered_at) VALUES (?, ?, ?, ?)")
            .execute(arguments: [volunteer.idNumber.rawValue, volunteer.name, volunteer.community.rawValue, volunteer.registeredAt.unixMilliseconds])
        return db.lastInsertedRowID
    }

    package static func find(_ db: Database, id: Int64) throws -> Record? {
        try Row.fetchOne(try db.cachedStatement(sql: "SELECT id, id_number, name, community_code, registered_at FROM volunteers WHERE id = ?"), arguments: [id])
            .map {
                Record(
                    id: $0[0], idNumber: try ResidentIdentityNumber(stored: $0[1] as String), name: $0[2], community: try CommunityCode($0[3] as String),
                    registeredAt: Date(unixMilliseconds: $0[4]))
            }
    }

    package static func isRegistered(_ db: Database, idNumber: ResidentIdentityNumber) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM volunteers WHERE id_number = ?", arguments: [idNumber.rawValue]) ?? false
    }

    /// Pairs a volunteer with a household; nil when they are paired already.
    package static func pair(_ db: Database, volunteerID: Int64, householdID: Int64, community: CommunityCode, at: Date) throws -> Int64? {
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO pairings(volunteer_id, household_id, community_code, paired_at) VALUES (?, ?, ?, ?)")
            .execute(arguments: [volunteerID, householdID, community.rawValue, at.unixMilliseconds])
        return db.changesCount > 0 ? db.lastInsertedRowID : nil
    }

    package static func pairing(_ db: Database, id: Int64) throws -> (volunteerID: Int64, householdID: Int64, pairedAt: Date)? {
        try Row.fetchOne(db, sql: "SELECT volunteer_id, household_id, paired_at FROM pairings WHERE id = ?", arguments: [id]).map {
            ($0[0], $0[1], Date(unixMilliseconds: $0[2]))
        }
    }

    package static func logVisit(
        _ db: Database, householdID: Int64, volunteerID: Int64?, on day: LocalDate, note: String, recordedBy: String, at: Date
    ) throws -> Int64 {
        try db.cachedStatement(sql: "INSERT INTO visits(household_id, volunteer_id, visited_on, note, recorded_by, at) VALUES (?, ?, ?, ?, ?, ?)")
            .execute(arguments: [householdID, volunteerID, day.description, note, recordedBy, at.unixMilliseconds])
        return db.lastInsertedRowID
    }

    package static func visit(_ db: Database, id: Int64) throws -> (householdID: Int64, volunteerID: Int64?, on: String, note: String, by: String)? {
        try Row.fetchOne(db, sql: "SELECT household_id, volunteer_id, visited_on, note, recorded_by FROM visits WHERE id = ?", arguments: [id]).map {
            ($0[0], $0[1], $0[2], $0[3], $0[4])
        }
    }

    /// A community's volunteers, pairs, households with an active case, and of those the ones
    /// with no visit on or after `since`.
    package static func figures(_ db: Database, community: CommunityCode, since: LocalDate) throws -> (
        volunteers: Int, pairs: Int, hardship: Int, withoutVisit: Int
    ) {
        let code = community.rawValue
        let volunteers = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM volunteers WHERE community_code = ?", arguments: [code]) ?? 0
        let pairs = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM pairings WHERE community_code = ?", arguments: [code]) ?? 0
        let row = try Row.fetchOne(
            db,
            sql: """
                SELECT COUNT(DISTINCT c.household_id),
                       COUNT(DISTINCT c.household_id) FILTER (WHERE NOT EXISTS
                           (SELECT 1 FROM visits v WHERE v.household_id = c.household_id AND v.visited_on >= ?))
                FROM cases c WHERE c.community_code = ? AND c.state = ?
                """, arguments: [since.description, code, Assistance.CaseState.active.rawValue])
        return (volunteers, pairs, row?[0] ?? 0, row?[1] ?? 0)
    }
}
