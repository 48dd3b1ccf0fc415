import DepartmentKit
import Foundation
import GRDB

/// Objections (异议) against cases on public notice, in SQL.
package enum ObjectionStore {
    /// One objection as stored.
    package struct Record: Sendable, Equatable {
        package var id: Int64
        package var caseID: Int64
        package var text: String
        package var filedBy: String
        package var filedAt: Date
        package var resolvedAt: Date?
        package var resolution: String
        package var upheld: Bool
    }

    package static func insert(_ db: Database, caseID: Int64, text: String, filedBy: String, at: Date) throws -> Int64 {
        try db.cachedStatement(sql: "INSERT INTO objections(case_id, text, filed_by, filed_at) VALUES (?, ?, ?, ?)")
            .execute(arguments: [caseID, text, filedBy, at.unixMilliseconds])
        return db.lastInsertedRowID
    }

    package static func resolve(_ db: Database, id: Int64, resolution: String, upheld: Bool, at: Date) throws {
        try db.cachedStatement(sql: "UPDATE objections SET resolved_at = ?, resolution = ?, upheld = ? WHERE id = ?")
            .execute(arguments: [at.unixMilliseconds, resolution, upheld, id])
    }

    package static func find(_ db: Database, id: Int64) throws -> Record? {
        try Row.fetchOne(
            try db.cachedStatement(sql: "SELECT id, case_id, text, filed_by, filed_at, resolved_at, resolution, upheld FROM objections WHERE id = ?"),
            arguments: [id]
        ).map { row in
            let resolvedAt: Int64? = row[5]
            return Record(
                id: row[0], caseID: row[1], text: row[2], filedBy: row[3], filedAt: Date(unixMilliseconds: row[4]),
                resolvedAt: resolvedAt.map(Date.init(unixMilliseconds:)), resolution: row[6], upheld: row[7])
        }
    }

    /// Objections against the case not yet resolved.
    package static func openCount(_ db: Database, caseID: Int64) throws -> Int {
        try Int.fetchOne(try db.cachedStatement(sql: "SELECT COUNT(*) FROM objections WHERE case_id = ? AND resolved_at IS NULL"), arguments: [caseID])
            ?? 0
    }
}
