import Domain
import EmploymentContract
import Foundation
import GRDB

/// Recognitions of employment difficulty (就业困难人员认定) in SQL, every one kept: a new
/// recognition or a revocation never erases who decided what before. Every function runs inside
/// the caller's transaction.
public enum HardshipStore {
    /// Records a recognition and makes it the seeker's latest.
    public static func recognise(_ db: Database, seekerID: Int64, _ recognition: HardshipRecognitionRecord) throws -> Int64 {
        try db.execute(
            sql: """
                INSERT INTO hardship_recognitions(seeker_id, ground, evidence, decided_by, decided_at, valid_until) VALUES (?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                seekerID, recognition.ground.rawValue, recognition.evidence, recognition.decidedBy, recognition.decidedAt.unixMilliseconds,
                recognition.validUntil.description,
            ])
        let id = db.lastInsertedRowID
        try SeekerStore.setRecognition(db, seekerID: seekerID, recognitionID: id, active: true)
        return id
    }

    /// Revokes the recognition `id` of the seeker, saying who and why.
    public static func revoke(_ db: Database, seekerID: Int64, id: Int64, by principal: String, reason: String, at: Date) throws {
        try db.execute(
            sql: "UPDATE hardship_recognitions SET revoked_at = ?, revoked_by = ?, revoke_reason = ? WHERE id = ?",
            arguments: [at.unixMilliseconds, principal, reason, id])
        try SeekerStore.setRecognition(db, seekerID: seekerID, recognitionID: id, active: false)
    }
}
