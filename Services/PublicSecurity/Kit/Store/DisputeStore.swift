import Domain
import Foundation
import GRDB
import SecurityContract

/// Disputes, their parties and mediation sessions in SQL. Every function runs inside the caller's transaction.
public enum DisputeStore {
    static let columns = "id, community_code, grid_code, kind, summary, reported_on, status, sessions, last_session_on, closed_on, outcome_note"

    public static func insert(_ db: Database, _ dispute: DisputeRecord) throws -> Int64 {
        try db.execute(
            sql: "INSERT INTO disputes(community_code, grid_code, kind, summary, reported_on, status) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [
                dispute.community.rawValue, dispute.grid.rawValue, dispute.kind.rawValue, dispute.summary, dispute.reportedOn.description,
                dispute.status.rawValue,
            ])
        let id = db.lastInsertedRowID
        for (position, party) in dispute.parties.enumerated() {
            try db.execute(
                sql: "INSERT INTO dispute_parties(dispute_id, position, name, id_number) VALUES (?, ?, ?, ?)",
                arguments: [id, position, party.name, party.idNumber?.rawValue])
        }
        return id
    }

    public static func addSession(_ db: Database, disputeID: Int64, heldOn: LocalDate, mediator: String, note: String) throws {
        try db.execute(
            sql: "INSERT INTO mediation_sessions(dispute_id, held_on, mediator, note) VALUES (?, ?, ?, ?)",
            arguments: [disputeID, heldOn.description, mediator, note])
        try db.execute(
            sql: """
                UPDATE disputes SET sessions = sessions + 1,
                    last_session_on = CASE WHEN last_session_on IS NULL OR last_session_on < ? THEN ? ELSE last_session_on END
                WHERE id = ?
                """, arguments: [heldOn.description, heldOn.description, disputeID])
    }

    public static func close(_ db: Database, disputeID: Int64, outcome: Security.DisputeStatus, on date: LocalDate, note: String) throws {
        try db.execute(
            sql: "UPDATE disputes SET status = ?, closed_on = ?, outcome_note = ? WHERE id = ?",
            arguments: [outcome.rawValue, date.description, note, disputeID])
    }

    public static func find(_ db: Database, id: Int64) throws -> DisputeRecord? {
        guard let row = try Row.fetchOne(db, sql: "SELECT \(columns) FROM disputes WHERE id = ?", arguments: [id]) else { return nil }
        return try record(row, parties: try parties(db, disputeID: id))
    }

    /// A page of open disputes of a community (or one grid), in id order after `afterID`.
    public static func listOpen(_ db: Database, community: CommunityCode, grid: GridCode?, afterID: Int64, limit: Int) throws -> [DisputeRecord] {
        let (column, key) = grid.map { ("grid_code", $0.rawValue) } ?? ("community_code", community.rawValue)
        let rows = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT \(columns) FROM disputes WHERE \(column) = ? AND status = ? AND id > ? ORDER BY id LIMIT ?"),
            arguments: [key, Security.DisputeStatus.open.rawValue, afterID, limit])
        return try rows.map { try record($0, parties: try parties(db, disputeID: $0[0])) }
    }

    /// Per grid of a community (or the one grid): open disputes, the earliest report date, and how
    /// many were reported before `overdueBefore`.
    public static func openByGrid(_ db: Database, community: CommunityCode, grid: GridCode?, overdueBefore: LocalDate) throws
        -> [(grid: String, open: Int, earliest: String, overdue: Int)]
    {
        let (column, key) = grid.map { ("grid_code", $0.rawValue) } ?? ("community_code", community.rawValue)
        return try Row.fetchAll(
            db,
            sql: """
                SELECT grid_code, COUNT(*), MIN(reported_on), COUNT(*) FILTER (WHERE reported_on < ?)
                FROM disputes WHERE \(column) = ? AND status = ? GROUP BY grid_code ORDER BY grid_code
                """, arguments: [overdueBefore.description, key, Security.DisputeStatus.open.rawValue]
        ).map { ($0[0], $0[1], $0[2], $0[3]) }
    }

    static func parties(_ db: Database, disputeID: Int64) throws -> [DisputePartyRecord] {
        try Row.fetchAll(
            db.cachedStatement(sql: "SELECT name, id_number FROM dispute_parties WHERE dispute_id = ? ORDER BY position"), arguments: [disputeID]
        ).map { row in
            let number: String? = row[1]
            return DisputePartyRecord(name: row[0], idNumber: try number.map { try ResidentIdentityNumber(stored: $0) })
        }
    }

    static func record(_ row: Row, parties: [DisputePartyRecord]) throws -> DisputeRecord {
        let lastSession: String? = row[8]
        let closed: String? = row[9]
        return DisputeRecord(
            id: row[0], community: try CommunityCode(row[1] as String), grid: try GridCode(row[2] as String), kind: Security.DisputeKind(wireValue: row[3]),
            parties: parties, summary: row[4], reportedOn: try LocalDate(iso: row[5]), status: Security.DisputeStatus(wireValue: row[6]), sessions: row[7],
            lastSessionOn: try lastSession.map { try LocalDate(iso: $0) }, closedOn: try closed.map { try LocalDate(iso: $0) }, outcomeNote: row[10])
    }

    /// Open disputes reported before `before`, per community (communities with none are absent).
    public static func overdueCounts(_ db: Database, before: LocalDate) throws -> [String: Int] {
        let rows = try Row.fetchAll(
            db, sql: "SELECT community_code, COUNT(*) FROM disputes WHERE status = ? AND reported_on < ? GROUP BY community_code",
            arguments: [Security.DisputeStatus.open.rawValue, before.description])
        return Dictionary(uniqueKeysWithValues: rows.map { ($0[0], $0[1]) })
    }
}
