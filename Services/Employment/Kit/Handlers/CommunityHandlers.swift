import DepartmentKit
import Domain
import EmploymentContract
import Foundation
import GRDB
import WireClient
import WireProtocol
import WireRuntime

/// Each community's employment status, including whether it is an unemployment-free community
/// (无待业社区), and the same figures summed over a street or district (roll-ups).
extension EmploymentOffice {
    public func getCommunityStatus(_ request: Employment.CommunityStatusRequest, context: CallContext) async throws -> Employment.CommunityStatus {
        var validation = Validation()
        let community = validation.community(request.communityCode, field: "community_code")
        try validation.finish()
        let served = try validation.unwrap(community, field: "community_code")
        let name = try await requireRegistered(served, field: "community_code", context: context)
        let moment = now()
        return try await database.read { db in try Self.status(db, served, name: name, at: moment, policy: policy) }
    }

    public func getAreaStatus(_ request: Employment.AreaStatusRequest, context: CallContext) async throws -> Employment.AreaStatus {
        var validation = Validation()
        let code = request.areaCode
        validation.require(
            (code.count == 6 || code.count == 9) && code.utf8.allSatisfy { (48...57).contains($0) }, field: "area_code",
            "must be a 6-digit district (区) or 9-digit street (街道) code")
        try validation.finish()
        let moment = now()
        let limit = 500
        return try await database.read { db in
            // the communities this office serves (its mirror of the registry) under the area
            let communities = try CommunityStore.all(db).filter { $0.code.hasPrefix(code) }
            var area = Employment.AreaStatus(areaCode: code, communities: UInt32(communities.count))
            for (index, community) in communities.enumerated() {
                let status = try Self.status(db, try CommunityCode(community.code), name: community.name, at: moment, policy: policy)
                area.add(status)
                if index < limit { area.communityStatuses.append(status) }
            }
            area.truncated = communities.count > limit
            area.unemploymentFree = !communities.isEmpty && area.unemploymentFreeCommunities == area.communities
            return area
        }
    }

    /// A community's figures at `moment`: its counters plus a few index reads; none scans the register.
    static func status(_ db: Database, _ community: CommunityCode, name: String, at moment: Date, policy: EmploymentPolicy) throws
        -> Employment.CommunityStatus
    {
        let today = LocalDate(moment)
        let monthStart = try LocalDate(year: today.year, month: today.month, day: 1).startOfDay()
        let counters = try FigureStore.counters(db, community: community)
        let ahead = try SpellStore.openPromises(db, community: community, from: moment)
        let placed = try PlacementStore.count(db, community: community, since: monthStart)
        let oldest = try SpellStore.oldestCounting(db, community: community, periodStart: monthStart)
        let opened = try SpellStore.opened(db, community: community, monthOf: today)
        let clearedThisMonth = try HouseholdStore.cleared(db, community: community, since: monthStart)
        let verdict = UnemploymentFreeRule.evaluate(waitingSince: oldest.map { [$0] } ?? [], now: moment, policy: policy)
        return Employment.CommunityStatus(
            communityCode: community.rawValue, communityName: name, registered: UInt32(counters.spellsOpened), waiting: UInt32(counters.spellsOpen),
            placedThisMonth: UInt32(placed), promisesKept: UInt32(counters.promisesKept),
            promisesBroken: UInt32(counters.promisesBroken + counters.promisesOpen - ahead),
            unemploymentFree: verdict.unemploymentFree, thresholdDays: UInt32(policy.unemploymentFreeDays),
            longestWaitDays: UInt32(verdict.longestWaitDays), promisesReleased: UInt32(counters.promisesReleased),
            spellsOpenedThisMonth: UInt32(opened.opened), returnsThisMonth: UInt32(opened.returns),
            zeroEmploymentHouseholds: UInt32(counters.zeroHouseholds), householdsCleared: UInt32(counters.householdsCleared),
            householdsClearedThisMonth: UInt32(clearedThisMonth))
    }
}

extension Employment.AreaStatus {
    /// Adds one community's figures to the area's sums.
    mutating func add(_ status: Employment.CommunityStatus) {
        if status.unemploymentFree { unemploymentFreeCommunities += 1 }
        registered += status.registered
        waiting += status.waiting
        placedThisMonth += status.placedThisMonth
        promisesKept += status.promisesKept
        promisesBroken += status.promisesBroken
        promisesReleased += status.promisesReleased
        zeroEmploymentHouseholds += status.zeroEmploymentHouseholds
        householdsCleared += status.householdsCleared
    }
}
