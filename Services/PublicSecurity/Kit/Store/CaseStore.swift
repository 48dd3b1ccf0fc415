import DepartmentKit
import Domain
import Foundation
import GRDB
import SecurityContract

/// Supervision cases and their helpers in SQL. Every function runs inside the caller's transaction.
public enum CaseStore {
    static let columns =
        "id, kind, id_number, name, community_code, grid_code, term_start, term_end, check_in_interval_days, status, opened_at, last_check_in, closure, closed_on, closing_note"

    public static func insert(_ db: Database, _ record: SupervisionCaseRecord) throws -> Int64 {
        try db.execute(
            sql: """
                INSERT INTO cases(kind, id_number, name, community_code, grid_code, term_start, term_end, check_in_interval_days, status, opened_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                record.kind.rawValue, record.idNumber.rawValue, record.name, record.community.rawValue, record.grid.rawValue,
                record.termStart.description, record.termEnd.description, record.checkInIntervalDays, record.status.rawValue,
                record.openedAt.unixMilliseconds,
            ])
        return db.lastInsertedRowID
    }

    /// Whether the resident has an active case of `kind`.
    public static func hasActive(_ db: Database, idNumber: ResidentIdentityNumber, kind: Security.CaseKind) throws -> Bool {
        try Bool.fetchOne(
            db, sql: "SELECT EXISTS(SELECT 1 FROM cases WHERE id_number = ? AND kind = ? AND status = ?)",
            arguments: [idNumber.rawValue, kind.rawValue, Security.CaseStatus.active.rawValue]) ?? false
    }

    public static func find(_ db: Database, id: Int64) throws -> SupervisionCaseRecord? {
        try Row.fetchOne(db, sql: "SELECT \(columns) FROM cases WHERE id = ?", arguments: [id]).map(record)
    }

    public static func noteCheckIn(_ db: Database, caseID: Int64, on date: LocalDate) throws {
        try db.execute(
            sql: "UPDATE cases SET last_check_in = ? WHERE id = ? AND (last_check_in IS NULL OR last_check_in < ?)",
            arguments: [date.description, caseID, date.description])
    }

    public static func close(_ db: Database, caseID: Int64, closure: Security.CaseClosure, on date: LocalDate, note: String) throws {
        try db.execute(
            sql: "UPDATE cases SET status = ?, closure = ?, closed_on = ?, closing_note = ? WHERE id = ?",
            arguments: [Security.CaseStatus.closed.rawValue, closure.rawValue, date.description, note, caseID])
    }

    /// What a list of cases is narrowed to.
    public struct Filter: Sendable {
        public var community: CommunityCode
        public var grid: GridCode?
        public var kind: Security.CaseKind?
        public var status: Security.CaseStatus?
    }

    /// A page of cases in id order after `afterID`.
    public static func list(_ db: Database, _ filter: Filter, afterID: Int64, limit: Int) throws -> [SupervisionCaseRecord] {
        var sql = "SELECT \(columns) FROM cases WHERE "
        var arguments: StatementArguments
        if let grid = filter.grid {
            sql += "grid_code = ?"
            arguments = [grid.rawValue]
        } else {
            sql += "community_code = ?"
            arguments = [filter.community.rawValue]
        }
        if let kind = filter.kind {
            sql += " AND kind = ?"
            arguments += [kind.rawValue]
        }
        if let status = filter.status {
            sql += " AND status = ?"
            arguments += [status.rawValue]
        }
        sql += " AND id > ? ORDER BY id LIMIT ?"
        arguments += [afterID, limit]
        return try Row.fetchAll(db.cachedStatement(sql: sql), arguments: arguments).map(record)
    }

    public static func insertHelper(_ db: Database, _ helper: CaseHelperRecord) throws -> Int64 {
        try db.execute(
            sql: "INSERT INTO case_helpers(case_id, name, role, phone, assigned_on) VALUES (?, ?, ?, ?, ?)",
            arguments: [helper.caseID, helper.name, helper.role.rawValue, helper.phone, helper.assignedOn.description])
        return db.lastInsertedRowID
    }

    /// The helpers of a case, in the order they were assigned (at most the policy's limit per case).
    public static func helpers(_ db: Database, caseID: Int64) throws -> [CaseHelperRecord] {
        try Row.fetchAll(
            db.cachedStatement(sql: "SELECT id, case_id, name, role, phone, assigned_on FROM case_helpers WHERE case_id = ? ORDER BY id"),
            arguments: [caseID]
        ).map { row in
            CaseHelperRecord(
                id: row[0], caseID: row[1], name: row[2], role: Security.HelperRole(wireValue: row[3]), phone: row[4],
                assignedOn: try LocalDate(iso: row[5]))
        }
    }

    /// Reads a row selected with `columns`, by position.
    static func record(_ row: Row) throws -> SupervisionCaseRecord {
        let lastCheckIn: String? = row[11]
        let closedOn: String? = row[13]
        return SupervisionCaseRecord(
            id: row[0], kind: Security.CaseKind(wireValue: row[1]), idNumber: try ResidentIdentityNumber(stored: row[2]), name: row[3],
            community: try CommunityCode(row[4] as String), grid: try GridCode(row[5] as String), termStart: try LocalDate(iso: row[6]),
            termEnd: try LocalDate(iso: row[7]), checkInIntervalDays: row[8], status: Security.CaseStatus(wireValue: row[9]),
            openedAt: Date(unixMilliseconds: row[10]), lastCheckIn: try lastCheckIn.map { try LocalDate(iso: $0) },
            closure: Security.CaseClosure(wireValue: row[12]), closedOn: try closedOn.map { try LocalDate(iso: $0) }, closingNote: row[14])
    }
}
