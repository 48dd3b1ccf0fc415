import Domain
import EmploymentContract
import Foundation
import GRDB

/// Offers of posts to waiting seekers and their answers, in SQL. Every function runs inside the
/// caller's transaction.
public enum OfferStore {
    public static func insert(_ db: Database, _ offer: OfferRecord) throws -> Int64 {
        try db.execute(
            sql: """
                INSERT INTO offers(seeker_id, spell_id, vacancy_id, offered_on, outcome, suitable, reason, recorded_at, released_promise)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                offer.seekerID, offer.spellID, offer.vacancyID, offer.offeredOn.description, offer.outcome.rawValue, offer.suitable, offer.reason,
                offer.recordedAt.unixMilliseconds, offer.releasedPromise,
            ])
        return db.lastInsertedRowID
    }

    public static func find(_ db: Database, id: Int64) throws -> OfferRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM offers WHERE id = ?", arguments: [id]).map(record)
    }

    /// A page of a seeker's offers, newest first, before the offer `beforeID` (0: from the newest).
    public static func list(_ db: Database, seekerID: Int64, beforeID: Int64, limit: Int) throws -> [OfferRecord] {
        try Row.fetchAll(
            db, sql: "SELECT * FROM offers WHERE seeker_id = ? AND (? = 0 OR id < ?) ORDER BY id DESC LIMIT ?",
            arguments: [seekerID, beforeID, beforeID, limit]
        ).map(record)
    }

    static func record(_ row: Row) throws -> OfferRecord {
        OfferRecord(
            id: row["id"], seekerID: row["seeker_id"], spellID: row["spell_id"], vacancyID: row["vacancy_id"],
            offeredOn: try LocalDate(iso: row["offered_on"]), outcome: Employment.OfferOutcome(rawValue: row["outcome"]) ?? .unspecified,
            suitable: row["suitable"], reason: row["reason"], recordedAt: Date(unixMilliseconds: row["recorded_at"]),
            releasedPromise: row["released_promise"])
    }
}
