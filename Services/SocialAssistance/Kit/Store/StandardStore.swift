import DepartmentKit
import Domain
import Foundation
import GRDB

/// The minimum living standards (低保标准) per community with effective dates, in SQL.
package enum StandardStore {
    /// One standard as stored.
    package struct Record: Sendable, Equatable {
        package var community: CommunityCode
        package var effectiveDate: LocalDate
        package var monthly: Fen
        package var setBy: String
        package var setAt: Date
    }

    /// Sets (or replaces) the standard of a community from a date.
    package static func set(_ db: Database, _ standard: Record) throws {
        try db.cachedStatement(sql: "INSERT OR REPLACE INTO standards(community_code, effective_date, monthly_fen, set_by, set_at) VALUES (?, ?, ?, ?, ?)")
            .execute(arguments: [
                standard.community.rawValue, standard.effectiveDate.description, standard.monthly.rawValue, standard.setBy,
                standard.setAt.unixMilliseconds,
            ])
    }

    package static func find(_ db: Database, community: CommunityCode, effectiveDate: LocalDate) throws -> Record? {
        try Row.fetchOne(
            try db.cachedStatement(sql: "SELECT \(columns) FROM standards WHERE community_code = ? AND effective_date = ?"),
            arguments: [community.rawValue, effectiveDate.description]
        ).map(record)
    }

    /// The standard in force for `month`: the latest whose effective date falls in that month or
    /// before (a standard counts from the month of its effective date).
    package static func inForce(_ db: Database, community: CommunityCode, month: LocalMonth) throws -> Fen? {
        try Int64.fetchOne(
            try db.cachedStatement(
                sql: "SELECT monthly_fen FROM standards WHERE community_code = ? AND effective_date <= ? ORDER BY effective_date DESC LIMIT 1"),
            arguments: [community.rawValue, month.lastDay.description]
        ).map(Fen.init)
    }

    /// A page of a community's standards, newest effective date first, before `beforeDate`.
    package static func list(_ db: Database, community: CommunityCode, beforeDate: String?, limit: Int) throws -> [Record] {
        try Row.fetchAll(
            try db.cachedStatement(
                sql: "SELECT \(columns) FROM standards WHERE community_code = ? AND effective_date < ? ORDER BY effective_date DESC LIMIT ?"),
            arguments: [community.rawValue, beforeDate ?? "9999-99-99", limit]
        ).map(record)
    }

    static let columns = "community_code, effective_date, monthly_fen, set_by, set_at"

    private static func record(_ row: Row) throws -> Record {
        Record(
            community: try CommunityCode(row[0] as String), effectiveDate: try LocalDate(storedISO: row[1] as String), monthly: Fen(row[2]), setBy: row[3],
            setAt: Date(unixMilliseconds: row[4]))
    }
}
