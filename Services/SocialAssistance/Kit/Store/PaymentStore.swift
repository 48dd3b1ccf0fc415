import DepartmentKit
import Domain
import Foundation
import GRDB

/// The monthly payment run's progress and its payments, in SQL. Every function runs inside the
/// caller's transaction; `UNIQUE (case_id, month)` is what makes a payment happen once.
package enum PaymentStore {
    /// A payable case of a month with the means and standard in force for it.
    package struct Candidate: Sendable, Equatable {
        package var caseID: Int64
        package var householdID: Int64
        package var community: String
        package var means: HouseholdMeans?
        package var standard: Fen?
    }

    /// Where a month's run stands.
    package struct Progress: Sendable, Equatable {
        package var afterCaseID: Int64
        package var withoutStandard: Int
        package var nothingDue: Int
        package var completedAt: Date?
    }

    /// One payment with its household's head, for the payment list.
    package struct Line: Sendable, Equatable {
        package var id: Int64
        package var caseID: Int64
        package var householdID: Int64
        package var headIDNumber: String
        package var headName: String
        package var members: Int
        package var amount: Fen
    }

    package static func progress(_ db: Database, month: LocalMonth) throws -> Progress? {
        try Row.fetchOne(
            try db.cachedStatement(sql: "SELECT after_case_id, without_standard, nothing_due, completed_at FROM payment_runs WHERE month = ?"),
            arguments: [month.description]
        ).map { row in
            let completed: Int64? = row[3]
            return Progress(afterCaseID: row[0], withoutStandard: row[1], nothingDue: row[2], completedAt: completed.map(Date.init(unixMilliseconds:)))
        }
    }

    package static func saveProgress(_ db: Database, month: LocalMonth, _ progress: Progress) throws {
        try db.cachedStatement(
            sql: "INSERT OR REPLACE INTO payment_runs(month, after_case_id, without_standard, nothing_due, completed_at) VALUES (?, ?, ?, ?, ?)"
        ).execute(arguments: [month.description, progress.afterCaseID, progress.withoutStandard, progress.nothingDue, progress.completedAt?.unixMilliseconds])
    }

    /// The next `limit` cases payable in `month` after `afterCaseID`, in id order, each with the
    /// household means and the community standard in force for the month.
    package static func candidates(_ db: Database, month: LocalMonth, afterCaseID: Int64, limit: Int) throws -> [Candidate] {
        let text = month.description
        return try Row.fetchAll(
            try db.cachedStatement(
                sql: """
                    SELECT c.id, c.household_id, c.community_code, m.members, m.income_fen,
                        (SELECT s.monthly_fen FROM standards s WHERE s.community_code = c.community_code AND s.effective_date <= ?
                         ORDER BY s.effective_date DESC LIMIT 1)
                    FROM cases c
                    LEFT JOIN household_means m ON m.household_id = c.household_id AND m.from_month =
                        (SELECT MAX(from_month) FROM household_means WHERE household_id = c.household_id AND from_month <= ?)
                    WHERE c.id > ? AND c.first_paid_month <= ? AND (c.last_paid_month IS NULL OR c.last_paid_month >= ?)
                    ORDER BY c.id LIMIT ?
                    """),
            arguments: [month.lastDay.description, text, afterCaseID, text, text, limit]
        ).map { row in
            let members: Int? = row[3]
            let income: Int64? = row[4]
            let standard: Int64? = row[5]
            return Candidate(
                caseID: row[0], householdID: row[1], community: row[2],
                means: members.flatMap { count in income.map { HouseholdMeans(members: count, totalIncome: Fen($0)) } }, standard: standard.map(Fen.init))
        }
    }

    /// Pays a case for a month unless it has been paid for it; true when this call paid.
    @discardableResult
    package static func pay(
        _ db: Database, _ candidate: Candidate, month: LocalMonth, amount: Fen, perCapita: Fen, standard: Fen, members: Int, at: Date
    ) throws -> Bool {
        try db.cachedStatement(
            sql: """
                INSERT OR IGNORE INTO payments(case_id, month, community_code, household_id, members, per_capita_fen, standard_fen, amount_fen, paid_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            candidate.caseID, month.description, candidate.community, candidate.householdID, members, perCapita.rawValue, standard.rawValue,
            amount.rawValue, at.unixMilliseconds,
        ])
        return db.changesCount > 0
    }

    /// Households paid and total fen per community for a month, by community code.
    package static func totals(_ db: Database, month: LocalMonth) throws -> [(community: String, households: Int, total: Fen)] {
        try Row.fetchAll(
            try db.cachedStatement(
                sql: "SELECT community_code, COUNT(*), SUM(amount_fen) FROM payments WHERE month = ? GROUP BY community_code ORDER BY community_code"),
            arguments: [month.description]
        ).map { ($0[0], $0[1], Fen($0[2])) }
    }

    /// A page of a community's payments for a month, in id order after `afterID`, with heads.
    package static func lines(_ db: Database, month: LocalMonth, community: CommunityCode, afterID: Int64, limit: Int) throws -> [Line] {
        try Row.fetchAll(
            try db.cachedStatement(
                sql: """
                    SELECT p.id, p.case_id, p.household_id, COALESCE(h.id_number, ''), COALESCE(h.name, ''), p.members, p.amount_fen
                    FROM payments p LEFT JOIN members h ON h.household_id = p.household_id AND h.is_head = 1
                    WHERE p.month = ? AND p.community_code = ? AND p.id > ?
                    ORDER BY p.id LIMIT ?
                    """), arguments: [month.description, community.rawValue, afterID, limit]
        ).map { Line(id: $0[0], caseID: $0[1], householdID: $0[2], headIDNumber: $0[3], headName: $0[4], members: $0[5], amount: Fen($0[6])) }
    }
}
