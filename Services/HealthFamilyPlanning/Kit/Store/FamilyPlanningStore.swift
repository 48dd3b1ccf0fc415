import DepartmentKit
import Domain
import GRDB
import HealthContract

/// Family-planning files, births, contraceptive distributions and visits in SQL. Every function
/// runs inside the caller's transaction. The residence is the health record's (joined, not copied).
enum FamilyPlanningStore {
    /// The columns `file(_:)` reads, in the order it reads them (`f.` the files, `r.` the records).
    static let columns = """
        f.id, f.record_id, f.community_code, f.grid_code, r.residence, f.contraceptive_method, f.interval_days, f.registered_on,
        f.next_visit_due, f.last_visit, f.visits, f.births
        """
    static let from = "family_planning_files f JOIN records r ON r.id = f.record_id"

    static func insert(_ db: Database, _ file: FamilyPlanningRecord) throws -> Int64 {
        try db.execute(
            sql: """
                INSERT INTO family_planning_files(record_id, community_code, grid_code, contraceptive_method, interval_days, registered_on, next_visit_due)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                file.recordID, file.community.rawValue, file.grid.rawValue, file.contraceptiveMethod, file.intervalDays, file.registeredOn.description,
                file.nextVisitDue.description,
            ])
        return db.lastInsertedRowID
    }

    /// Writes what a visit or a birth changed.
    static func update(_ db: Database, _ file: FamilyPlanningRecord) throws {
        try db.execute(
            sql: "UPDATE family_planning_files SET next_visit_due = ?, last_visit = ?, visits = ?, births = ? WHERE id = ?",
            arguments: [file.nextVisitDue.description, file.lastVisit?.description, file.visits, file.births, file.id])
    }

    static func find(_ db: Database, id: Int64) throws -> FamilyPlanningRecord? {
        try Row.fetchOne(try db.cachedStatement(sql: "SELECT \(columns) FROM \(from) WHERE f.id = ?"), arguments: [id]).map(file)
    }

    static func fileID(_ db: Database, recordID: Int64) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT id FROM family_planning_files WHERE record_id = ?", arguments: [recordID])
    }

    static func insertBirth(_ db: Database, file: Int64, date: LocalDate, sex: Health.ChildSex, order: Int) throws -> Int64 {
        try db.execute(
            sql: "INSERT INTO births(file_id, birth_date, sex, birth_order) VALUES (?, ?, ?, ?)", arguments: [file, date.description, sex.rawValue, order])
        return db.lastInsertedRowID
    }

    static func birth(_ db: Database, id: Int64) throws -> Health.Birth? {
        try Row.fetchOne(db, sql: "SELECT id, file_id, birth_date, sex, birth_order FROM births WHERE id = ?", arguments: [id]).map { row in
            Health.Birth(
                birthId: EntityKind.birth.format(row[0]), fileId: EntityKind.familyPlanningFile.format(row[1]), birthDate: row[2],
                sex: Health.ChildSex(rawValue: row[3]) ?? .unspecified, birthOrder: row[4])
        }
    }

    static func insertDistribution(_ db: Database, file: FamilyPlanningRecord, item: String, quantity: Int, date: LocalDate) throws -> Int64 {
        try db.execute(
            sql: "INSERT INTO contraceptive_distributions(file_id, community_code, item, quantity, date) VALUES (?, ?, ?, ?, ?)",
            arguments: [file.id, file.community.rawValue, item, quantity, date.description])
        return db.lastInsertedRowID
    }

    static func distribution(_ db: Database, id: Int64) throws -> Health.ContraceptiveDistribution? {
        try Row.fetchOne(db, sql: "SELECT id, file_id, item, quantity, date FROM contraceptive_distributions WHERE id = ?", arguments: [id]).map {
            row in
            Health.ContraceptiveDistribution(
                distributionId: EntityKind.distribution.format(row[0]), fileId: EntityKind.familyPlanningFile.format(row[1]), item: row[2],
                quantity: row[3], date: row[4])
        }
    }

    static func insertVisit(_ db: Database, file: FamilyPlanningRecord, date: LocalDate, notes: String) throws {
        try db.execute(
            sql: "INSERT INTO family_planning_visits(file_id, community_code, date, notes) VALUES (?, ?, ?, ?)",
            arguments: [file.id, file.community.rawValue, date.description, notes])
    }

    /// An overdue file with the resident it belongs to.
    struct Overdue: Sendable {
        let file: FamilyPlanningRecord
        let idNumber: ResidentIdentityNumber
        let name: String
    }

    /// A page of the files of a grid (or community) whose visit was due before `today`, most
    /// overdue first, after the keyset position `after`.
    static func overdue(_ db: Database, area: ListedArea, today: LocalDate, after: (due: String, id: Int64)?, limit: Int) throws -> [Overdue] {
        let (column, key) = area.grid.map { ("f.grid_code", $0.rawValue) } ?? ("f.community_code", area.community.rawValue)
        var sql = "SELECT \(columns), r.id_number, r.name FROM \(from) WHERE \(column) = ? AND f.next_visit_due < ?"
        var arguments: StatementArguments = [key, today.description]
        if let after {
            sql += " AND (f.next_visit_due, f.id) > (?, ?)"
            arguments += [after.due, after.id]
        }
        return try Row.fetchAll(try db.cachedStatement(sql: sql + " ORDER BY f.next_visit_due, f.id LIMIT ?"), arguments: arguments + [limit]).map {
            row in
            Overdue(file: try file(row), idNumber: try ResidentIdentityNumber(stored: row[12] as String), name: row[13])
        }
    }

    static func file(_ row: Row) throws -> FamilyPlanningRecord {
        let community = try ResidentColumns.community(row[2])
        let last: String? = row[9]
        return FamilyPlanningRecord(
            id: row[0], recordID: row[1], community: community, grid: try ResidentColumns.grid(row[3], in: community),
            residence: Health.ResidenceKind(rawValue: row[4]) ?? .unspecified, contraceptiveMethod: row[5], intervalDays: row[6],
            registeredOn: try ResidentColumns.date(row[7]), nextVisitDue: try ResidentColumns.date(row[8]), lastVisit: try last.map(ResidentColumns.date),
            visits: row[10], births: row[11])
    }
}
