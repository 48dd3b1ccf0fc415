import Domain
import Foundation

/// A household (户) with its present members, the head first: the unit of the means test.
package struct HouseholdRecord: Sendable, Equatable {
    package var id: Int64
    package var community: CommunityCode
    package var grid: GridCode
    package var address: String
    package var members: [MemberRecord]
    package var registeredAt: Date

    package init(id: Int64, community: CommunityCode, grid: GridCode, address: String, members: [MemberRecord], registeredAt: Date) {
        self.id = id
        self.community = community
        self.grid = grid
        self.address = address
        self.members = members
        self.registeredAt = registeredAt
    }

    /// The head of household (户主); a stored household always has one.
    package var head: MemberRecord? { members.first(where: \.isHead) }

    /// The figures of the means test as the members stand now.
    package var means: HouseholdMeans {
        HouseholdMeans(
            members: members.count, totalIncome: members.reduce(Fen.zero) { $0 + $1.monthlyIncome },
            category: HouseholdMeans.Category(members.map { ($0.workCapacity, $0.seriousIllness) }))
    }
}
