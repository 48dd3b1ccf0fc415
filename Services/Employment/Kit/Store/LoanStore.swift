import DepartmentKit
import Domain
import EmploymentContract
import Foundation
import GRDB

/// Start-up loan referrals (小额担保贷款) in SQL. Every function runs inside the caller's transaction.
public enum LoanStore {
    public struct Referral: Sendable, Equatable {
        public var id: Int64
        public var seekerID: Int64
        public var enrollmentID: Int64
        public var amount: Fen
        public var purpose: String
        public var status: Employment.LoanStatus
        public var referredAt: Date
        public var note: String
    }

    public static func insert(_ db: Database, seekerID: Int64, enrollmentID: Int64, amount: Fen, purpose: String, at: Date) throws -> Int64 {
        try db.execute(
            sql: """
                INSERT INTO loan_referrals(seeker_id, enrollment_id, amount_fen, purpose, status, referred_at) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [seekerID, enrollmentID, amount.rawValue, purpose, Employment.LoanStatus.referred.rawValue, at.unixMilliseconds])
        return db.lastInsertedRowID
    }

    public static func find(_ db: Database, id: Int64) throws -> Referral? {
        try Row.fetchOne(db, sql: "SELECT * FROM loan_referrals WHERE id = ?", arguments: [id]).map(record)
    }

    /// A page of a seeker's referrals in id order, after `afterID`.
    public static func forSeeker(_ db: Database, seekerID: Int64, afterID: Int64, limit: Int) throws -> [Referral] {
        try Row.fetchAll(
            db, sql: "SELECT * FROM loan_referrals WHERE seeker_id = ? AND id > ? ORDER BY id LIMIT ?", arguments: [seekerID, afterID, limit]
        ).map(record)
    }

    public static func update(_ db: Database, id: Int64, status: Employment.LoanStatus, note: String) throws {
        try db.execute(sql: "UPDATE loan_referrals SET status = ?, note = ? WHERE id = ?", arguments: [status.rawValue, note, id])
    }

    static func record(_ row: Row) -> Referral {
        Referral(
            id: row["id"], seekerID: row["seeker_id"], enrollmentID: row["enrollment_id"], amount: Fen(row["amount_fen"] as Int64),
            purpose: row["purpose"], status: Employment.LoanStatus(rawValue: row["status"]) ?? .unspecified,
            referredAt: Date(unixMilliseconds: row["referred_at"]), note: row["note"])
    }
}
