import DepartmentKit
import Domain
import EmploymentContract
import Foundation
import GRDB
import WireClient
import WireProtocol
import WireRuntime

/// ListPromises: the 48-hour promises (不挑不拣保你48小时上岗) at risk and broken, a page at a time,
/// with the figures as SQL aggregates (the community's counters and the open promises whose
/// deadline is still ahead), never the promise holders loaded into Swift.
extension EmploymentOffice {
    public func listPromises(_ request: Employment.ListPromisesRequest, context: CallContext) async throws -> Employment.ListPromisesResponse {
        var validation = Validation()
        let community = validation.community(request.communityCode, field: "community_code")
        validation.require(request.atRiskHours <= UInt32(policy.promiseHours), field: "at_risk_hours", "at most \(policy.promiseHours)")
        validation.require(
            request.pageToken.isEmpty || request.list != .unspecified, field: "list", "is required with a page_token: AT_RISK or BROKEN")
        let page = PageRequest(size: request.pageSize, token: request.pageToken, validation: &validation, keyCount: 2)
        let after = page?.after.flatMap { values -> (deadline: Int64, spell: Int64)? in
            guard let deadline = Int64(values[0]), let spell = Int64(values[1]), spell > 0 else { return nil }
            return (deadline, spell)
        }
        validation.require(page?.after == nil || after != nil, field: "page_token", "invalid page_token: not a position in this list")
        try validation.finish()
        let served = try validation.unwrap(community, field: "community_code")
        let pageRequest = try validation.unwrap(page, field: "page_token")
        let atRisk = request.atRiskHours == 0 ? policy.defaultAtRiskHours : Int64(request.atRiskHours)
        _ = try await requireRegistered(served, field: "community_code", context: context)
        let moment = now()
        let riskEnd = moment.addingTimeInterval(TimeInterval(atRisk * 3600))
        let wantsRisk = request.list != .broken, wantsBroken = request.list != .atRisk
        let (counters, ahead, riskRows, brokenRows) = try await database.read { db in
            (
                try FigureStore.counters(db, community: served), try SpellStore.openPromises(db, community: served, from: moment),
                wantsRisk
                    ? try SpellStore.promisePage(db, community: served, from: moment, to: riskEnd, after: after, limit: pageRequest.fetchLimit) : [],
                wantsBroken
                    ? try SpellStore.promisePage(db, community: served, from: nil, to: moment, after: after, limit: pageRequest.fetchLimit) : []
            )
        }
        let full = SeekerVisibility(context.principal), today = LocalDate(moment)
        func entries(_ rows: [JobSeekerRecord]) -> Page<Employment.PromiseEntry> {
            pageRequest.page(of: rows) { [String($0.promiseDeadline?.unixMilliseconds ?? 0), String($0.spell.id)] }.map { seeker in
                let left = Int64((seeker.promiseDeadline ?? moment).timeIntervalSince(moment).rounded(.down))
                return Employment.PromiseEntry(
                    seeker: seeker.message(visibility: full, today: today, for: context), hoursLeft: PromiseRules.hoursLeft(secondsLeft: left))
            }
        }
        let risk = entries(riskRows), broken = entries(brokenRows)
        // Open promises past their deadline are broken without a write; the rest were decided.
        let brokenCount = counters.promisesBroken + (counters.promisesOpen - ahead)
        let kept = counters.promisesKept
        return Employment.ListPromisesResponse(
            atRisk: risk.rows, broken: broken.rows, kept: UInt32(kept), brokenCount: UInt32(brokenCount), pending: UInt32(ahead),
            keptPerMille: kept + brokenCount == 0 ? 1000 : UInt32(kept * 1000 / (kept + brokenCount)),
            released: UInt32(counters.promisesReleased), atRiskNextPageToken: risk.nextToken, brokenNextPageToken: broken.nextToken)
    }
}
