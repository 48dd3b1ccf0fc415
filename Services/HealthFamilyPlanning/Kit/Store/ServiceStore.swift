import DepartmentKit
import Domain
import GRDB
import HealthContract

/// Service events, facilities and the counts the monthly service count and the coverage report
/// read, in SQL. Every function runs inside the caller's transaction.
enum ServiceStore {
    static func insertEvent(_ db: Database, community: CommunityCode, kind: Health.ServiceKind, date: LocalDate, title: String, people: Int) throws
        -> Int64
    {
        try db.execute(
            sql: "INSERT INTO service_events(community_code, kind, date, title, people_served) VALUES (?, ?, ?, ?, ?)",
            arguments: [community.rawValue, kind.rawValue, date.description, title, people])
        return db.lastInsertedRowID
    }

    static func event(_ db: Database, id: Int64) throws -> Health.ServiceEvent? {
        try Row.fetchOne(db, sql: "SELECT id, community_code, kind, date, title, people_served FROM service_events WHERE id = ?", arguments: [id]).map {
            row in
            Health.ServiceEvent(
                eventId: EntityKind.serviceEvent.format(row[0]), communityCode: row[1], kind: Health.ServiceKind(rawValue: row[2]) ?? .unspecified,
                date: row[3], title: row[4], peopleServed: row[5])
        }
    }

    /// Events and people served per kind in `community` on days `from` ..< `to`.
    static func countsByKind(_ db: Database, community: CommunityCode, from: LocalDate, to: LocalDate) throws -> [Health.ServiceCount] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT kind, COUNT(*), SUM(people_served) FROM service_events
                WHERE community_code = ? AND date >= ? AND date < ? GROUP BY kind ORDER BY kind
                """, arguments: [community.rawValue, from.description, to.description]
        ).map { row in Health.ServiceCount(kind: Health.ServiceKind(rawValue: row[0]) ?? .unspecified, events: row[1], peopleServed: row[2]) }
    }

    /// The individual services the office recorded in `community` on days `from` ..< `to`:
    /// chronic follow-ups, sickbed visits, family-planning visits, contraceptive distributions.
    static func individualServices(_ db: Database, community: CommunityCode, from: LocalDate, to: LocalDate) throws -> [Int] {
        let queries = [
            "SELECT COUNT(*) FROM follow_ups f JOIN enrolments e ON e.id = f.enrolment_id WHERE e.community_code = ? AND f.date >= ? AND f.date < ?",
            "SELECT COUNT(*) FROM sickbed_visits v JOIN sickbeds b ON b.id = v.sickbed_id WHERE b.community_code = ? AND v.date >= ? AND v.date < ?",
            "SELECT COUNT(*) FROM family_planning_visits WHERE community_code = ? AND date >= ? AND date < ?",
            "SELECT COUNT(*) FROM contraceptive_distributions WHERE community_code = ? AND date >= ? AND date < ?",
        ]
        return try queries.map { sql in
            try Int.fetchOne(db, sql: sql, arguments: [community.rawValue, from.description, to.description]) ?? 0
        }
    }

    static func insertFacility(_ db: Database, community: CommunityCode, name: String, kind: Health.FacilityKind) throws -> Int64? {
        try db.execute(
            sql: "INSERT INTO facilities(community_code, name, kind) VALUES (?, ?, ?) ON CONFLICT(community_code, name) DO NOTHING",
            arguments: [community.rawValue, name, kind.rawValue])
        return db.changesCount == 0 ? nil : db.lastInsertedRowID
    }

    static func facility(_ db: Database, id: Int64) throws -> Health.Facility? {
        try Row.fetchOne(db, sql: "SELECT id, community_code, name, kind FROM facilities WHERE id = ?", arguments: [id]).map { row in
            Health.Facility(
                facilityId: EntityKind.facility.format(row[0]), communityCode: row[1], name: row[2], kind: Health.FacilityKind(rawValue: row[3]) ?? .unspecified
            )
        }
    }

    /// The coverage report's counts for `community` on `today` (population and target are the caller's).
    static func coverage(_ db: Database, community: CommunityCode, today: LocalDate, population: Int, residentsPerFacility: Int) throws
        -> CommunityCoverage
    {
        let key = community.rawValue
        let records = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM records WHERE community_code = ?", arguments: [key]) ?? 0
        let enrolments = try Row.fetchOne(
            db, sql: "SELECT COUNT(*), COUNT(*) FILTER (WHERE next_due >= ?) FROM enrolments WHERE community_code = ?", arguments: [today.description, key])
        let facilities = try Row.fetchOne(
            db,
            sql: "SELECT COUNT(*) FILTER (WHERE kind IN (?, ?)), COUNT(*) FILTER (WHERE kind = ?) FROM facilities WHERE community_code = ?",
            arguments: [
                Health.FacilityKind.healthCentre.rawValue, Health.FacilityKind.healthStation.rawValue, Health.FacilityKind.familyPlanningRoom.rawValue, key,
            ])
        return CommunityCoverage(
            population: population, records: records, enrolled: enrolments?[0] ?? 0, onSchedule: enrolments?[1] ?? 0,
            healthFacilities: facilities?[0] ?? 0, familyPlanningRooms: facilities?[1] ?? 0, residentsPerFacility: residentsPerFacility)
    }
}
