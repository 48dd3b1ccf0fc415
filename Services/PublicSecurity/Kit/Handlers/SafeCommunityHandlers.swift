import DepartmentKit
import Domain
import Foundation
import GRDB
import SecurityContract
import Storage
import WireProtocol
import WireRuntime

/// Safe communities (安全小区) by the configured rule, and their share against the target.
extension SecurityOffice {
    public func getSafeCommunityStatus(_ request: Security.GetSafeCommunityStatusRequest, context: CallContext) async throws
        -> Security.SafeCommunityStatus
    {
        var validation = Validation()
        let community = validation.community(request.communityCode, field: "community_code")
        try validation.finish()
        let served = try validation.unwrap(community, field: "community_code")
        let judged = try asOf(request.asOf)
        try await requireRegistered(served, grid: nil, context: context)
        let counts = try await safetyCounts(asOf: judged)
        return status(served.rawValue, counts, asOf: judged)
    }

    public func getSafeCommunityShare(_ request: Security.GetSafeCommunityShareRequest, context: CallContext) async throws -> Security.SafeCommunityShare {
        let judged = try asOf(request.asOf)
        let communities = try await allCommunities(context).map(\.code).sorted()
        let counts = try await safetyCounts(asOf: judged)
        let statuses = communities.map { status($0, counts, asOf: judged) }
        let safe = statuses.filter(\.safe).count
        let share = SafeCommunityRule.share(safe: safe, of: statuses.count, policy: policy)
        return Security.SafeCommunityShare(
            communities: UInt32(statuses.count), safe: UInt32(safe), sharePerMille: UInt32(share.perMille),
            targetPerMille: UInt32(policy.safeCommunityTargetPerMille), meetsTarget: share.meetsTarget, statuses: statuses)
    }

    /// Serious incidents in the rule's window and overdue open disputes, per community.
    func safetyCounts(asOf judged: LocalDate) async throws -> (serious: [String: Int], overdue: [String: Int]) {
        let since = judged.adding(months: -policy.safeIncidentWindowMonths).startOfDay()
        let overdueBefore = judged.adding(days: -policy.disputeMaxOpenDays)
        return try await database.read { db in
            (try IncidentStore.seriousCounts(db, since: since), try DisputeStore.overdueCounts(db, before: overdueBefore))
        }
    }

    func status(_ community: String, _ counts: (serious: [String: Int], overdue: [String: Int]), asOf judged: LocalDate) -> Security.SafeCommunityStatus {
        let serious = counts.serious[community] ?? 0
        let overdue = counts.overdue[community] ?? 0
        return Security.SafeCommunityStatus(
            communityCode: community, safe: SafeCommunityRule.isSafe(seriousIncidents: serious, overdueDisputes: overdue, policy: policy),
            seriousIncidents: UInt32(serious), overdueDisputes: UInt32(overdue), incidentWindowMonths: UInt32(policy.safeIncidentWindowMonths),
            disputeMaxOpenDays: UInt32(policy.disputeMaxOpenDays), asOf: judged.description)
    }
}
