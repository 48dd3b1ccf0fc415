import AssistanceContract
import DepartmentKit
import Domain
import Foundation
import GRDB

/// Households, their present members, membership changes and the means the payment run uses,
/// in SQL. Every function runs inside the caller's transaction.
package enum HouseholdStore {
    package static func insert(_ db: Database, _ household: HouseholdRecord) throws -> Int64 {
        try db.cachedStatement(sql: "INSERT INTO households(community_code, grid_code, address, registered_at) VALUES (?, ?, ?, ?)")
            .execute(arguments: [household.community.rawValue, household.grid.rawValue, household.address, household.registeredAt.unixMilliseconds])
        let id = db.lastInsertedRowID
        try insertMembers(db, householdID: id, household.members)
        return id
    }

    /// Replaces the household's present members with `household.members` (in order).
    package static func replaceMembers(_ db: Database, _ household: HouseholdRecord) throws {
        try db.cachedStatement(sql: "DELETE FROM members WHERE household_id = ?").execute(arguments: [household.id])
        try insertMembers(db, householdID: household.id, household.members)
    }

    private static func insertMembers(_ db: Database, householdID: Int64, _ members: [MemberRecord]) throws {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO members(id_number, household_id, position, name, relation, income_fen, work_capacity, serious_illness, is_head)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        for (position, member) in members.enumerated() {
            try statement.execute(arguments: [
                member.idNumber.rawValue, householdID, position, member.name, member.relation, member.monthlyIncome.rawValue,
                member.workCapacity.rawValue, member.seriousIllness, member.isHead,
            ])
        }
    }

    /// The household a resident is a present member of.
    package static func householdID(_ db: Database, idNumber: String) throws -> Int64? {
        try Int64.fetchOne(try db.cachedStatement(sql: "SELECT household_id FROM members WHERE id_number = ?"), arguments: [idNumber])
    }

    package static func find(_ db: Database, id: Int64) throws -> HouseholdRecord? {
        guard let row = try Row.fetchOne(try db.cachedStatement(sql: "SELECT \(columns) FROM households WHERE id = ?"), arguments: [id]) else {
            return nil
        }
        return try record(db, row)
    }

    /// A page of a community's (or grid's) households in id order after `afterID`.
    package static func list(_ db: Database, community: CommunityCode, grid: GridCode?, afterID: Int64, limit: Int) throws -> [HouseholdRecord] {
        let rows =
            if let grid {
                try Row.fetchAll(
                    try db.cachedStatement(sql: "SELECT \(columns) FROM households WHERE grid_code = ? AND id > ? ORDER BY id LIMIT ?"),
                    arguments: [grid.rawValue, afterID, limit])
            } else {
                try Row.fetchAll(
                    try db.cachedStatement(sql: "SELECT \(columns) FROM households WHERE community_code = ? AND id > ? ORDER BY id LIMIT ?"),
                    arguments: [community.rawValue, afterID, limit])
            }
        return try rows.map { try record(db, $0) }
    }

    /// Records what changed in a household, by whom and when (the member's number is kept for
    /// the audit trail of the household, never logged).
    package static func recordChange(
        _ db: Database, householdID: Int64, idNumber: ResidentIdentityNumber, change: String, reason: String, actor: String, at: Date
    ) throws {
        try db.cachedStatement(sql: "INSERT INTO member_changes(household_id, id_number, change, reason, actor, at) VALUES (?, ?, ?, ?, ?, ?)")
            .execute(arguments: [householdID, idNumber.rawValue, change, reason, actor, at.unixMilliseconds])
    }

    /// The means the payment run uses from `month` on (replacing a row for the same month).
    package static func setMeans(_ db: Database, householdID: Int64, from month: LocalMonth, _ means: HouseholdMeans) throws {
        try db.cachedStatement(sql: "INSERT OR REPLACE INTO household_means(household_id, from_month, members, income_fen) VALUES (?, ?, ?, ?)")
            .execute(arguments: [householdID, month.description, means.members, means.totalIncome.rawValue])
    }

    /// The means in force for `month` (the latest row from that month or before).
    package static func means(_ db: Database, householdID: Int64, in month: LocalMonth) throws -> HouseholdMeans? {
        try Row.fetchOne(
            try db.cachedStatement(
                sql: "SELECT members, income_fen FROM household_means WHERE household_id = ? AND from_month <= ? ORDER BY from_month DESC LIMIT 1"),
            arguments: [householdID, month.description]
        ).map { HouseholdMeans(members: $0[0], totalIncome: Fen($0[1])) }
    }

    static let columns = "id, community_code, grid_code, address, registered_at"

    /// The households with these ids, each with its members (two queries, whatever the count):
    /// what a page of cases renders from.
    package static func find(_ db: Database, ids: [Int64]) throws -> [Int64: HouseholdRecord] {
        guard !ids.isEmpty else { return [:] }
        let marks = Array(repeating: "?", count: ids.count).joined(separator: ",")
        var members: [Int64: [MemberRecord]] = [:]
        // Cached: a page size gives one statement, prepared once; cursors read rows in place.
        let rows = try Row.fetchCursor(
            try db.cachedStatement(
                sql: "SELECT household_id, \(memberColumns) FROM members WHERE household_id IN (\(marks)) ORDER BY household_id, is_head DESC, position"),
            arguments: StatementArguments(ids))
        while let row = try rows.next() {
            members[row[0], default: []].append(try member(row, from: 1))
        }
        var found: [Int64: HouseholdRecord] = [:]
        let households = try Row.fetchCursor(
            try db.cachedStatement(sql: "SELECT \(columns) FROM households WHERE id IN (\(marks))"), arguments: StatementArguments(ids))
        while let row = try households.next() {
            let household = try record(row, members: members[row[0]] ?? [])
            found[household.id] = household
        }
        return found
    }

    static let memberColumns = "id_number, name, relation, income_fen, work_capacity, serious_illness, is_head"

    private static func record(_ db: Database, _ row: Row) throws -> HouseholdRecord {
        let members = try Row.fetchAll(
            try db.cachedStatement(sql: "SELECT \(memberColumns) FROM members WHERE household_id = ? ORDER BY is_head DESC, position"),
            arguments: [row[0] as Int64]
        ).map { try member($0, from: 0) }
        return try record(row, members: members)
    }

    private static func record(_ row: Row, members: [MemberRecord]) throws -> HouseholdRecord {
        let community = try CommunityCode(row[1] as String)
        return HouseholdRecord(
            id: row[0], community: community, grid: try StoredGrid.read(row[2], in: community), address: row[3], members: members,
            registeredAt: Date(unixMilliseconds: row[4]))
    }

    /// A member read from `memberColumns` starting at column `first`.
    private static func member(_ row: Row, from first: Int) throws -> MemberRecord {
        MemberRecord(
            idNumber: try ResidentIdentityNumber(stored: row[first] as String), name: row[first + 1], relation: row[first + 2],
            monthlyIncome: Fen(row[first + 3]), workCapacity: Assistance.WorkCapacity(rawValue: row[first + 4]) ?? .unspecified,
            seriousIllness: row[first + 5], isHead: row[first + 6])
    }
}
