import DepartmentKit
import Domain
import EmploymentContract
import Foundation
import GRDB
import WireClient
import WireProtocol
import WireRuntime

/// Zero-employment households (零就业家庭): a community's list, longest without work first, with
/// the count still on it and the count cleared (a member placed or self-employed).
extension EmploymentOffice {
    public func listZeroEmploymentHouseholds(
        _ request: Employment.ListZeroEmploymentHouseholdsRequest, context: CallContext
    ) async throws -> Employment.ListZeroEmploymentHouseholdsResponse {
        var validation = Validation()
        let community = validation.community(request.communityCode, field: "community_code")
        let page = PageRequest(size: request.pageSize, token: request.pageToken, validation: &validation, keyCount: 2)
        let after = page?.after.flatMap { values -> (since: Int64, household: String)? in Int64(values[0]).map { ($0, values[1]) } }
        validation.require(page?.after == nil || after != nil, field: "page_token", "invalid page_token: not a position in this list")
        try validation.finish()
        let served = try validation.unwrap(community, field: "community_code")
        let pageRequest = try validation.unwrap(page, field: "page_token")
        _ = try await requireRegistered(served, field: "community_code", context: context)
        let (rows, counters) = try await database.read { db in
            (
                try HouseholdStore.zeroPage(db, community: served, after: after, limit: pageRequest.fetchLimit),
                try FigureStore.counters(db, community: served)
            )
        }
        // the members are residents whose data leaves the office: the audit log keys on them
        context.reportResidents(rows.prefix(pageRequest.size).flatMap(\.residents))
        let listed = pageRequest.page(of: rows) { [String($0.zeroSince.unixMilliseconds), $0.householdID] }.map { household in
            Employment.ZeroEmploymentHousehold(
                householdId: household.householdID, seekerIds: household.seekerIDs.map { EntityKind.jobSeeker.format($0) },
                zeroSinceMs: UInt64(household.zeroSince.unixMilliseconds))
        }
        return Employment.ListZeroEmploymentHouseholdsResponse(
            households: listed.rows, nextPageToken: listed.nextToken, total: UInt32(counters.zeroHouseholds),
            cleared: UInt32(counters.householdsCleared))
    }
}
