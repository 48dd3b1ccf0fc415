import AssistanceContract
import DepartmentKit
import Domain
import Foundation
import GRDB

/// Minimum living allowance cases and their recorded transitions, in SQL. Every function runs
/// inside the caller's transaction.
package enum CaseStore {
    /// One recorded transition of a case.
    package struct Event: Sendable, Equatable {
        package var action: String
        package var from: Assistance.CaseState
        package var to: Assistance.CaseState
        package var actor: String
        package var at: Date
        package var reason: String
    }

    package static func insert(_ db: Database, _ record: AllowanceCaseRecord) throws -> Int64 {
        try db.cachedStatement(
            sql: "INSERT INTO cases(household_id, community_code, grid_code, state, applied_at, reason) VALUES (?, ?, ?, ?, ?, ?)"
        ).execute(arguments: [
            record.householdID, record.community.rawValue, record.grid.rawValue, record.state.rawValue, record.appliedAt.unixMilliseconds, record.reason,
        ])
        return db.lastInsertedRowID
    }

    /// Writes the case's state and dates.
    package static func update(_ db: Database, _ record: AllowanceCaseRecord) throws {
        try db.cachedStatement(
            sql: """
                UPDATE cases SET state = ?, notice_start = ?, notice_end = ?, first_paid_month = ?, last_paid_month = ?, next_review = ?, reason = ?
                WHERE id = ?
                """
        ).execute(arguments: [
            record.state.rawValue, record.noticeStart?.description, record.noticeEnd?.description, record.firstPaidMonth?.description,
            record.lastPaidMonth?.description, record.nextReview?.description, record.reason, record.id,
        ])
    }

    /// Records a transition with who and when.
    /// Keeps the other offices' answers an application was made with, in the order given.
    package static func insertEvidence(_ db: Database, caseID: Int64, _ evidence: [Assistance.CaseEvidence]) throws {
        for (position, item) in evidence.enumerated() {
            try db.execute(
                sql: """
                    INSERT INTO case_evidence(case_id, position, office, subject_masked, finding, checked_at_ms, source)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [caseID, position, item.office, item.subjectMasked, item.finding, Int64(clamping: item.checkedAtMs), item.source])
        }
    }

    /// The evidence kept with a case, in order.
    package static func evidence(_ db: Database, caseID: Int64) throws -> [Assistance.CaseEvidence] {
        try Row.fetchAll(
            db, sql: "SELECT office, subject_masked, finding, checked_at_ms, source FROM case_evidence WHERE case_id = ? ORDER BY position",
            arguments: [caseID]
        ).map {
            Assistance.CaseEvidence(
                office: $0["office"], subjectMasked: $0["subject_masked"], finding: $0["finding"],
                checkedAtMs: UInt64(max($0["checked_at_ms"] as Int64, 0)), source: $0["source"])
        }
    }

    package static func recordEvent(_ db: Database, caseID: Int64, _ event: Event) throws {
        try db.cachedStatement(sql: "INSERT INTO case_events(case_id, action, from_state, to_state, actor, at, reason) VALUES (?, ?, ?, ?, ?, ?, ?)")
            .execute(arguments: [caseID, event.action, event.from.rawValue, event.to.rawValue, event.actor, event.at.unixMilliseconds, event.reason])
    }

    /// The latest `limit` events of a case, oldest first.
    package static func events(_ db: Database, caseID: Int64, limit: Int) throws -> [Event] {
        try Row.fetchAll(
            try db.cachedStatement(
                sql: """
                    SELECT action, from_state, to_state, actor, at, reason FROM
                    (SELECT id, action, from_state, to_state, actor, at, reason FROM case_events WHERE case_id = ? ORDER BY id DESC LIMIT ?)
                    ORDER BY id
                    """), arguments: [caseID, limit]
        ).map {
            Event(
                action: $0[0], from: Assistance.CaseState(rawValue: $0[1]) ?? .unspecified, to: Assistance.CaseState(rawValue: $0[2]) ?? .unspecified,
                actor: $0[3], at: Date(unixMilliseconds: $0[4]), reason: $0[5])
        }
    }

    package static func find(_ db: Database, id: Int64) throws -> AllowanceCaseRecord? {
        try Row.fetchOne(try db.cachedStatement(sql: "SELECT \(columns) FROM cases WHERE id = ?"), arguments: [id]).map(record)
    }

    /// The household's case that is neither rejected nor stopped, if any.
    package static func openCase(_ db: Database, householdID: Int64) throws -> AllowanceCaseRecord? {
        try Row.fetchOne(
            try db.cachedStatement(sql: "SELECT \(columns) FROM cases WHERE household_id = ? AND state IN (?, ?, ?) ORDER BY id DESC LIMIT 1"),
            arguments: [
                householdID, Assistance.CaseState.applied.rawValue, Assistance.CaseState.underNotice.rawValue, Assistance.CaseState.active.rawValue,
            ]
        ).map(record)
    }

    /// A page of a community's cases (in one state, or all) in id order after `afterID`.
    package static func list(_ db: Database, community: CommunityCode, state: Assistance.CaseState?, afterID: Int64, limit: Int) throws
        -> [AllowanceCaseRecord]
    {
        if let state {
            return try Row.fetchAll(
                try db.cachedStatement(sql: "SELECT \(columns) FROM cases WHERE community_code = ? AND state = ? AND id > ? ORDER BY id LIMIT ?"),
                arguments: [community.rawValue, state.rawValue, afterID, limit]
            ).map(record)
        }
        return try Row.fetchAll(
            try db.cachedStatement(sql: "SELECT \(columns) FROM cases WHERE community_code = ? AND id > ? ORDER BY id LIMIT ?"),
            arguments: [community.rawValue, afterID, limit]
        ).map(record)
    }

    /// Active cases of a community due for review on or before `day`, by due date then id,
    /// after the keyset position (`afterDate`, `afterID`).
    package static func reviewsDue(_ db: Database, community: CommunityCode, by day: LocalDate, after: (date: String, id: Int64)?, limit: Int) throws
        -> [AllowanceCaseRecord]
    {
        let position = after ?? ("", 0)
        return try Row.fetchAll(
            try db.cachedStatement(
                sql: """
                    SELECT \(columns) FROM cases
                    WHERE community_code = ? AND state = ? AND next_review <= ? AND (next_review > ? OR (next_review = ? AND id > ?))
                    ORDER BY next_review, id LIMIT ?
                    """),
            arguments: [
                community.rawValue, Assistance.CaseState.active.rawValue, day.description, position.date, position.date, position.id, limit,
            ]
        ).map(record)
    }

    /// Cases of a community on public notice on `day`, in id order after `afterID`.
    package static func onNotice(_ db: Database, community: CommunityCode, on day: LocalDate, afterID: Int64, limit: Int) throws -> [AllowanceCaseRecord] {
        try Array(
            Row.fetchCursor(
                try db.cachedStatement(
                    sql: """
                        SELECT \(columns) FROM cases
                        WHERE community_code = ? AND state = ? AND id > ? AND notice_start <= ? AND notice_end >= ?
                        ORDER BY id LIMIT ?
                        """),
                arguments: [community.rawValue, Assistance.CaseState.underNotice.rawValue, afterID, day.description, day.description, limit]
            ).map(record))
    }

    /// How many of a community's cases were first paid, and last paid, in `month`.
    package static func newAndStopped(_ db: Database, community: CommunityCode, month: LocalMonth) throws -> (new: Int, stopped: Int) {
        let row = try Row.fetchOne(
            db,
            sql: """
                SELECT COUNT(*) FILTER (WHERE first_paid_month = ?), COUNT(*) FILTER (WHERE last_paid_month = ?)
                FROM cases WHERE community_code = ?
                """, arguments: [month.description, month.description, community.rawValue])
        return (row?[0] ?? 0, row?[1] ?? 0)
    }

    static let columns =
        "id, household_id, community_code, grid_code, state, applied_at, notice_start, notice_end, first_paid_month, last_paid_month, next_review, reason"

    static func record(_ row: Row) throws -> AllowanceCaseRecord {
        func date(_ index: Int) throws -> LocalDate? { try (row[index] as String?).map { try LocalDate(storedISO: $0) } }
        func month(_ index: Int) throws -> LocalMonth? { try (row[index] as String?).map { try LocalMonth(iso: $0) } }
        let community = try CommunityCode(row[2] as String)
        return AllowanceCaseRecord(
            id: row[0], householdID: row[1], community: community, grid: try StoredGrid.read(row[3], in: community),
            state: Assistance.CaseState(rawValue: row[4]) ?? .unspecified, appliedAt: Date(unixMilliseconds: row[5]), noticeStart: try date(6),
            noticeEnd: try date(7), firstPaidMonth: try month(8), lastPaidMonth: try month(9), nextReview: try date(10), reason: row[11])
    }
}
