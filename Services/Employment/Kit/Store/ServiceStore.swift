import Domain
import EmploymentContract
import Foundation
import GRDB

/// Services delivered (policy consultation, job introduction, training referral) in SQL, counted
/// per community and month from an index. Every function runs inside the caller's transaction.
public enum ServiceStore {
    public struct Record: Sendable, Equatable {
        public var id: Int64
        public var community: CommunityCode
        public var kind: Employment.ServiceKind
        public var deliveredOn: LocalDate
        public var seekerID: Int64?
        public var recordedBy: String
        public var recordedAt: Date
    }

    public static func insert(_ db: Database, _ record: Record) throws -> Int64 {
        try db.execute(
            sql: "INSERT INTO services_delivered(community_code, kind, delivered_on, seeker_id, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [
                record.community.rawValue, record.kind.rawValue, record.deliveredOn.description, record.seekerID, record.recordedBy,
                record.recordedAt.unixMilliseconds,
            ])
        return db.lastInsertedRowID
    }

    public static func find(_ db: Database, id: Int64) throws -> Record? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM services_delivered WHERE id = ?", arguments: [id]) else { return nil }
        return Record(
            id: row["id"], community: try CommunityCode(row["community_code"] as String),
            kind: Employment.ServiceKind(rawValue: row["kind"]) ?? .unspecified, deliveredOn: try LocalDate(iso: row["delivered_on"]),
            seekerID: row["seeker_id"], recordedBy: row["recorded_by"], recordedAt: Date(unixMilliseconds: row["recorded_at"]))
    }

    /// How many services of each kind a community delivered from `first` to `last` (inclusive).
    public static func counts(_ db: Database, community: CommunityCode, first: LocalDate, last: LocalDate) throws -> [Employment.ServiceKind: Int] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT kind, COUNT(*) FROM services_delivered WHERE community_code = ? AND delivered_on BETWEEN ? AND ? GROUP BY kind
                """, arguments: [community.rawValue, first.description, last.description])
        return Dictionary(uniqueKeysWithValues: rows.map { (Employment.ServiceKind(rawValue: $0[0]) ?? .unspecified, $0[1] as Int) })
    }
}
