import DepartmentKit
import Domain
import Foundation
import GRDB

/// Home sickbeds (家庭病床) and their visits in SQL. Every function runs inside the caller's
/// transaction.
enum SickbedStore {
    /// The columns `sickbed(_:)` reads, in the order it reads them.
    static let columns = "id, record_id, community_code, grid_code, reason, opened_on, visits, last_visit, closed_on, outcome"

    static func insert(_ db: Database, _ bed: HomeSickbed) throws -> Int64 {
        try db.execute(
            sql: "INSERT INTO sickbeds(record_id, community_code, grid_code, reason, opened_on) VALUES (?, ?, ?, ?, ?)",
            arguments: [bed.recordID, bed.community.rawValue, bed.grid.rawValue, bed.reason, bed.openedOn.description])
        return db.lastInsertedRowID
    }

    /// Writes what a visit or the closing changed.
    static func update(_ db: Database, _ bed: HomeSickbed) throws {
        try db.execute(
            sql: "UPDATE sickbeds SET visits = ?, last_visit = ?, closed_on = ?, outcome = ? WHERE id = ?",
            arguments: [bed.visits, bed.lastVisit?.description, bed.closedOn?.description, bed.outcome, bed.id])
    }

    static func insertVisit(_ db: Database, sickbed: Int64, date: LocalDate, notes: String, at instant: Date) throws {
        try db.execute(
            sql: "INSERT INTO sickbed_visits(sickbed_id, date, notes, recorded_at) VALUES (?, ?, ?, ?)",
            arguments: [sickbed, date.description, notes, instant.unixMilliseconds])
    }

    static func find(_ db: Database, id: Int64) throws -> HomeSickbed? {
        try Row.fetchOne(try db.cachedStatement(sql: "SELECT \(columns) FROM sickbeds WHERE id = ?"), arguments: [id]).map(sickbed)
    }

    /// The open bed of a record, if any.
    static func open(_ db: Database, recordID: Int64) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT id FROM sickbeds WHERE record_id = ? AND closed_on IS NULL", arguments: [recordID])
    }

    /// A page of the open beds of a community (or grid), in id order, after `afterID`, and how
    /// many are open there in all.
    static func listOpen(_ db: Database, area: ListedArea, afterID: Int64, limit: Int) throws -> (beds: [HomeSickbed], active: Int) {
        let (column, key) = area.grid.map { ("grid_code", $0.rawValue) } ?? ("community_code", area.community.rawValue)
        let beds = try Row.fetchAll(
            try db.cachedStatement(sql: "SELECT \(columns) FROM sickbeds WHERE \(column) = ? AND closed_on IS NULL AND id > ? ORDER BY id LIMIT ?"),
            arguments: [key, afterID, limit]
        ).map(sickbed)
        let active = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sickbeds WHERE \(column) = ? AND closed_on IS NULL", arguments: [key]) ?? 0
        return (beds, active)
    }

    static func sickbed(_ row: Row) throws -> HomeSickbed {
        let community = try ResidentColumns.community(row[2])
        let lastVisit: String? = row[7]
        let closedOn: String? = row[8]
        return HomeSickbed(
            id: row[0], recordID: row[1], community: community, grid: try ResidentColumns.grid(row[3], in: community), reason: row[4],
            openedOn: try ResidentColumns.date(row[5]), visits: row[6], lastVisit: try lastVisit.map(ResidentColumns.date),
            closedOn: try closedOn.map(ResidentColumns.date), outcome: row[9])
    }
}
