import AssistanceContract
import DepartmentKit
import Domain
import Foundation
import GRDB

/// Medical and education grants, in SQL. Every function runs inside the caller's transaction.
package enum GrantStore {
    /// One grant as stored.
    package struct Record: Sendable, Equatable {
        package var id: Int64
        package var kind: Assistance.GrantKind
        package var householdID: Int64
        package var community: CommunityCode
        package var idNumber: ResidentIdentityNumber
        package var requested: Fen
        package var granted: Fen
        package var state: Assistance.GrantState
        package var purpose: String
        package var decisionReason: String
        package var decidedBy: String
        package var appliedAt: Date
        package var decidedAt: Date?
    }

    package static func insert(_ db: Database, _ grant: Record) throws -> Int64 {
        try db.cachedStatement(
            sql: """
                INSERT INTO grants(kind, household_id, community_code, id_number, requested_fen, state, purpose, applied_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            grant.kind.rawValue, grant.householdID, grant.community.rawValue, grant.idNumber.rawValue, grant.requested.rawValue, grant.state.rawValue,
            grant.purpose, grant.appliedAt.unixMilliseconds,
        ])
        return db.lastInsertedRowID
    }

    package static func decide(_ db: Database, _ grant: Record) throws {
        try db.cachedStatement(sql: "UPDATE grants SET state = ?, granted_fen = ?, decision_reason = ?, decided_by = ?, decided_at = ? WHERE id = ?")
            .execute(arguments: [
                grant.state.rawValue, grant.granted.rawValue, grant.decisionReason, grant.decidedBy, grant.decidedAt?.unixMilliseconds, grant.id,
            ])
    }

    package static func find(_ db: Database, id: Int64) throws -> Record? {
        try Row.fetchOne(try db.cachedStatement(sql: "SELECT \(columns) FROM grants WHERE id = ?"), arguments: [id]).map(record)
    }

    package static func list(_ db: Database, community: CommunityCode, state: Assistance.GrantState?, afterID: Int64, limit: Int) throws -> [Record] {
        let filter = state == nil ? "" : " AND state = \(state!.rawValue)"
        return try Row.fetchAll(
            try db.cachedStatement(sql: "SELECT \(columns) FROM grants WHERE community_code = ?\(filter) AND id > ? ORDER BY id LIMIT ?"),
            arguments: [community.rawValue, afterID, limit]
        ).map(record)
    }

    static let columns =
        "id, kind, household_id, community_code, id_number, requested_fen, granted_fen, state, purpose, decision_reason, decided_by, applied_at, decided_at"

    static func record(_ row: Row) throws -> Record {
        let decidedAt: Int64? = row[12]
        return Record(
            id: row[0], kind: Assistance.GrantKind(rawValue: row[1]) ?? .unspecified, householdID: row[2], community: try CommunityCode(row[3] as String),
            idNumber: try ResidentIdentityNumber(stored: row[4] as String), requested: Fen(row[5]), granted: Fen(row[6]),
            state: Assistance.GrantState(rawValue: row[7]) ?? .unspecified, purpose: row[8], decisionReason: row[9], decidedBy: row[10],
            appliedAt: Date(unixMilliseconds: row[11]), decidedAt: decidedAt.map(Date.init(unixMilliseconds:)))
    }
}
