import DepartmentKit
import Domain
import EmploymentContract
import Foundation
import GRDB

/// Spells of unemployment (失业登记 … 就业登记) in SQL: each opening, closing and released promise
/// also moves the community's counters (`FigureStore`). Every function runs inside the caller's
/// transaction.
public enum SpellStore {
    /// Opens spell `number` of the seeker and makes it the seeker's current one.
    @discardableResult
    public static func open(
        _ db: Database, seekerID: Int64, number: Int, community: CommunityCode, openedAt: Date, promiseDeadline: Date?
    ) throws -> Int64 {
        try db.cachedStatement(
            sql: """
                INSERT INTO spells(seeker_id, number, community_code, opened_at, promise_deadline, promise_state) VALUES (?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            seekerID, number, community.rawValue, openedAt.unixMilliseconds, promiseDeadline?.unixMilliseconds,
            (promiseDeadline == nil ? PromiseOutcome.none : .open).rawValue,
        ])
        let id = db.lastInsertedRowID
        try db.cachedStatement(sql: "UPDATE seekers SET spell_id = ? WHERE id = ?").execute(arguments: [id, seekerID])
        try FigureStore.apply(db, community: community, .opened(promise: promiseDeadline != nil))
        try db.cachedStatement(
            sql: """
                INSERT INTO community_months(community_code, month, spells_opened, returns) VALUES (?1, ?2, 1, ?3)
                ON CONFLICT(community_code, month) DO UPDATE SET spells_opened = spells_opened + 1, returns = returns + ?3
                """
        ).execute(arguments: [community.rawValue, month(of: openedAt), number > 1 ? 1 : 0])
        return id
    }

    /// Closes the seeker's current spell with `end`; an open promise ends as `outcome`.
    public static func close(
        _ db: Database, _ seeker: JobSeekerRecord, at: Date, end: Employment.SpellEnd, note: String, startDate: LocalDate?, outcome: PromiseOutcome
    ) throws {
        let promiseWasOpen = seeker.spell.promise == .open
        try db.execute(
            sql: """
                UPDATE spells SET closed_at = ?, end_reason = ?, end_note = ?, start_date = ?, promise_state = ? WHERE id = ?
                """,
            arguments: [
                at.unixMilliseconds, end.rawValue, note, startDate?.description,
                (promiseWasOpen ? outcome : seeker.spell.promise).rawValue, seeker.spell.id,
            ])
        try FigureStore.apply(db, community: seeker.community, .closed(promiseWasOpen: promiseWasOpen, outcome: outcome))
    }

    /// Counts a refused suitable offer in the spell; releases its open promise when `release`.
    public static func countRefusal(_ db: Database, _ seeker: JobSeekerRecord, release: Bool) throws {
        try db.execute(
            sql: "UPDATE spells SET offers_refused = offers_refused + 1, promise_state = ? WHERE id = ?",
            arguments: [(release ? PromiseOutcome.released : seeker.spell.promise).rawValue, seeker.spell.id])
        if release { try FigureStore.apply(db, community: seeker.community, .released) }
    }

    /// Open promises of a community whose deadline is at or after `from` (and before `to`).
    public static func openPromises(_ db: Database, community: CommunityCode, from: Date, to: Date? = nil) throws -> Int {
        var sql = "SELECT COUNT(*) FROM spells WHERE community_code = ? AND promise_state = ? AND promise_deadline >= ?"
        var arguments: StatementArguments = [community.rawValue, PromiseOutcome.open.rawValue, from.unixMilliseconds]
        if let to {
            sql += " AND promise_deadline < ?"
            arguments += [to.unixMilliseconds]
        }
        return try Int.fetchOne(db.cachedStatement(sql: sql), arguments: arguments) ?? 0
    }

    /// A page of the seekers whose open promise's deadline lies in [from, to), soonest first,
    /// after the keyset position (deadline, spell id).
    public static func promisePage(
        _ db: Database, community: CommunityCode, from: Date?, to: Date, after: (deadline: Int64, spell: Int64)?, limit: Int
    ) throws -> [JobSeekerRecord] {
        var sql = """
            SELECT \(SeekerStore.columns) FROM spells p JOIN seekers s ON s.id = p.seeker_id \(SeekerStore.recognitionJoin)
            WHERE p.community_code = ? AND p.promise_state = ? AND p.promise_deadline < ?
            """
        var arguments: StatementArguments = [community.rawValue, PromiseOutcome.open.rawValue, to.unixMilliseconds]
        if let from {
            sql += " AND p.promise_deadline >= ?"
            arguments += [from.unixMilliseconds]
        }
        if let after {
            sql += " AND (p.promise_deadline, p.id) > (?, ?)"
            arguments += [after.deadline, after.spell]
        }
        sql += " ORDER BY p.promise_deadline, p.id LIMIT ?"
        return try Array(Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments + [limit]).map(SeekerStore.record))
    }

    /// When the longest-waiting spell that still counts against the unemployment-free rule
    /// opened: an open spell, or one closed since `periodStart` for a reason that does not say the
    /// person has work or has left (a withdrawal cannot end a long wait in the figures).
    public static func oldestCounting(_ db: Database, community: CommunityCode, periodStart: Date) throws -> Date? {
        let open = try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT opened_at FROM spells WHERE community_code = ? AND closed_at IS NULL ORDER BY opened_at LIMIT 1"),
            arguments: [community.rawValue])
        let unresolved = Employment.SpellEnd.allCases.filter { $0 != .unspecified && !$0.personHasWorkOrLeft }.map(\.rawValue)
        var oldest = open
        for reason in unresolved {
            let withdrawn = try Int64.fetchOne(
                db.cachedStatement(sql: "SELECT MIN(opened_at) FROM spells WHERE community_code = ? AND end_reason = ? AND closed_at >= ?"),
                arguments: [community.rawValue, reason, periodStart.unixMilliseconds])
            if let withdrawn, oldest.map({ withdrawn < $0 }) ?? true { oldest = withdrawn }
        }
        return oldest.map(Date.init(unixMilliseconds:))
    }

    /// Spells opened in a community in the month of `day` (Asia/Shanghai), and how many of them
    /// were returns (a person's second or later spell): one row of the monthly counters.
    public static func opened(_ db: Database, community: CommunityCode, monthOf day: LocalDate) throws -> (opened: Int, returns: Int) {
        let row = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT spells_opened, returns FROM community_months WHERE community_code = ? AND month = ?"),
            arguments: [community.rawValue, String(day.description.prefix(7))])
        return (row?[0] ?? 0, row?[1] ?? 0)
    }

    /// "YYYY-MM" of an instant in Asia/Shanghai: the key of the monthly counters.
    static func month(of instant: Date) -> String { String(LocalDate(instant).description.prefix(7)) }
}
