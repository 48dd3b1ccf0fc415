import Domain
import Foundation
import GRDB
import SecurityContract

/// Emergency plans and drills in SQL. Every function runs inside the caller's transaction.
public enum EmergencyPlanStore {
    static let columns = "id, community_code, kind, title, approved_on, drills, last_drill_on"

    public static func insert(_ db: Database, _ plan: EmergencyPlanRecord) throws -> Int64 {
        try db.execute(
            sql: "INSERT INTO emergency_plans(community_code, kind, title, approved_on) VALUES (?, ?, ?, ?)",
            arguments: [plan.community.rawValue, plan.kind.rawValue, plan.title, plan.approvedOn.description])
        return db.lastInsertedRowID
    }

    public static func addDrill(_ db: Database, planID: Int64, heldOn: LocalDate, participants: Int, note: String) throws {
        try db.execute(
            sql: "INSERT INTO drills(plan_id, held_on, participants, note) VALUES (?, ?, ?, ?)", arguments: [planID, heldOn.description, participants, note])
        try db.execute(
            sql: """
                UPDATE emergency_plans SET drills = drills + 1,
                    last_drill_on = CASE WHEN last_drill_on IS NULL OR last_drill_on < ? THEN ? ELSE last_drill_on END
                WHERE id = ?
                """, arguments: [heldOn.description, heldOn.description, planID])
    }

    public static func find(_ db: Database, id: Int64) throws -> EmergencyPlanRecord? {
        try Row.fetchOne(db, sql: "SELECT \(columns) FROM emergency_plans WHERE id = ?", arguments: [id]).map { row in
            let lastDrill: String? = row[6]
            return EmergencyPlanRecord(
                id: row[0], community: try CommunityCode(row[1] as String), kind: Security.EmergencyKind(wireValue: row[2]), title: row[3],
                approvedOn: try LocalDate(iso: row[4]), drills: row[5], lastDrillOn: try lastDrill.map { try LocalDate(iso: $0) })
        }
    }

    /// Per community with plans: the newest approval and the latest drill of any of its plans.
    public static func preparedness(_ db: Database) throws -> [String: (newestPlan: LocalDate, lastDrill: LocalDate?)] {
        var result: [String: (newestPlan: LocalDate, lastDrill: LocalDate?)] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT community_code, MAX(approved_on), MAX(last_drill_on) FROM emergency_plans GROUP BY community_code") {
            let lastDrill: String? = row[2]
            result[row[0]] = (try LocalDate(iso: row[1]), try lastDrill.map { try LocalDate(iso: $0) })
        }
        return result
    }
}
