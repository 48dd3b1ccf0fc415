import DepartmentKit
import Domain
import EmploymentContract
import Foundation
import GRDB
import WireClient
import WireProtocol
import WireRuntime

/// Each community's employment status, including whether it is an unemployment-free community
/// (无待业社区).
extension EmploymentOffice {
    public func getCommunityStatus(_ request: Employment.CommunityStatusRequest, context: CallContext) async throws -> Employment.CommunityStatus {
        var validation = Validation()
        let community = validation.community(request.communityCode, field: "community_code")
        try validation.finish()
        let served = try validation.unwrap(community, field: "community_code")
        let moment = now()
        let today = LocalDate(moment)
        let monthStart = try LocalDate(year: today.year, month: today.month, day: 1).startOfDay()
        let name = try await requireRegistered(served, field: "community_code", context: context)
        let (counts, placed, holders) = try await database.read { db in
            (
                try SeekerStore.counts(db, community: served), try PlacementStore.count(db, community: served, since: monthStart),
                try SeekerStore.promiseHolders(db, community: served)
            )
        }
        var kept = 0, broken = 0
        for seeker in holders {
            switch PlacementPromise.state(of: seeker, at: moment, atRiskSeconds: 0, policy: policy) {
            case .kept: kept += 1
            case .broken: broken += 1
            default: break
            }
        }
        let verdict = UnemploymentFreeRule.evaluate(waitingSince: counts.oldestWaiting.map { [$0] } ?? [], now: moment, policy: policy)
        return Employment.CommunityStatus(
            communityCode: served.rawValue, communityName: name, registered: UInt32(counts.registered), waiting: UInt32(counts.waiting),
            placedThisMonth: UInt32(placed), promisesKept: UInt32(kept), promisesBroken: UInt32(broken),
            unemploymentFree: verdict.unemploymentFree, thresholdDays: UInt32(policy.unemploymentFreeDays),
            longestWaitDays: UInt32(verdict.longestWaitDays))
    }
}
